// Ingest: turn command-line inputs (files, folders, JSONL corpora) into documents.
// I/O lives here; parsing of one file or line is in the pure helpers beside it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { FralignError, isFralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import { parseDateMarker } from './date-marker.ts';
import { decodeUtf8Text } from './read-text.ts';
import { inputKind } from './input-kind.ts';
import { readGzipJsonl, readJsonl } from './jsonl-reader.ts';
import { applyMetaRows, readMetaTable, readSidecar } from './meta.ts';
import { isStdin, readStdin, STDIN_NAME } from './stdin.ts';

export { parseDateMarker, type DateMarker } from './date-marker.ts';
export { decodeUtf8Text } from './read-text.ts';
export { parseJsonlDocument } from './jsonl-documents.ts';

/** A file that was read, for the run manifest. */
export interface InputFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Documents it yielded (1 for .txt, one per valid line for .jsonl and .jsonl.gz). */
  readonly documents: number;
}

export interface IngestResult {
  /** In input order: arguments as given, folders expanded in sorted order. */
  readonly documents: readonly Document[];
  readonly files: readonly InputFile[];
  /** Inputs that could not become documents; every other input was still read. */
  readonly failures: readonly DocumentFailure[];
}

export interface IngestOptions {
  /** A --meta file (CSV or JSONL) of document metadata keyed by id or file name. */
  readonly meta?: string | undefined;
}

/** File extensions read as one article per file when a folder is given. */
const TEXT_EXTENSIONS = new Set(['.txt']);

/**
 * Reads every input: a .txt file is one document (id = file stem), a .jsonl (or .jsonl.gz, streamed
 * through gunzip) file one document per line (id = its `id` field), a folder is searched
 * recursively for *.txt; any other file (README.md, package.json, a JSON array) is refused in one
 * line (src/ingest/input-kind.ts). Bad inputs become failures with a one-line reason; they never stop the others. Duplicate ids keep the first
 * document and fail the later one, naming both sources.
 */
export async function ingest(inputs: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  if (inputs.length === 0) {
    throw new FralignError('USAGE', 'no inputs given; pass article files, folders of *.txt, or .jsonl files');
  }
  const documents: Document[] = [];
  const files: InputFile[] = [];
  const failures: DocumentFailure[] = [];
  const seen = new Map<string, string>();

  const accept = (doc: Document): boolean => {
    const first = seen.get(doc.id);
    if (first !== undefined) {
      failures.push(failure(doc.path, new FralignError(
        'DUPLICATE_ID',
        `${doc.path}: duplicate document id "${doc.id}", already used by ${first}; rename one of them (ids come from file stems or the JSONL "id" field)`,
      )));
      return false;
    }
    seen.set(doc.id, doc.path);
    documents.push(doc);
    return true;
  };

  for (const input of inputs) {
    let paths: string[];
    try {
      paths = isStdin(input) ? [input] : await expandInput(input, failures);
    } catch (error) {
      failures.push(failure(input, error));
      continue;
    }
    for (const file of paths) {
      try {
        const name = isStdin(file) ? STDIN_NAME : file;
        // Known extensions are decided before reading; a name without one is sniffed from its bytes.
        if (inputKind(name, new Uint8Array()) === 'jsonl-gz') {
          const read = await readGzipJsonl(file, failures);
          const accepted = read.documents.filter(accept).length;
          files.push({ path: name, bytes: read.bytes, sha256: read.sha256, documents: accepted });
          continue;
        }
        const bytes = isStdin(file) ? await readStdin() : await readInputFile(file);
        const docs = inputKind(name, bytes) === 'jsonl' ? readJsonl(bytes, name, failures) : [await withSidecar(readText(bytes, name), file, failures)];
        // Only the documents accepted (a duplicate id is a failure, not a document of this input).
        const accepted = docs.filter(accept).length;
        files.push({ path: name, bytes: bytes.length, sha256: sha256(bytes), documents: accepted });
      } catch (error) {
        failures.push(failure(file, error));
      }
    }
  }
  if (options.meta === undefined) return { documents, files, failures };
  const withMeta = applyMetaRows(documents, await readMetaTable(options.meta));
  return { documents: withMeta.documents, files, failures: [...failures, ...withMeta.failures] };
}

/**
 * A .txt article's `NAME.meta.json` sidecar, when there is one, adds to (and overrides) its
 * metadata. A bad sidecar is a failure of its own; the article is still read, without it.
 */
async function withSidecar(doc: Document, file: string, failures: DocumentFailure[]): Promise<Document> {
  let sidecar;
  try {
    sidecar = isStdin(file) ? undefined : await readSidecar(file);
  } catch (error) {
    const failed = failure(file, error);
    failures.push({ ...failed, message: `${failed.message}; the article was read without it` });
    return doc;
  }
  return sidecar === undefined ? doc : { ...doc, meta: { ...doc.meta, ...sidecar } };
}

function readText(bytes: Uint8Array, file: string): Document {
  const text = decodeUtf8Text(bytes, file);
  const marker = parseDateMarker(text);
  return {
    id: path.basename(file, path.extname(file)),
    path: file,
    text,
    meta: marker ? { date: marker.date } : {},
  };
}

/** The most fralign reads from one pipe or FIFO named as input (a regular file is read whole). */
export const MAX_STREAM_INPUT_BYTES = 1 << 30;

/**
 * A named input's bytes. A device (`/dev/zero`, `/dev/urandom`) is refused: it would be read
 * without end. A FIFO or pipe (`<(zcat x.gz)`) is read up to MAX_STREAM_INPUT_BYTES.
 */
async function readInputFile(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (info.isFile()) return readFile(file);
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    throw new FralignError('INPUT', `${file}: is a device, not a file of articles; pass .txt or .jsonl files, or - for standard input`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length;
    if (size > MAX_STREAM_INPUT_BYTES) {
      throw new FralignError('INPUT', `${file}: more than ${MAX_STREAM_INPUT_BYTES / 2 ** 30} GiB from a pipe; write it to a file (or JSONL, one document per line) and pass that`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A file stays a file; a folder becomes its *.txt files, recursively, in sorted order. Problems inside a folder become failures. */
async function expandInput(input: string, failures: DocumentFailure[]): Promise<string[]> {
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

/**
 * Refuses a run in which no input became a document (a mistyped path, a folder of bad files): it
 * would replace a good run folder's outputs with empty ones. Names the first failures.
 */
export function noDocumentsError(failures: readonly DocumentFailure[], outDir: string): FralignError {
  const shown = failures.slice(0, 3).map((f) => f.message).join('; ');
  const more = failures.length > 3 ? ` (+${failures.length - 3} more)` : '';
  return new FralignError(
    'INPUT',
    `no readable input${shown ? ` (${shown}${more})` : ''}; nothing was written to ${outDir}; check the paths and run again`,
  );
}

function failure(source: string, error: unknown): DocumentFailure {
  if (isFralignError(error)) return { source, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { source, code: 'INPUT', message: `${source}: ${message}` };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
