// The stories stage over a run folder: DIR/sentences.jsonl (streamed) + the documents' dates from
// DIR/manifest.json → DIR/stories.jsonl and the manifest's `stories` section.
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { markOutputsStale, readJsonlFile, readManifest, updateManifest, writeJsonlAtomic } from '../output/index.ts';
import { isObject } from '../output/read-jsonl.ts';
import { indexSentences } from '../pipeline/sentence-index.ts';
import type { Segment, Story } from '../types.ts';
import { clusterStories } from './cluster.ts';
import { documentEvidence, type DocumentEvidence } from './evidence.ts';
import { resolveStoryOptions, type StoryOptions } from './options.ts';

export const STORIES_FILE = 'stories.jsonl';

export function storiesPath(outDir: string): string {
  return path.join(outDir, STORIES_FILE);
}

export interface StoriesStageResult {
  readonly stories: number;
  readonly documents: number;
  /** Documents that are a near-copy of another one (all members of duplicate groups). */
  readonly duplicates: number;
  /** Documents in the largest story. */
  readonly largest: number;
  readonly ms: number;
}

export async function runStoriesStage(outDir: string, options: Partial<StoryOptions> = {}): Promise<StoriesStageResult> {
  const started = performance.now();
  const resolved = resolveStoryOptions(options);
  const manifest = await readManifest(outDir);
  const dates = new Map((manifest?.documents ?? []).flatMap((d) => (typeof d.date === 'string' ? [[d.id, d.date] as const] : [])));
  const evidence: DocumentEvidence[] = [];
  const finished = new Set<string>();
  let current: { doc: string; sentences: string[]; title: string | null } | undefined;
  const finish = (): void => {
    if (!current) return;
    const date = dates.get(current.doc);
    evidence.push(documentEvidence({ id: current.doc, sentences: current.sentences, title: current.title, ...(date !== undefined ? { date } : {}) }));
    finished.add(current.doc);
    current = undefined;
  };
  const index = await indexSentences(outDir, (segment: Segment) => {
    if (current?.doc !== segment.doc) {
      finish();
      if (finished.has(segment.doc)) {
        throw new FralignError('OUTPUT', `${outDir}/sentences.jsonl: the segments of document "${segment.doc}" are not on consecutive lines; rerun \`fralign split\``);
      }
      current = { doc: segment.doc, sentences: [], title: null };
    }
    if (segment.kind === 'boilerplate') return;
    current.sentences.push(segment.fr);
    if (segment.kind === 'title' && current.title === null) current.title = segment.fr;
  });
  finish();
  const { stories } = clusterStories(evidence, resolved);
  await markOutputsStale(outDir, 'stories');
  await writeJsonlAtomic(storiesPath(outDir), stories);
  const ms = Math.round(performance.now() - started);
  const result: StoriesStageResult = {
    stories: stories.length,
    documents: index.ranges.size,
    duplicates: stories.reduce((sum, s) => sum + s.duplicates.reduce((n, g) => n + g.length, 0), 0),
    largest: stories.reduce((max, s) => Math.max(max, s.docs.length), 0),
    ms,
  };
  await updateManifest(outDir, {
    stages: { stories: { status: 'done', ms, options: { ...resolved }, counts: { stories: result.stories, documents: result.documents, duplicates: result.duplicates, largest: result.largest } } },
  });
  return result;
}

/** DIR/stories.jsonl, checked line by line; undefined when the folder has none. */
export async function readStories(outDir: string): Promise<Story[] | undefined> {
  try {
    return await readJsonlFile<Story>(storiesPath(outDir), '', checkStory);
  } catch (error) {
    if (error instanceof FralignError && error.code === 'MISSING_STAGE_OUTPUT') return undefined;
    throw error;
  }
}

export function checkStory(value: unknown): string | undefined {
  if (!isObject(value)) return 'a Story object';
  if (typeof value.story !== 'string' || !/^s\d+$/u.test(value.story)) return 'a Story with field "story" (s<n>)';
  if (!Array.isArray(value.docs) || !value.docs.every((d) => typeof d === 'string')) return 'a Story with field "docs" (array of strings)';
  if (!Array.isArray(value.duplicates)) return 'a Story with field "duplicates" (array)';
  return undefined;
}

/** The story number n of "s<n>". */
export function storyOrdinal(story: string): number {
  return Number(story.slice(1));
}
