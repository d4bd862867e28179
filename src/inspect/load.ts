// Reads a run folder into RunOutputs. The only I/O of the inspect stage besides writing the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FralignError } from '../errors.ts';
import { sha256OfFile } from '../output/manifest.ts';
import { checkGroup, checkPair, checkSegment, isObject, parseJsonl, preview, readJsonlFile, type LineCheck } from '../output/read-jsonl.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
import type { RunOutputs } from './outputs.ts';

/** The run files inspect reads, and the command that writes each, for the "missing file" error. */
export const RUN_FILES = {
  sentences: { name: 'sentences.jsonl', madeBy: 'fralign split <articles> --out DIR' },
  alignments: { name: 'alignments.jsonl', madeBy: 'fralign align DIR' },
  groups: { name: 'groups.jsonl', madeBy: 'fralign align DIR' },
} as const;

/**
 * Loads DIR/sentences.jsonl, DIR/alignments.jsonl, DIR/groups.jsonl and, when present, DIR/manifest.json.
 * The JSONL files are streamed line by line (no file is held as one string, so outputs past V8's
 * string limit load). Refuses alignments the manifest marks stale (made from sentences that have
 * since been rewritten), naming the command that refreshes them.
 */
export async function loadRunOutputs(dir: string): Promise<RunOutputs> {
  const manifest = await readCheckedManifest(dir);
  // One after the other, so the first error reported is always the same one.
  const sentences = await readRunFile<Segment>(dir, RUN_FILES.sentences, checkSegment);
  const alignments = await readRunFile<AlignmentPair>(dir, RUN_FILES.alignments, checkPair);
  const groups = await readRunFile<FactGroup>(dir, RUN_FILES.groups, checkGroup);
  const outputs: RunOutputs = { dir, sentences, alignments, groups };
  const withManifest = manifest === undefined ? outputs : { ...outputs, manifest };
  // stories.jsonl is optional (runs made before the stories stage have none): the report then shows one story.
  const stories = await readOptionalStories(dir);
  return stories === undefined ? withManifest : { ...withManifest, stories };
}

/**
 * DIR/manifest.json when present (undefined when absent), after refusing alignments it marks stale
 * or that were made from another sentences.jsonl (see refuseStale).
 */
export async function readCheckedManifest(dir: string): Promise<Record<string, unknown> | undefined> {
  const manifestText = await readOptional(join(dir, 'manifest.json'));
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText, join(dir, 'manifest.json'));
  refuseStale(dir, manifest, await sentencesHash(dir, manifest));
  return manifest;
}

/** DIR/stories.jsonl, checked line by line; undefined when the folder has none. */
export async function readOptionalStories(dir: string): Promise<Story[] | undefined> {
  const stories = await readOptional(join(dir, 'stories.jsonl'));
  return stories === undefined ? undefined : parseStories(stories, join(dir, 'stories.jsonl'));
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

/** The current sha256 of DIR/sentences.jsonl, when the manifest has one to compare it with. */
async function sentencesHash(dir: string, manifest: Readonly<Record<string, unknown>> | undefined): Promise<string | undefined> {
  const stages = manifest?.['stages'];
  const align = isObject(stages) ? stages['align'] : undefined;
  if (!isObject(align) || !isObject(align['inputs']) || typeof align['inputs']['sentences.jsonl'] !== 'string') return undefined;
  return sha256OfFile(join(dir, 'sentences.jsonl')).catch(() => undefined);
}

/**
 * Throws STALE_OUTPUT when the alignments no longer match sentences.jsonl: the manifest marks
 * them stale, or sentences.jsonl is not the file align read (its sha256 differs from the one align
 * recorded: edited by hand, or rewritten by a tool that did not mark the manifest).
 */
export function refuseStale(dir: string, manifest: Readonly<Record<string, unknown>> | undefined, currentSentences?: string): void {
  const stages = manifest?.['stages'];
  if (!isObject(stages)) return;
  const align = stages['align'];
  if (isObject(align) && align['status'] === 'stale') {
    const note = typeof align['note'] === 'string' ? ` (${align['note']})` : '';
    throw new FralignError(
      'STALE_OUTPUT',
      `${join(dir, 'alignments.jsonl')} and groups.jsonl are stale${note}: they may pair sentences that are no longer in sentences.jsonl; ` +
        `run \`fralign align ${dir}\` (or \`fralign run <articles> --out ${dir}\`) first`,
    );
  }
  const recorded = isObject(align) && isObject(align['inputs']) ? align['inputs']['sentences.jsonl'] : undefined;
  if (typeof recorded === 'string' && currentSentences !== undefined && recorded !== currentSentences) {
    throw new FralignError(
      'STALE_OUTPUT',
      `${join(dir, 'alignments.jsonl')} and groups.jsonl are stale (made from a different sentences.jsonl than the one now in ${dir}): ` +
        `run \`fralign align ${dir}\` first`,
    );
  }
}

/** What to run when a run file is missing. */
export function runFileHint(dir: string, file: { name: string; madeBy: string }): string {
  return `inspect reads a run folder; make it with \`${file.madeBy.replaceAll('DIR', dir)}\`` + ` (or \`fralign run <articles> --out ${dir}\`)`;
}

async function readRunFile<T>(dir: string, file: { name: string; madeBy: string }, check: LineCheck): Promise<T[]> {
  const path = join(dir, file.name);
  const hint = runFileHint(dir, file);
  try {
    return await readJsonlFile<T>(path, hint, check);
  } catch (error) {
    // The historical wording: "<file> not found: inspect reads a run folder; ..."
    if (error instanceof FralignError && error.code === 'MISSING_STAGE_OUTPUT') {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${path} not found: ${hint}`);
    }
    throw error;
  }
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

/**
 * Runs a report renderer; a page past V8's longest string (~512 MB: hundreds of thousands of
 * pairs) becomes a clear error naming the way out instead of "Invalid string length".
 */
export function buildReport(render: () => string, outputs: RunOutputs): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new FralignError(
        'OUTPUT',
        `the HTML report of ${outputs.dir} (${outputs.alignments.length} aligned pairs) is too large to build (${error.message}); ` +
          'narrow it with `fralign inspect DIR --html FILE --docs A,B` or --min-score, or page through the terminal view with --limit/--offset',
      );
    }
    throw error;
  }
}
