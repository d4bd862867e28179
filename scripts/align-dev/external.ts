// The external dev suite (../shared/eval/align, gold made by other people) as the alignment scripts
// read it: tasks, their documents as Segments (the task's own units, or fralign's splitting), and
// scoring with the shared scorer. Tooling only: the product and `npm test` never read ../shared.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Segment } from '../../src/types.ts';

export const EVAL_DIR = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/eval/align');
const TASKS_DIR = path.join(EVAL_DIR, 'tasks');
const SCORER = path.join(EVAL_DIR, 'score_ext.mjs');

/** Stops with one clear line when the dev suite is not there (it lives outside the project). */
export function requireEvalSuite(): void {
  if (!existsSync(TASKS_DIR) || !existsSync(SCORER)) {
    console.error(`the external dev suite is absent: expected ${TASKS_DIR} and ${SCORER} (../shared/eval/align beside the project); nothing was scored`);
    process.exit(2);
  }
}

/** The scripts' entry-point handler: the error's one line on stderr, exit 2 (no stack for a user's input error). */
export function exitWithError(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

export interface TaskDoc {
  readonly doc: string;
  readonly cluster: string;
  readonly text: string;
  readonly segments: readonly { readonly start: number; readonly end: number }[];
}

export interface Task {
  readonly name: string;
  readonly dir: string;
  readonly docs: readonly TaskDoc[];
}

export function loadTask(name: string): Task {
  const dir = path.join(TASKS_DIR, name);
  const docs = readJsonl<{ doc: string; cluster?: string; text: string; segments: { start: number; end: number }[] }>(path.join(dir, 'docs.jsonl')).map((d) => ({
    doc: d.doc,
    // Tasks without clusters (one document pair, or the corpus task) are aligned as one collection.
    cluster: d.cluster ?? '(all)',
    text: d.text,
    segments: d.segments,
  }));
  return { name, dir, docs };
}

export type Units = 'task' | 'fralign';

/** Segments per cluster (one alignSegments call per cluster, as the stage calls it per story). */
export function clusterSegments(task: Task, units: Units): Map<string, Segment[]> {
  const byCluster = new Map<string, Segment[]>();
  for (const [line, d] of task.docs.entries()) {
    const segments =
      units === 'task'
        ? d.segments.map((s, index): Segment => ({ id: `${d.doc}:${index}`, doc: d.doc, index, start: s.start, end: s.end, kind: 'body', fr: d.text.slice(s.start, s.end) }))
        : segmentDocument({ id: d.doc, path: `${task.name}/docs.jsonl:${line + 1}`, text: d.text, meta: {} });
    const list = byCluster.get(d.cluster) ?? [];
    list.push(...segments);
    byCluster.set(d.cluster, list);
  }
  return byCluster;
}

/** One prediction record in the scorer's format (character offsets into the documents' text). */
export interface PredictionRecord {
  readonly a: { readonly doc: string; readonly start: number; readonly end: number };
  readonly b: { readonly doc: string; readonly start: number; readonly end: number };
  readonly score: number;
}

export interface TaskScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Sentence-level Bible tasks: precision against all links, recall against sure links. */
  readonly sureF1?: number;
}

/** Scores predictions with `node ../shared/eval/align/score_ext.mjs --task ... --pred ... --json ...`. */
export function scoreWithSharedScorer(task: Task, records: readonly PredictionRecord[]): TaskScore {
  const work = mkdtempSync(path.join(tmpdir(), 'fralign-eval-'));
  const pred = path.join(work, `${task.name}.pred.jsonl`);
  const out = path.join(work, `${task.name}.score.json`);
  writeFileSync(pred, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  execFileSync(process.execPath, [SCORER, '--task', task.dir, '--pred', pred, '--json', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const result = JSON.parse(readFileSync(out, 'utf8')) as { operating_point: TaskScore; operating_point_sure_possible?: { f1: number } };
  const op = result.operating_point;
  const sure = result.operating_point_sure_possible?.f1;
  return { precision: op.precision, recall: op.recall, f1: op.f1, ...(sure !== undefined ? { sureF1: sure } : {}) };
}

/** Runs an aligner (segments of one cluster → pairs of segment ids with a score) over a task and scores it. */
export function evaluateOnTask(task: Task, units: Units, align: (segments: readonly Segment[]) => readonly { a: string; b: string; score: number }[]): TaskScore {
  const records: PredictionRecord[] = [];
  for (const segments of clusterSegments(task, units).values()) {
    const byId = new Map(segments.map((s) => [s.id, s]));
    for (const pair of align(segments)) {
      const a = byId.get(pair.a) as Segment;
      const b = byId.get(pair.b) as Segment;
      records.push({ a: { doc: a.doc, start: a.start, end: a.end }, b: { doc: b.doc, start: b.start, end: b.end }, score: pair.score });
    }
  }
  return scoreWithSharedScorer(task, records);
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}
