// Folders named as inputs: their *.txt articles, found recursively and in sorted order, so a run
// reads the same documents in the same order on every machine.
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import type { DocumentFailure } from '../types.ts';
import { failureOf as failure } from './read-input.ts';

/** File extensions read as one article per file when a folder is given. */
const TEXT_EXTENSIONS = new Set(['.txt']);

/** A file stays a file; a folder becomes its *.txt files, recursively, in sorted order. Problems inside a folder become failures. */
export async function expandInput(input: string, failures: DocumentFailure[]): Promise<string[]> {
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FralignError('INPUT', `${input}: symlink loop; point it at a real file or folder`);
    throw new FralignError('INPUT', `${input}: no such file or folder; check the path`);
  }
  if (!info.isDirectory()) return [input];
  const found = await walkFolder(input, failures);
  if (found.length === 0 && !failures.some((f) => f.source.startsWith(input))) {
    throw new FralignError('INPUT', `${input}: folder has no *.txt articles; pass .txt files, a folder of them, or .jsonl files`);
  }
  return found;
}

/**
 * The *.txt files under `root`, sorted. Symlinks are followed, to files and to folders; a folder
 * reached twice (a link loop, or two links to one folder) is read once and the other way to it is
 * reported. An unreadable folder or a broken link is reported; the rest is still read.
 */
async function walkFolder(root: string, failures: DocumentFailure[]): Promise<string[]> {
  const found: string[] = [];
  const seen = new Map<string, string>();
  const visit = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      failures.push(failure(dir, new FralignError('INPUT', `${dir}: cannot resolve folder (${errorText(error)}); its articles were skipped`)));
      return;
    }
    const earlier = seen.get(real);
    if (earlier !== undefined) {
      failures.push(failure(dir, new FralignError('INPUT', `${dir}: links to ${earlier}, already read (symlink loop or second link); read once`)));
      return;
    }
    seen.set(real, dir);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failures.push(failure(dir, new FralignError('INPUT', `${dir}: cannot read folder (${errorText(error)}); its articles were skipped, the others were read; fix its permissions and run again`)));
      return;
    }
    for (const entry of entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          if (TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || (error as NodeJS.ErrnoException).code === 'ELOOP') {
            failures.push(failure(full, new FralignError('INPUT', `${full}: broken symlink (${errorText(error)}); fix or remove the link`)));
          }
          continue;
        }
      }
      if (isDir) await visit(full);
      else if (isFile && TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
      else if (!isFile && TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        // A FIFO, socket or device named like an article: reading it could block or never end.
        failures.push(failure(full, new FralignError('INPUT', `${full}: ${specialKind(entry)}, not a regular file; skipped (name it on the command line to read it as a stream)`)));
      }
    }
  };
  await visit(root);
  return found.sort();
}

function specialKind(entry: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a file';
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
