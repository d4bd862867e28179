// Reading the pipeline's own JSONL outputs back, checking each line against the data contract,
// so a later stage (or inspect) fails on a damaged file with file:line instead of misbehaving.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { absentWhenNull } from './records.ts';

/** A check returns what is wrong with a parsed line (to go after "expected"), or undefined when it is fine. */
export type LineCheck = (value: unknown) => string | undefined;

/**
 * Parses JSONL text: one JSON value per non-blank line, each passing `check`.
 * Errors name `file:line`, what was expected and what was found.
 */
export function parseJsonl<T>(text: string, file: string, check: LineCheck = () => undefined): T[] {
  const values: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const value = parseLine(lines[i]!, file, i + 1, check);
    if (value !== SKIP) values.push(value as T);
  }
  return values;
}

const SKIP = Symbol('blank line');

function parseLine(raw: string, file: string, lineNumber: number, check: LineCheck): unknown {
  const line = raw.trim();
  if (line === '') return SKIP;
  let value: unknown;
  try {
    value = JSON.parse(line, absentWhenNull);
  } catch (error) {
    throw new FralignError(
      'OUTPUT',
      `${file}:${lineNumber}: invalid JSON (${(error as Error).message}); got ${preview(line)}; ` +
        'regenerate the folder with the command that wrote it',
      { cause: error },
    );
  }
  const problem = check(value);
  if (problem !== undefined) {
    throw new FralignError(
      'OUTPUT',
      `${file}:${lineNumber}: expected ${problem}; got ${preview(line)}; regenerate the folder with the command that wrote it`,
    );
  }
  return value;
}

/**
 * Reads and parses a JSONL file line by line (streamed: a file larger than the longest string V8
 * allows, ~512 MB, still reads). A missing file is MISSING_STAGE_OUTPUT with `hint` (the command
 * that makes it); a malformed line is an OUTPUT error naming file:line.
 */
export async function readJsonlFile<T>(file: string, hint: string, check: LineCheck = () => undefined): Promise<T[]> {
  const values: T[] = [];
  for await (const value of streamJsonlFile<T>(file, hint, check)) values.push(value);
  return values;
}

/** The values of a JSONL file one at a time, checked like readJsonlFile, without holding the file in memory. */
export async function* streamJsonlFile<T>(file: string, hint: string, check: LineCheck = () => undefined): AsyncGenerator<T> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR: is a folder'), { code: 'EISDIR' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${file} not found; ${hint}`);
    }
    throw new FralignError('OUTPUT', `${file}: cannot read (${(error as Error).message})`, { cause: error });
  }
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const value = parseLine(line, file, lineNumber, check);
      if (value !== SKIP) yield value as T;
    }
  } catch (error) {
    if (error instanceof FralignError) throw error;
    throw new FralignError('OUTPUT', `${file}: cannot read (${(error as Error).message})`, { cause: error });
  } finally {
    lines.close();
    stream.destroy();
  }
}

export function preview(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** First missing/ill-typed field among `fields` (name → typeof), as "field" text, or undefined. */
function badField(value: Record<string, unknown>, fields: Record<string, 'string' | 'number'>): string | undefined {
  for (const [name, type] of Object.entries(fields)) {
    if (typeof value[name] !== type) return `"${name}" (${type})`;
  }
  return undefined;
}

function optionalString(value: Record<string, unknown>, name: string): string | undefined {
  return value[name] === undefined || typeof value[name] === 'string' ? undefined : `"${name}" (string, optional)`;
}

const SEGMENT_FIELDS = { id: 'string', doc: 'string', index: 'number', start: 'number', end: 'number', kind: 'string', fr: 'string' } as const;
const PAIR_FIELDS = {
  a: 'string', b: 'string', a_doc: 'string', b_doc: 'string',
  a_start: 'number', a_end: 'number', b_start: 'number', b_end: 'number',
  a_fr: 'string', b_fr: 'string', score: 'number', grade: 'number',
} as const;
const MEMBER_FIELDS = { id: 'string', doc: 'string', start: 'number', end: 'number', fr: 'string' } as const;

export function checkSegment(value: unknown): string | undefined {
  if (!isObject(value)) return 'a Segment object';
  const bad = badField(value, SEGMENT_FIELDS) ?? optionalString(value, 'en');
  return bad ? `a Segment with field ${bad}` : checkSegmentSpan(value);
}

/**
 * Offsets a segment must have to point back into its document: whole numbers, 0 ≤ start ≤ end,
 * end − start = the length of `fr` (UTF-16 code units, as `text.slice(start, end) === fr`), and
 * end ≤ the document's length when `docLengths` knows it (manifest `documents[].chars`). Lines
 * whose offset fields are not numbers are left to the type check.
 */
export function checkSegmentSpan(value: unknown, docLengths?: ReadonlyMap<string, number>): string | undefined {
  if (!isObject(value)) return undefined;
  const { start, end, fr, doc, index } = value;
  if (typeof start !== 'number' || typeof end !== 'number' || typeof fr !== 'string') return undefined;
  const span = `(start ${start}, end ${end})`;
  if (typeof index === 'number' && (!Number.isInteger(index) || index < 0)) return `a Segment with a whole, non-negative "index"`;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `a Segment with whole-number offsets ${span}`;
  if (start < 0) return `a Segment with non-negative offsets ${span}`;
  if (end < start) return `a Segment with start ≤ end ${span}`;
  if (end - start !== fr.length) return `a Segment whose offsets span its "fr" (end − start = ${fr.length}) ${span}`;
  const length = typeof doc === 'string' ? docLengths?.get(doc) : undefined;
  if (length !== undefined && end > length) return `a Segment inside its document (${length} characters long) ${span}`;
  return undefined;
}

export function checkPair(value: unknown): string | undefined {
  if (!isObject(value)) return 'an AlignmentPair object';
  const bad = badField(value, PAIR_FIELDS) ?? optionalString(value, 'a_en') ?? optionalString(value, 'b_en');
  if (bad) return `an AlignmentPair with field ${bad}`;
  return isObject(value.signals) ? undefined : 'an AlignmentPair with field "signals" (object)';
}

export function checkGroup(value: unknown): string | undefined {
  if (!isObject(value)) return 'a FactGroup object';
  const bad = badField(value, { id: 'string', score: 'number' });
  if (bad) return `a FactGroup with field ${bad}`;
  if (!Array.isArray(value.docs) || !value.docs.every((d) => typeof d === 'string')) {
    return 'a FactGroup with field "docs" (array of strings)';
  }
  if (!Array.isArray(value.members)) return 'a FactGroup with field "members" (array)';
  for (const member of value.members) {
    const memberBad = isObject(member) ? (badField(member, MEMBER_FIELDS) ?? optionalString(member, 'en')) : 'object';
    if (memberBad) return `a FactGroup whose members have field ${memberBad}`;
  }
  return undefined;
}

