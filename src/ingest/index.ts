// Ingest: turn command-line inputs (files, folders, JSONL corpora) into documents.
// I/O lives here; parsing of one file or line is in the pure helpers beside it.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FralignError, isFralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import { parseDateMarker } from './date-marker.ts';
import { decodeUtf8Text } from './read-text.ts';
import { parseJsonlDocument } from './jsonl-documents.ts';
import { applyMetaRows, readMetaTable, readSidecar } from './meta.ts';
import { isJsonlInput, isStdin, readStdin, STDIN_NAME } from './stdin.ts';

export { parseDateMarker, type DateMarker } from './date-marker.ts';
export { decodeUtf8Text } from './read-text.ts';
export { parseJsonlDocument } from './jsonl-documents.ts';

/** A file that was read, for the run manifest. */
export interface InputFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Documents it yielded (1 for .txt, one per valid line for .jsonl). */
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
 * Reads every input: a .txt file is one document (id = file stem), a .jsonl file one document per
 * line (id = its `id` field), a folder is searched recursively for *.txt. Bad inputs become
 * failures with a one-line reason; they never stop the others. Duplicate ids keep the first
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

  const accept = (doc: Document): void => {
    const first = seen.get(doc.id);
    if (first !== undefined) {
      failures.push(failure(doc.path, new FralignError(
        'DUPLICATE_ID',
        `${doc.path}: duplicate document id "${doc.id}", already used by ${first}; rename one of them (ids come from file stems or the JSONL "id" field)`,
      )));
      return;
    }
    seen.set(doc.id, doc.path);
    documents.push(doc);
  };

  for (const input of inputs) {
    let paths: string[];
    try {
      paths = isStdin(input) ? [input] : await expandInput(input);
    } catch (error) {
      failures.push(failure(input, error));
      continue;
    }
    for (const file of paths) {
      try {
        const bytes = isStdin(file) ? await readStdin() : await readFile(file);
        const name = isStdin(file) ? STDIN_NAME : file;
        const docs = isJsonlInput(name, bytes) ? readJsonl(bytes, name, failures) : [await withSidecar(readText(bytes, name), file)];
        docs.forEach(accept);
        files.push({ path: name, bytes: bytes.length, sha256: sha256(bytes), documents: docs.length });
      } catch (error) {
        failures.push(failure(file, error));
      }
    }
  }
  if (options.meta === undefined) return { documents, files, failures };
  const withMeta = applyMetaRows(documents, await readMetaTable(options.meta));
  return { documents: withMeta.documents, files, failures: [...failures, ...withMeta.failures] };
}

/** A .txt article's `NAME.meta.json` sidecar, when there is one, adds to (and overrides) its metadata. */
async function withSidecar(doc: Document, file: string): Promise<Document> {
  const sidecar = isStdin(file) ? undefined : await readSidecar(file);
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

function readJsonl(bytes: Uint8Array, file: string, failures: DocumentFailure[]): Document[] {
  const text = decodeUtf8Text(bytes, file);
  const docs: Document[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const result = parseJsonlDocument(line, file, i + 1);
    if (result.ok) docs.push(result.doc);
    else failures.push(failure(`${file}:${i + 1}`, result.error));
  });
  return docs;
}

/** A file stays a file; a folder becomes its *.txt files, recursively, in sorted order. */
async function expandInput(input: string): Promise<string[]> {
  let info;
  try {
    info = await stat(input);
  } catch {
    throw new FralignError('INPUT', `${input}: no such file or folder; check the path`);
  }
  if (!info.isDirectory()) return [input];
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  const found = entries
    .filter((entry) => entry.isFile() && TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  if (found.length === 0) {
    throw new FralignError('INPUT', `${input}: folder has no *.txt articles; pass .txt files, a folder of them, or .jsonl files`);
  }
  return found;
}

function failure(source: string, error: unknown): DocumentFailure {
  if (isFralignError(error)) return { source, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { source, code: 'INPUT', message: `${source}: ${message}` };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
