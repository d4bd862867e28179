// Reads a run folder into RunOutputs. The only I/O of the inspect stage besides writing the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FralignError } from '../errors.ts';
import { checkGroup, checkPair, checkSegment, isObject, parseJsonl, preview } from '../output/read-jsonl.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
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
  const withManifest = manifest === undefined ? outputs : { ...outputs, manifest: parseManifest(manifest, join(dir, 'manifest.json')) };
  // stories.jsonl is optional (runs made before the stories stage have none): the report then shows one story.
  const stories = await readOptional(join(dir, 'stories.jsonl'));
  return stories === undefined ? withManifest : { ...withManifest, stories: parseStories(stories, join(dir, 'stories.jsonl')) };
}

export function parseStories(text: string, file: string): Story[] {
  return parseJsonl<Story>(text, file, checkStory);
}

function checkStory(value: unknown): string | undefined {
  if (!isObject(value)) return 'a Story object';
  if (typeof value.story !== 'string') return 'a Story with field "story" (string)';
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strings(value.docs)) return 'a Story with field "docs" (array of strings)';
  if (value.title !== undefined && value.title !== null && typeof value.title !== 'string') return 'a Story with field "title" (string or null)';
  if (value.dates !== undefined && !strings(value.dates)) return 'a Story with field "dates" (array of strings)';
  if (value.duplicates !== undefined && !(Array.isArray(value.duplicates) && value.duplicates.every(strings))) {
    return 'a Story with field "duplicates" (array of arrays of strings)';
  }
  return undefined;
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

export function parseSentences(text: string, file: string): Segment[] {
  return parseJsonl<Segment>(text, file, checkSegment);
}

export function parseAlignments(text: string, file: string): AlignmentPair[] {
  return parseJsonl<AlignmentPair>(text, file, checkPair);
}

export function parseGroups(text: string, file: string): FactGroup[] {
  return parseJsonl<FactGroup>(text, file, checkGroup);
}
