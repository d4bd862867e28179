// JSONL corpora, read line by line: from bytes in memory, or streamed through node:zlib from a
// .jsonl.gz file. A bad byte, a NUL or broken JSON on one line fails that line (named file:line)
// and every other line is still read; a gzip file that ends early keeps every complete line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { FralignError, isFralignError } from '../errors.ts';
import type { Document, DocumentFailure } from '../types.ts';
import { parseJsonlDocument } from './jsonl-documents.ts';
import { firstInvalidUtf8 } from './read-text.ts';

export interface JsonlReader {
  /** Feeds the next bytes; complete lines become documents or failures at once. */
  push(chunk: Uint8Array): void;
  /** The last line (no trailing newline needed); throws INPUT when the corpus held no line at all. */
  end(): Document[];
  /** Complete lines seen so far. */
  readonly lines: number;
  /** The documents of the complete lines so far (a cut-off last line left out). */
  readonly documents: readonly Document[];
}

export function jsonlReader(file: string, failures: DocumentFailure[]): JsonlReader {
  const docs: Document[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  let bytesSeen = 0;
  let failed = false;

  const line = (bytes: Uint8Array): void => {
    lineNumber++;
    const where = `${file}:${lineNumber}`;
    let text: string;
    try {
      text = decodeJsonlLine(bytes, where, lineNumber === 1);
    } catch (error) {
      failed = true;
      failures.push(lineFailure(where, error));
      return;
    }
    if (text.trim() === '') return;
    const result = parseJsonlDocument(text, file, lineNumber);
    if (result.ok) docs.push(result.doc);
    else {
      failed = true;
      failures.push(lineFailure(where, result.error));
    }
  };

  return {
    push(chunk) {
      bytesSeen += chunk.length;
      const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        line(data.subarray(start, end));
        start = end + 1;
      }
      pending = Buffer.from(data.subarray(start));
    },
    end() {
      if (bytesSeen === 0) throw new FralignError('INPUT', `${file}: empty file; expected one {"id": "...", "text": "..."} object per line`);
      line(pending);
      pending = Buffer.alloc(0);
      if (docs.length === 0 && !failed) {
        throw new FralignError('INPUT', `${file}: only blank lines; expected one {"id": "...", "text": "..."} object per line`);
      }
      return docs;
    },
    get lines() {
      return lineNumber;
    },
    documents: docs,
  };
}

/** Reads a JSONL corpus held in memory. */
export function readJsonl(bytes: Uint8Array, file: string, failures: DocumentFailure[]): Document[] {
  const reader = jsonlReader(file, failures);
  reader.push(bytes);
  return reader.end();
}

export interface GzipJsonl {
  readonly documents: Document[];
  /** Size and sha256 of the compressed file, as the manifest records inputs. */
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Streams a .jsonl.gz file through gunzip, line by line (the decompressed corpus is never held
 * whole). Data that is not gzip throws INPUT; gzip data that ends early or is damaged keeps the
 * complete lines before the damage and adds one failure naming the file and the last good line.
 */
export async function readGzipJsonl(file: string, failures: DocumentFailure[]): Promise<GzipJsonl> {
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = jsonlReader(file, failures);
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(file), hashing, createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) reader.push(chunk);
    });
  } catch (error) {
    if (isFralignError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !code.startsWith('Z_')) throw error;
    const detail = (error as Error).message;
    if (reader.lines === 0) {
      throw new FralignError('INPUT', `${file}: not valid gzip data (${detail}); expected a gzip-compressed JSONL corpus; name an uncompressed corpus .jsonl`);
    }
    failures.push({
      source: file,
      code: 'INPUT',
      message: `${file}: gzip data damaged or cut off after line ${reader.lines} (${detail}); the ${reader.lines} complete lines before were read, the rest was not; copy the file again`,
    });
    return { documents: [...reader.documents], bytes, sha256: hash.digest('hex') };
  }
  return { documents: reader.end(), bytes, sha256: hash.digest('hex') };
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
