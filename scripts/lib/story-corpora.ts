// Collections with known stories for scripts/eval-stories.ts: the dev suite's news corpus and its
// Bible chapters (read from ../shared/eval, which may be absent), and the seeds (one story).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { segmentSeeds } from '../../bench/align-data.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Document, Segment } from '../../src/types.ts';

export const EVAL_DIR = path.join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'align');

export interface StoryCorpus {
  readonly name: string;
  readonly documents: readonly Document[];
  readonly segments: readonly Segment[];
  /** Document id → gold story. */
  readonly gold: ReadonlyMap<string, string>;
  /** The task folder, when the corpus is a dev-suite task scored by score_stories.mjs. */
  readonly task?: string;
}

interface TaskDoc {
  readonly doc: string;
  readonly cluster: string | null;
  readonly text: string;
}

/** Documents of a task: only id and text go in (the version and cluster fields would be a leak). */
function readTaskDocs(task: string): { documents: Document[]; clusters: Map<string, string | null> } {
  const file = path.join(EVAL_DIR, 'tasks', task, 'docs.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const clusters = new Map<string, string | null>();
  const documents = lines.map((line, n): Document => {
    const d = JSON.parse(line) as TaskDoc;
    clusters.set(d.doc, d.cluster);
    return { id: d.doc, path: `${file}:${n + 1}`, text: d.text, meta: {} };
  });
  return { documents, clusters };
}

function segmentAllDocs(documents: readonly Document[]): Segment[] {
  return documents.flatMap((d) => segmentDocument(d));
}

/** The corpora, or only the seeds (with a note on stderr) when ../shared/eval is absent. */
export async function storyCorpora(): Promise<StoryCorpus[]> {
  const seeds = await segmentSeeds();
  const corpora: StoryCorpus[] = [{ name: 'seeds (one story)', documents: seeds.documents, segments: seeds.segments, gold: new Map(seeds.documents.map((d) => [d.id, 'seeds'])) }];
  if (!existsSync(EVAL_DIR)) {
    console.error(`eval-stories: ${EVAL_DIR} is absent: the dev suite (news-corpus-dev, Bible tasks) is not scored, only the seeds`);
    return corpora;
  }
  {
    const { documents } = readTaskDocs('news-corpus-dev');
    const goldFile = path.join(EVAL_DIR, 'tasks', 'news-corpus-dev', 'gold', 'stories.jsonl');
    const gold = new Map(readFileSync(goldFile, 'utf8').split('\n').filter(Boolean).map((l) => {
      const g = JSON.parse(l) as { doc: string; story: string };
      return [g.doc, g.story] as const;
    }));
    corpora.push({ name: 'news-corpus-dev (32 stories x 4)', documents, segments: segmentAllDocs(documents), gold, task: 'news-corpus-dev' });
  }
  {
    // Bible chapters as a corpus: the whole chapters and the perturbed subsets, story = chapter.
    const full = readTaskDocs('bible-sent-dev');
    const hard = readTaskDocs('bible-sent-hard-dev');
    const documents = [...full.documents, ...hard.documents];
    const gold = new Map<string, string>();
    for (const [doc, cluster] of [...full.clusters, ...hard.clusters]) gold.set(doc, cluster ?? doc);
    corpora.push({ name: `bible-sent-dev + bible-sent-hard-dev docs (${new Set(gold.values()).size} chapters)`, documents, segments: segmentAllDocs(documents), gold });
  }
  return corpora;
}

/** Pairwise precision/recall/F1 over same-story document pairs. */
export function pairwiseScores(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
  const docs = [...gold.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let x = 0; x < docs.length; x++) {
    for (let y = x + 1; y < docs.length; y++) {
      const g = gold.get(docs[x]!) === gold.get(docs[y]!);
      const p = predicted.get(docs[x]!) !== undefined && predicted.get(docs[x]!) === predicted.get(docs[y]!);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
