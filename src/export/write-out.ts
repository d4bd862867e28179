// Writes a streamed export: '-' → standard output, else a temp file beside the target that is
// fsynced and renamed over it only when every byte is written (a failed export leaves the old file).
// The callback shape is the one of src/output/user-output.ts writeUserOutput, which replaces this
// once it is on main.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { tempPathFor, writeAll, writeError } from '../output/atomic-write.ts';

export async function writeOutputFile(
  target: string,
  stdout: NodeJS.WritableStream,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  if (target === '-') {
    await write(stdout);
    return;
  }
  try {
    await mkdir(path.dirname(target), { recursive: true });
  } catch (error) {
    throw writeError(target, error, 'cannot create its folder');
  }
  const temp = tempPathFor(target);
  const handle = await open(temp, 'w').catch((error: unknown) => {
    throw writeError(target, error, 'cannot write');
  });
  let failed: unknown;
  // Each chunk is written (short writes continued) before the writer is asked for the next.
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writeAll(handle, chunk).then(
        () => done(),
        (error: unknown) => {
          failed ??= error;
          done(error as Error);
        },
      );
    },
  });
  out.on('error', () => undefined);
  try {
    await write(out);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (failed) throw failed;
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof Error && error.name === 'FralignError') throw error;
    throw writeError(target, failed ?? error, 'cannot write');
  }
}
