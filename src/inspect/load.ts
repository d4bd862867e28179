// Reads a run folder into RunOutputs. The only I/O of the inspect stage besides writing the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import type { RunOutputs } from './outputs.ts';

/** The run files inspect reads, and the command that writes each, for the "missing file" error. */
const RUN_FILES = {
  sentences: { name: 'sentences.jsonl', madeBy: 'fralign split <articles> --out DIR' },
  alignments: { name: 'alignments.jsonl', madeBy: 'fralign align --out DIR' },
  groups: { name: 'groups.jsonl', madeBy: 'fralign align --out DIR' },
} as const;

/** Loads DIR/sentences.jsonl, DIR/alignments.jsonl, DIR/groups.jsonl and, when present, DIR/manifest.json. */
export async function loadRunOutputs(dir: string): Promise<RunOutputs> {
  const [sentences, alignments, groups, manifest] = await Promise.all([
    readRunFile(dir, RUN_FILES.sentences),
    readRunFile(dir, RUN_FILES.alignments),
    readRunFile(dir, RUN_FILES.groups),
    readOptional(join(dir, 'manifest.json')),
  ]);
  const outputs: RunOutputs = {
    dir,
    sentences: parseSentences(sentences.text, sentences.path),
    alignments: parseAlignments(alignments.text, alignments.path),
    groups: parseGroups(groups.text, groups.path),
  };
  return manifest === undefined ? outputs : { ...outputs, manifest: parseManifest(manifest, join(dir, 'manifest.json')) };
}

async function readRunFile(dir: string, file: { name: string; madeBy: string }): Promise<{ path: string; text: string }> {
  const path = join(dir, file.name);
  const text = await readOptional(path);
  if (text === undefined) {
    throw new FralignError(
      'MISSING_STAGE_OUTPUT',
      `${path} not found: inspect reads a run folder; make it with \`${file.madeBy.replaceAll('DIR', dir)}\`` +
        ` (or \`fralign run <articles> --out ${dir}\`)`,
    );
  }
  return { path, text };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FralignError('OUTPUT', `${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
}

/** A check returns what is wrong with a parsed line (to go after "expected"), or undefined when it is fine. */
type LineCheck = (value: unknown) => string | undefined;

/**
 * Parses JSONL text: one JSON value per non-blank line, each passing `check`.
 * Errors name `file:line`, what was expected and what was found.
 */
export function parseJsonl<T>(text: string, file: string, check: LineCheck): T[] {
  const values: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
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

function parseManifest(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FralignError('OUTPUT', `${file}: invalid JSON (${(error as Error).message}); regenerate it or delete it`, {
      cause: error,
    });
  }
  if (!isObject(value)) throw new FralignError('OUTPUT', `${file}: expected a JSON object; got ${preview(text.trim())}`);
  return value;
}

function preview(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

function isObject(value: unknown): value is Record<string, unknown> {
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

function checkSegment(value: unknown): string | undefined {
  if (!isObject(value)) return 'a Segment object';
  const bad = badField(value, SEGMENT_FIELDS) ?? optionalString(value, 'en');
  return bad && `a Segment with field ${bad}`;
}

function checkPair(value: unknown): string | undefined {
  if (!isObject(value)) return 'an AlignmentPair object';
  const bad = badField(value, PAIR_FIELDS) ?? optionalString(value, 'a_en') ?? optionalString(value, 'b_en');
  if (bad) return `an AlignmentPair with field ${bad}`;
  return isObject(value.signals) ? undefined : 'an AlignmentPair with field "signals" (object)';
}

function checkGroup(value: unknown): string | undefined {
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

export function parseSentences(text: string, file: string): Segment[] {
  return parseJsonl<Segment>(text, file, checkSegment);
}

export function parseAlignments(text: string, file: string): AlignmentPair[] {
  return parseJsonl<AlignmentPair>(text, file, checkPair);
}

export function parseGroups(text: string, file: string): FactGroup[] {
  return parseJsonl<FactGroup>(text, file, checkGroup);
}
