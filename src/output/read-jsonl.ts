// Reading the pipeline's own JSONL outputs back, checking each line against the data contract,
// so a later stage (or inspect) fails on a damaged file with file:line instead of misbehaving.
import { readFile } from 'node:fs/promises';
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
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line, absentWhenNull);
    } catch (error) {
      throw new FralignError(
        'OUTPUT',
        `${file}:${i + 1}: invalid JSON (${(error as Error).message}); got ${preview(line)}; ` +
          'regenerate the folder with the command that wrote it',
        { cause: error },
      );
    }
    const problem = check(value);
    if (problem !== undefined) {
      throw new FralignError(
        'OUTPUT',
        `${file}:${i + 1}: expected ${problem}; got ${preview(line)}; regenerate the folder with the command that wrote it`,
      );
    }
    values.push(value as T);
  }
  return values;
}

/**
 * Reads and parses a JSONL file. A missing file is MISSING_STAGE_OUTPUT with `hint` (the command
 * that makes it); a malformed line is an OUTPUT error naming file:line.
 */
export async function readJsonlFile<T>(file: string, hint: string, check: LineCheck = () => undefined): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${file} not found; ${hint}`);
    }
    throw new FralignError('OUTPUT', `${file}: cannot read (${(error as Error).message})`, { cause: error });
  }
  return parseJsonl<T>(text, file, check);
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
  return bad && `a Segment with field ${bad}`;
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

