// The derived int8 model files: made once per source file by the rewrite in int8-rewrite.ts and
// cached beside it as `onnx/<name>.int8rows-v<version>-<sha256 of the source, 16 hex>.onnx`.
// A changed source file or a new rewrite version gives a new name, so a stale derived file is never
// used; writing goes through a temporary file and a rename, so a killed run leaves no torn file.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { LOGSUMEXP_OUTPUT } from './greedy.ts';
import { INT8_REWRITE_VERSION, rewriteInt8, type RewriteStats } from './int8-rewrite.ts';
import { encodeModel, readModel } from './onnx-io.ts';


export interface DerivedFile {
  readonly source: string;
  readonly sourceSha256: string;
  readonly file: string;
  /** True when this call wrote it (first use); false when it was already there. */
  readonly created: boolean;
  readonly stats?: RewriteStats;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Where the derived twin of `source` with content hash `sha256` lives. */
export function derivedFileName(source: string, sha256: string): string {
  const base = path.basename(source).replace(/\.onnx$/u, '');
  return path.join(path.dirname(source), `${base}.int8rows-v${INT8_REWRITE_VERSION}-${sha256.slice(0, 16)}.onnx`);
}

/**
 * Seconds the rewrite takes per MB of fp32 source, for the one-time announcement: ~30 s for the
 * opus-mt-fr-en-shaped files (545 MB) on a 2-core machine with a few other jobs (docs/translation.md);
 * 202 s when 8 other jobs shared the 2 cores (load average ~25).
 */
export const DERIVE_S_PER_MB = 0.06;

/** Expected seconds to derive int8 twins of files totalling `bytes`. */
export function expectedDeriveSeconds(bytes: number): number {
  return Math.max(1, Math.round((bytes / 1e6) * DERIVE_S_PER_MB));
}

/** The int8 twin of an fp32 ONNX file, made now if it is not cached yet (`onDeriving` is called first then). */
export async function ensureInt8File(source: string, role: 'encoder' | 'decoder', onDeriving?: () => void): Promise<DerivedFile> {
  const sourceSha256 = await sha256File(source);
  const file = derivedFileName(source, sourceSha256);
  if (existsSync(file)) return { source, sourceSha256, file, created: false };
  onDeriving?.();
  let stats: RewriteStats;
  let bytes: Uint8Array;
  try {
    const model = readModel(source);
    stats = rewriteInt8(model, role === 'decoder' ? { logSumExpName: LOGSUMEXP_OUTPUT } : {});
    bytes = encodeModel(model);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${source}: cannot derive the int8 model (${detail}); run with --dtype fp32 or re-fetch the model`, { cause: error });
  }
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${file}: cannot write the derived int8 model beside its source (${detail}); make the model folder writable or run with --dtype fp32`, { cause: error });
  }
  removeOtherTwins(source, file);
  return { source, sourceSha256, file, created: true, stats };
}

/**
 * Deletes the derived twins of `source` other than `keep`: made by an older rewrite version or from
 * an older source file, they can never be used again and hold ~140 MB each on opus-mt. Best effort:
 * a file that cannot be removed only costs disk.
 */
function removeOtherTwins(source: string, keep: string): void {
  const base = path.basename(source).replace(/\.onnx$/u, '');
  const twin = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\.int8rows-v\\d+-[0-9a-f]{16}\\.onnx$`, 'u');
  for (const name of readdirSync(path.dirname(source))) {
    const file = path.join(path.dirname(source), name);
    if (!twin.test(name) || file === keep) continue;
    try {
      rmSync(file, { force: true });
    } catch {
      // Read-only folder or a file in use elsewhere: leave it.
    }
  }
}
