// Every output file is written to a temp file beside it and renamed into place, so an interrupted
// run, a full disk or an I/O error leaves either the old file or the new one, never a torn one.
// Every step is checked before the rename: a short write is continued, a write that makes no
// progress, a failed fsync or a failed close aborts and the temp file is removed.
// One writer (replaceAtomically) does this for run files (writeFileAtomic: strings, bytes, line
// generators) and for files the user names (writeStreamAtomic: producers that write to a stream).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { FralignError } from '../errors.ts';

/** Bytes gathered before one write call: large corpora are never joined into one giant string. */
const CHUNK_BYTES = 1 << 20;

/** `.NAME.PID-RANDOM.tmp`: the pid lets a later run tell a killed writer's leftover from a live one. */
const TEMP_PATTERN = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;

export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `content` to `file` atomically (temp file in the same folder, every write checked, fsync, close, rename). */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  await replaceAtomically(file, async (handle) => {
    for (const chunk of chunks(content)) await writeAll(handle, chunk);
  });
}

/**
 * Writes `file` atomically from a stream: `write` writes the content to `out` (waiting on
 * back-pressure) and resolves when done; every write to the temp file is checked. For producers
 * that write to a stream (exports, the report to a user-named file: src/output/user-output.ts).
 */
export async function writeStreamAtomic(file: string, write: (out: Writable) => Promise<void>): Promise<void> {
  await replaceAtomically(file, async (handle) => {
    const out = handleStream(handle);
    await write(out);
    await endStream(out);
    if (out.errored) throw out.errored;
  });
}

/**
 * Folders whose killed writers' temp files this process has already removed. Once per folder is
 * enough (a temp file is named by its writer's pid, and a dead writer leaves no new ones), and once
 * it must be: the report writes one page per story into one folder, and reading that folder before
 * every page made a 25,000-story report quadratic (100k articles: minutes of readdir).
 */
const cleaned = new Set<string>();

/**
 * The one temp-file writer behind both: folder made, killed writers' temp files removed, `fill`
 * writes the temp file, then fsync, close, rename over `file`. On any failure the temp file is
 * removed and `file` is untouched; a FralignError from `fill` (the producer's own, already one
 * line) passes through, anything else becomes one WRITE_FAILED line naming `file`.
 */
async function replaceAtomically(file: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const dir = path.dirname(file);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(file, error, 'cannot create its folder');
  }
  if (!cleaned.has(dir)) {
    cleaned.add(dir);
    await removeStaleTemps(dir);
  }
  const temp = tempPathFor(file);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'w');
    await fill(handle);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await rename(temp, file);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof FralignError) throw error;
    throw writeError(file, error, 'cannot write');
  }
}

/** A Writable over a file handle whose every write is checked (short writes continued, no-progress = ENOSPC). */
export function handleStream(handle: FileHandle): Writable {
  return new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      writeAll(handle, chunk).then(() => callback(), callback);
    },
  });
}

/** Ends `out` and resolves once everything written has been flushed; rejects with the stream's error. */
export function endStream(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => (out.errored ? reject(out.errored) : resolve()));
  });
}

/** Writes every byte of `bytes`, continuing after short writes; a write that makes no progress is an error. */
export async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (!Number.isInteger(bytesWritten) || bytesWritten <= 0) {
      throw Object.assign(new Error(`ENOSPC: no space left on device (write made no progress at byte ${offset})`), { code: 'ENOSPC' });
    }
    offset += bytesWritten;
  }
}

function* chunks(content: string | Uint8Array | Iterable<string>): Generator<Buffer> {
  if (content instanceof Uint8Array) {
    yield Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return;
  }
  if (typeof content === 'string') {
    // A string may itself be large: encode it in slices (never splitting a surrogate pair).
    for (let start = 0; start < content.length; ) {
      let end = Math.min(content.length, start + CHUNK_BYTES);
      if (end < content.length && /[\uD800-\uDBFF]/.test(content[end - 1]!)) end--;
      yield Buffer.from(content.slice(start, end), 'utf8');
      start = end;
    }
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const piece of content) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK_BYTES) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.from(pending.join(''), 'utf8');
}

export function writeError(file: string, error: unknown, what: string): FralignError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const advice =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'free some space and run the same command again'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'make the folder writable or choose another --out'
        : 'check the disk and run the same command again';
  return new FralignError('WRITE_FAILED', `${file}: ${what} (${oneLine(detail)}); the previous file is untouched; ${advice}`, { cause: error });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left in `dir` by writers that were killed (their pid is gone). A live writer's
 * temp file is left alone. Returns the names removed.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    await rm(path.join(dir, name), { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

/** One JSON value per line, `\n`-terminated. */
export function* jsonLines(records: Iterable<unknown>): Generator<string> {
  for (const record of records) yield `${JSON.stringify(record)}\n`;
}

export async function writeJsonlAtomic(file: string, records: Iterable<unknown>): Promise<void> {
  await writeFileAtomic(file, jsonLines(records));
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
