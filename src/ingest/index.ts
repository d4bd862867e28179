// Ingest: turn command-line inputs (files, folders, JSONL corpora) into documents, one at a time.
// I/O lives here and in read-input.ts / walk.ts; parsing of one file or line is in the pure helpers
// beside them. A corpus is streamed: only the document in hand is held, never the corpus's text.
import { FralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import type { FileTally } from './jsonl-reader.ts';
import { metaApplier, readMetaTable } from './meta.ts';
import { failureOf, readInput } from './read-input.ts';
import { isStdin, STDIN_NAME } from './stdin.ts';
import { expandInput } from './walk.ts';

export { parseDateMarker, type DateMarker } from './date-marker.ts';
export { decodeUtf8Text } from './read-text.ts';
export { parseJsonlDocument } from './jsonl-documents.ts';
export { MAX_STREAM_INPUT_BYTES } from './read-input.ts';

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

/** The documents of a run's inputs, one at a time; `files` and `failures` fill up as they are read. */
export interface DocumentStream {
  /** In input order: arguments as given, folders expanded in sorted order. Iterate once. */
  readonly documents: AsyncGenerator<Document, void, undefined>;
  /** Complete once `documents` has ended. */
  readonly files: readonly InputFile[];
  /** In reading order (a line's failure where the line is), then --meta rows that matched no document. */
  readonly failures: readonly DocumentFailure[];
}

/**
 * Reads every input: a .txt file is one document (id = file stem), a .jsonl (or .jsonl.gz, streamed
 * through gunzip) file one document per line (id = its `id` field), a folder is searched
 * recursively for *.txt; any other file (README.md, package.json, a JSON array) is refused in one
 * line (src/ingest/input-kind.ts). Bad inputs become failures with a one-line reason; they never
 * stop the others. Duplicate ids keep the first document and fail the later one, naming both
 * sources (the id → source map is the one thing kept per document). --meta is read first, applied
 * to each document as it passes, and its rows that matched nothing are failures at the end.
 */
export function ingestDocuments(inputs: readonly string[], options: IngestOptions = {}): DocumentStream {
  if (inputs.length === 0) {
    throw new FralignError('USAGE', 'no inputs given; pass article files, folders of *.txt, or .jsonl files');
  }
  const files: InputFile[] = [];
  const failures: DocumentFailure[] = [];
  return { documents: readAll(inputs, options, files, failures), files, failures };
}

/** Every document in memory at once: for small inputs and library callers (runSplitStage streams instead). */
export async function ingest(inputs: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const stream = ingestDocuments(inputs, options);
  const documents: Document[] = [];
  for await (const doc of stream.documents) documents.push(doc);
  return { documents, files: stream.files, failures: stream.failures };
}

async function* readAll(inputs: readonly string[], options: IngestOptions, files: InputFile[], failures: DocumentFailure[]): AsyncGenerator<Document, void, undefined> {
  const meta = options.meta === undefined ? undefined : metaApplier(await readMetaTable(options.meta));
  const seen = new Map<string, string>();
  for (const input of inputs) {
    let paths: string[];
    try {
      paths = isStdin(input) ? [input] : await expandInput(input, failures);
    } catch (error) {
      failures.push(failureOf(input, error));
      continue;
    }
    for (const file of paths) {
      const name = isStdin(file) ? STDIN_NAME : file;
      const tally: FileTally = { bytes: 0, sha256: '' };
      // Only the documents accepted count (a duplicate id is a failure, not a document of this input).
      let accepted = 0;
      try {
        for await (const item of readInput(file, tally)) {
          if ('failure' in item) {
            failures.push(item.failure);
            continue;
          }
          const first = seen.get(item.doc.id);
          if (first !== undefined) {
            failures.push(failureOf(item.doc.path, new FralignError(
              'DUPLICATE_ID',
              `${item.doc.path}: duplicate document id "${item.doc.id}", already used by ${first}; rename one of them (ids come from file stems or the JSONL "id" field)`,
            )));
            continue;
          }
          seen.set(item.doc.id, item.doc.path);
          accepted++;
          yield meta === undefined ? item.doc : meta.apply(item.doc);
        }
        files.push({ path: name, bytes: tally.bytes, sha256: tally.sha256, documents: accepted });
      } catch (error) {
        const failed = failureOf(file, error);
        // Documents already passed on stay read; say so rather than let the count look like the whole file.
        failures.push(accepted === 0 ? failed : { ...failed, message: `${failed.message}; the ${accepted} documents before it were read, the rest was not` });
      }
    }
  }
  if (meta !== undefined) failures.push(...meta.unmatched());
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
