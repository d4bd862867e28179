// Every output file is written to a temp file beside it and renamed into place, so an interrupted
// run leaves either the old file or the new one, never a half-written line.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FralignError } from '../errors.ts';

/** Writes `content` to `file` atomically (temp file in the same folder, fsync, rename). */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) {
        await (typeof content === 'string' ? handle.write(content) : handle.write(content));
      } else {
        // Chunked so a large corpus is not joined into one giant string.
        let chunk = '';
        for (const piece of content) {
          chunk += piece;
          if (chunk.length > 1 << 20) {
            await handle.write(chunk);
            chunk = '';
          }
        }
        if (chunk) await handle.write(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new FralignError('OUTPUT', `${file}: cannot write (${detail}); check the folder exists and is writable`, { cause: error });
  }
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
