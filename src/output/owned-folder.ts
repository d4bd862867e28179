// A folder of generated files beside a user-named output (the report's `X-stories/`). fralign
// deletes only what it created and recorded: the folder holds a record of the files fralign wrote
// there; a rewrite removes only recorded files the new set no longer has, and a folder that exists
// without that record (not made by fralign) is refused, never emptied.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';

/** The record of the files fralign wrote in the folder. */
export const OWNED_RECORD = '.fralign-files.json';

export interface OwnedFolder {
  readonly dir: string;
  /** Writes NAME (a plain file name) atomically in the folder and records it. */
  write(name: string, content: string | Uint8Array | Iterable<string>): Promise<string>;
  /** Records the files written and removes recorded files of an earlier write that this one did not make. */
  finish(): Promise<void>;
}

/** Opens `dir` for generated files; throws USAGE when it exists and fralign did not make it. `what` names it in messages. */
export async function openOwnedFolder(dir: string, what: string): Promise<OwnedFolder> {
  const earlier = await readRecord(dir, what);
  await mkdir(dir, { recursive: true });
  const written = new Set<string>();
  return {
    dir,
    async write(name, content) {
      const file = path.join(dir, name);
      await writeFileAtomic(file, content);
      written.add(name);
      return file;
    },
    async finish() {
      await writeJsonAtomic(path.join(dir, OWNED_RECORD), { writer: 'fralign', files: [...written].sort() });
      for (const name of earlier) {
        if (!written.has(name)) await rm(path.join(dir, name), { force: true });
      }
    },
  };
}

async function readRecord(dir: string, what: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new FralignError('USAGE', `${dir}: ${what} needs this folder, but a file is in the way; move it or choose another file name`);
    throw error;
  }
  if (names.length === 0) return [];
  let files: unknown;
  try {
    files = (JSON.parse(await readFile(path.join(dir, OWNED_RECORD), 'utf8')) as { files?: unknown }).files;
  } catch {
    files = undefined;
  }
  if (!Array.isArray(files) || !files.every((name) => typeof name === 'string' && name === path.basename(name))) {
    throw new FralignError(
      'USAGE',
      `${dir}: ${what} writes its pages into this folder, but it exists and was not made by fralign (no ${OWNED_RECORD}); move it away or choose another file name`,
    );
  }
  return files as string[];
}
