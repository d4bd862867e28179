// Streaming JSONL for corpus-sized files: a writer that appends lines to a temp file and renames it
// into place on finish (so a reader never sees a half-written file), and a reader that yields one
// parsed line at a time with its byte range (so a later pass can read just the lines it needs).
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { tempPathFor, writeAll, writeError } from './atomic-write.ts';
import { preview } from './read-jsonl.ts';
import { absentWhenNull } from './records.ts';

const FLUSH_BYTES = 1 << 20;

export class JsonlStreamWriter {
  private chunk = '';
  private lines = 0;

  private constructor(readonly file: string, private readonly temp: string, private readonly handle: FileHandle) {}

  static async create(file: string): Promise<JsonlStreamWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    const temp = tempPathFor(file);
    try {
      return new JsonlStreamWriter(file, temp, await open(temp, 'w'));
    } catch (error) {
      throw writeError(file, error, 'cannot write');
    }
  }

  get count(): number {
    return this.lines;
  }

  async write(record: unknown): Promise<void> {
    this.chunk += `${JSON.stringify(record)}\n`;
    this.lines++;
    if (this.chunk.length >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.chunk === '') return;
    const chunk = this.chunk;
    this.chunk = '';
    try {
      await writeAll(this.handle, Buffer.from(chunk, 'utf8'));
    } catch (error) {
      await this.abort();
      throw writeError(this.file, error, 'cannot write');
    }
  }

  /** Flushes, fsyncs and renames the temp file over `file`. */
  async finish(): Promise<void> {
    await this.flush();
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temp, this.file);
    } catch (error) {
      await this.handle.close().catch(() => undefined);
      await rm(this.temp, { force: true }).catch(() => undefined);
      throw writeError(this.file, error, 'cannot write');
    }
  }

  /** Drops the temp file; the previous `file` (if any) stays as it was. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}


/** One line of a JSONL file: its parsed value, 1-based line number and byte range. */
export interface JsonlLine<T> {
  readonly value: T;
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
}

/**
 * Reads a JSONL file line by line (blank lines skipped). A missing file is MISSING_STAGE_OUTPUT
 * with `hint`; a line that is not JSON is an OUTPUT error naming file:line.
 */
export async function* readJsonlLines<T>(file: string, hint: string): AsyncGenerator<JsonlLine<T>> {
  const stream = createReadStream(file);
  let rest = Buffer.alloc(0);
  let offset = 0;
  let line = 0;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let buffer = rest.length > 0 ? Buffer.concat([rest, piece]) : piece;
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
        line++;
        const parsed = parseLine<T>(buffer.subarray(start, nl), file, line);
        if (parsed !== undefined) yield { value: parsed, line, offset: offset + start, bytes: nl + 1 - start };
        start = nl + 1;
      }
      offset += start;
      buffer = buffer.subarray(start);
      rest = Buffer.from(buffer);
    }
    if (rest.length > 0) {
      line++;
      const parsed = parseLine<T>(rest, file, line);
      if (parsed !== undefined) yield { value: parsed, line, offset, bytes: rest.length };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FralignError('MISSING_STAGE_OUTPUT', `${file} not found; ${hint}`);
    throw error;
  } finally {
    stream.destroy();
  }
}

function parseLine<T>(bytes: Buffer, file: string, line: number): T | undefined {
  const text = bytes.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    // Lines stay as written (nulls kept), so `fralign merge` copies them byte for byte.
    return JSON.parse(text) as T;
  } catch (error) {
    throw new FralignError('OUTPUT', `${file}:${line}: invalid JSON (${(error as Error).message}); got ${preview(text)}; regenerate the folder with the command that wrote it`, { cause: error });
  }
}

/**
 * Reads the given byte ranges of a file (sorted by offset) and parses each range's JSONL lines, with
 * null-valued optional fields made absent as the stages expect (see records.ts absentWhenNull).
 */
export async function readJsonlRanges<T>(file: string, ranges: readonly (readonly [offset: number, bytes: number])[]): Promise<T[]> {
  const handle = await open(file, 'r');
  try {
    const values: T[] = [];
    for (const [offset, bytes] of ranges) {
      const buffer = Buffer.alloc(bytes);
      await handle.read(buffer, 0, bytes, offset);
      for (const text of buffer.toString('utf8').split('\n')) {
        if (text.trim() !== '') values.push(JSON.parse(text, absentWhenNull) as T);
      }
    }
    return values;
  } finally {
    await handle.close();
  }
}
