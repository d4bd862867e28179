// Reads a run folder into RunOutputs. The only I/O of the inspect stage besides writing the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FralignError } from '../errors.ts';
import { checkGroup, checkPair, checkSegment, isObject, parseJsonl, preview } from '../output/read-jsonl.ts';
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
