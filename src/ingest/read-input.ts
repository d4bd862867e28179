// One input (a file, a pipe, or standard input) → its documents and failures, one at a time, plus
// its size and sha256 for the manifest. A JSONL corpus is parsed as its bytes arrive, so a corpus of
// any size costs one chunk and one line in memory; a .txt article is one document and is read whole.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FralignError, isFralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import { parseDateMarker } from './date-marker.ts';
import { firstLineWatcher, inputKind, isGzip, kindByName, startsAsJsonl } from './input-kind.ts';
import { gzipJsonlItems, jsonlItems, type FileTally, type IngestItem } from './jsonl-reader.ts';
import { readSidecar } from './meta.ts';
import { decodeUtf8Text } from './read-text.ts';
import { isStdin, STDIN_NAME } from './stdin.ts';

/** The most fralign holds from one pipe or FIFO read whole (an article, or a stream not yet known to be JSONL). */
export const MAX_STREAM_INPUT_BYTES = 1 << 30;

/**
 * The documents and failures of one input, in reading order. Throws (INPUT) when the input as a
 * whole cannot be read; documents yielded before such an error stay read. `tally` is filled once
 * the input has been read to its end.
 */
export async function* readInput(file: string, tally: FileTally): AsyncGenerator<IngestItem> {
  const name = isStdin(file) ? STDIN_NAME : file;
  // Known extensions are decided before reading (a README.md is refused unread); a name without one is sniffed from its bytes.
  const byName = kindByName(name);
  if (byName === 'jsonl-gz') {
    yield* gzipJsonlItems(file, tally);
    return;
  }
  const source = await openInput(file);
  const hash = createHash('sha256');
  let bytes = 0;
  const chunks = (async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of source.chunks) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      hash.update(buffer);
      bytes += buffer.length;
      yield buffer;
    }
  })();
  const done = (): void => {
    tally.bytes = bytes;
    tally.sha256 = hash.digest('hex');
  };
  try {
    if (byName === 'jsonl') {
      yield* jsonlItems(name, chunks);
      done();
      return;
    }
    // No extension: read until the first line shows whether this is JSONL; if it is, stream the rest.
    const head: Buffer[] = [];
    if (byName === undefined) {
      const complete = firstLineWatcher();
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        head.push(next.value);
        if (complete(next.value) || isGzip(head[0]!)) break;
      }
      const start = Buffer.concat(head);
      // Gzip data is refused from its first bytes, not after reading it all.
      if (isGzip(start)) inputKind(name, start);
      if (startsAsJsonl(start)) {
        yield* jsonlItems(name, prepend(head, chunks));
        done();
        return;
      }
    }
    // An article, or a stream whose start did not settle it (inputKind decides on the whole).
    const whole = await collect(prepend(head, chunks), source.capped ? file : undefined);
    done();
    if (inputKind(name, whole) === 'jsonl') yield* jsonlItems(name, [whole]);
    else yield* textDocument(whole, name, file);
  } finally {
    await chunks.return(undefined);
    source.close();
  }
}

/** A .txt article (or stdin holding one): one document, id = file stem, plus its sidecar's metadata. */
async function* textDocument(bytes: Uint8Array, name: string, file: string): AsyncGenerator<IngestItem> {
  const text = decodeUtf8Text(bytes, name);
  const marker = parseDateMarker(text);
  const doc: Document = { id: path.basename(name, path.extname(name)), path: name, text, meta: marker ? { date: marker.date } : {} };
  // A bad sidecar is a failure of its own; the article is still read, without it.
  let sidecar;
  try {
    sidecar = isStdin(file) ? undefined : await readSidecar(file);
  } catch (error) {
    const failed = failureOf(file, error);
    yield { failure: { ...failed, message: `${failed.message}; the article was read without it` } };
  }
  yield { doc: sidecar === undefined ? doc : { ...doc, meta: { ...doc.meta, ...sidecar } } };
}

interface InputBytes {
  readonly chunks: AsyncIterable<Buffer | string>;
  /** A pipe or FIFO: what is held of it whole is capped at MAX_STREAM_INPUT_BYTES. */
  readonly capped: boolean;
  /** Releases the file (a no-op once it was read to its end, or for standard input). */
  readonly close: () => void;
}

/** Standard input, a regular file, or a pipe/FIFO. A device (`/dev/zero`, `/dev/urandom`) is refused: it would be read without end. */
async function openInput(file: string): Promise<InputBytes> {
  if (isStdin(file)) return { chunks: process.stdin, capped: false, close: () => undefined };
  const info = await stat(file);
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    throw new FralignError('INPUT', `${file}: is a device, not a file of articles; pass .txt or .jsonl files, or - for standard input`);
  }
  const stream = createReadStream(file);
  return { chunks: stream, capped: !info.isFile(), close: () => stream.destroy() };
}

async function* prepend(first: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** All the bytes; over MAX_STREAM_INPUT_BYTES from the pipe `cappedFile` is an error naming it. */
async function collect(chunks: AsyncIterable<Buffer>, cappedFile: string | undefined): Promise<Buffer> {
  const all: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (cappedFile !== undefined && size > MAX_STREAM_INPUT_BYTES) {
      throw new FralignError('INPUT', `${cappedFile}: more than ${MAX_STREAM_INPUT_BYTES / 2 ** 30} GiB from a pipe; write it to a file (or JSONL, one document per line) and pass that`);
    }
    all.push(chunk);
  }
  return Buffer.concat(all);
}

/** An error as a failure of `source`: a FralignError keeps its one-line message, anything else is named after the source. */
export function failureOf(source: string, error: unknown): DocumentFailure {
  if (isFralignError(error)) return { source, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { source, code: 'INPUT', message: `${source}: ${message}` };
}
