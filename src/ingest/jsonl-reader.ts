// JSONL corpora, read line by line as the bytes arrive (from a file, a pipe, or through node:zlib
// from a .jsonl.gz file), so a corpus is never held whole. A bad byte, a NUL or broken JSON on one
// line fails that line (named file:line) and every other line is still read; a gzip file that ends
// early keeps every complete line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FralignError, isFralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import { parseJsonlDocument } from './jsonl-documents.ts';
import { firstInvalidUtf8 } from './read-text.ts';

/** What one line (or one input) gave: a document, or a failure to record, in reading order. */
export type IngestItem = { readonly doc: Document } | { readonly failure: DocumentFailure };

export interface JsonlReader {
  /** Feeds the next bytes; returns what the complete lines among them gave, in line order. */
  push(chunk: Uint8Array): IngestItem[];
  /** The last line (no trailing newline needed); throws INPUT when the corpus held no line at all. */
  end(): IngestItem[];
  /** Complete lines seen so far. */
  readonly lines: number;
}

export function jsonlReader(file: string): JsonlReader {
  let pending: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  let bytesSeen = 0;
  let documents = 0;
  let failed = false;

  const line = (bytes: Uint8Array, out: IngestItem[]): void => {
    lineNumber++;
    const where = `${file}:${lineNumber}`;
    let text: string;
    try {
      text = decodeJsonlLine(bytes, where, lineNumber === 1);
    } catch (error) {
      failed = true;
      out.push({ failure: lineFailure(where, error) });
      return;
    }
    if (text.trim() === '') return;
    const result = parseJsonlDocument(text, file, lineNumber);
    if (result.ok) {
      documents++;
      out.push({ doc: result.doc });
    } else {
      failed = true;
      out.push({ failure: lineFailure(where, result.error) });
    }
  };

  return {
    push(chunk) {
      const out: IngestItem[] = [];
      bytesSeen += chunk.length;
      const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        line(data.subarray(start, end), out);
        start = end + 1;
      }
      // A copy: a view would keep the whole chunk (up to a pipe's 64 KiB, or a file read whole) alive.
      pending = Buffer.from(data.subarray(start));
      return out;
    },
    end() {
      if (bytesSeen === 0) throw new FralignError('INPUT', `${file}: empty file; expected one {"id": "...", "text": "..."} object per line`);
      const out: IngestItem[] = [];
      line(pending, out);
      pending = Buffer.alloc(0);
      if (documents === 0 && !failed) {
        throw new FralignError('INPUT', `${file}: only blank lines; expected one {"id": "...", "text": "..."} object per line`);
      }
      return out;
    },
    get lines() {
      return lineNumber;
    },
  };
}

/** A JSONL corpus read from chunks of bytes, one line's document or failure at a time. */
export async function* jsonlItems(file: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<IngestItem> {
  const reader = jsonlReader(file);
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

/** Size and sha256 of the bytes of one input as they are on disk, for the manifest; set once it is read. */
export interface FileTally {
  bytes: number;
  sha256: string;
}

/**
 * Streams a .jsonl.gz file through gunzip, line by line (the decompressed corpus is never held
 * whole). Data that is not gzip throws INPUT; gzip data that ends early or is damaged keeps the
 * complete lines before the damage and adds one failure naming the file and the last good line.
 * `tally` gets the compressed file's size and hash.
 */
export async function* gzipJsonlItems(file: string, tally: FileTally): AsyncGenerator<IngestItem> {
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = jsonlReader(file);
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // The callback form returns the last stream to read from; an error anywhere in the chain destroys
  // it with that error, so the loop below throws it.
  const gunzip = pipeline(createReadStream(file), hashing, createGunzip(), () => undefined);
  try {
    for await (const chunk of gunzip) yield* reader.push(chunk as Buffer);
  } catch (error) {
    if (isFralignError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !code.startsWith('Z_')) throw error;
    const detail = (error as Error).message;
    if (reader.lines === 0) {
      throw new FralignError('INPUT', `${file}: not valid gzip data (${detail}); expected a gzip-compressed JSONL corpus; name an uncompressed corpus .jsonl`);
    }
    yield {
      failure: {
        source: file,
        code: 'INPUT',
        message: `${file}: gzip data damaged or cut off after line ${reader.lines} (${detail}); the ${reader.lines} complete lines before were read, the rest was not; copy the file again`,
      },
    };
    tally.bytes = bytes;
    tally.sha256 = hash.digest('hex');
    return;
  } finally {
    gunzip.destroy();
  }
  yield* reader.end();
  tally.bytes = bytes;
  tally.sha256 = hash.digest('hex');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One line's bytes as text; a BOM before the first line is dropped (it is not part of any JSON value). */
function decodeJsonlLine(bytes: Uint8Array, where: string, first: boolean): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new FralignError('INPUT', `${where}: NUL byte at column ${nul + 1}; this line was skipped, the other lines were read; remove the byte from this line`);
  }
  let line: string;
  try {
    line = strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new FralignError(
      'INPUT',
      `${where}: not valid UTF-8 (byte 0x${bytes[bad?.offset ?? 0]!.toString(16)} at column ${(bad?.offset ?? 0) + 1}); ` +
        'this line was skipped, the other lines were read; fix that byte in this line only (re-encoding the whole file would garble the valid lines)',
    );
  }
  return first && line.startsWith('\uFEFF') ? line.slice(1) : line;
}

function lineFailure(source: string, error: unknown): DocumentFailure {
  if (isFralignError(error)) return { source, code: error.code, message: error.message };
  return { source, code: 'INPUT', message: `${source}: ${error instanceof Error ? error.message : String(error)}` };
}
