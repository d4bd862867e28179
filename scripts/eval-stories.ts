// Evaluates corpus mode: story clustering on the seeds (one story), news-corpus-dev and the Bible
// chapters pooled as a corpus, beside baselines; then one `fralign run` over news-corpus-dev scored by
// the dev suite's scorers (story F1, cross-story share, same-story alignment F1) beside the aligner
// run story by story on news-versions-dev (the same 128 documents, grouped by the gold).
// Usage: npx tsx scripts/eval-stories.ts        (reads ../shared/eval; says so when it is absent)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alignSegments } from '../src/align/index.ts';
import { segmentDocument } from '../src/segment/index.ts';
import { clusterStories, DEFAULT_STORY_OPTIONS, documentEvidence, evidencePairs, resolveStoryOptions } from '../src/stories/index.ts';
import type { AlignmentPair, Document, Story } from '../src/types.ts';
import { EVAL_DIR, pairwiseScores, storyCorpora, type StoryCorpus } from './lib/story-corpora.ts';

const ROOT = path.join(import.meta.dirname, '..');
const fmt = (x: number): string => x.toFixed(3);

function evidenceOf(corpus: StoryCorpus) {
  const byDoc = new Map<string, typeof corpus.segments[number][]>();
  for (const s of corpus.segments) if (s.kind !== 'boilerplate') (byDoc.get(s.doc) ?? byDoc.set(s.doc, []).get(s.doc)!).push(s);
  return corpus.documents.map((d) => {
    const segs = byDoc.get(d.id) ?? [];
    return documentEvidence({ id: d.id, sentences: segs.map((s) => s.fr), title: segs.find((s) => s.kind === 'title')?.fr ?? null });
  });
}

console.log('## Story clustering, pairwise P / R / F1 (stories from src/stories at the defaults)\n');
console.log('| collection | stories (gold) | fralign stories | P | R | F1 | baseline: all one story F1 | baseline: document score only, single link at 0.3 F1 |');
console.log('|---|---|---|---|---|---|---|---|');
for (const corpus of await storyCorpora()) {
  const evidence = evidenceOf(corpus);
  const predicted = clusterStories(evidence);
  const s = pairwiseScores(corpus.gold, predicted.storyOf);
  const one = pairwiseScores(corpus.gold, new Map(corpus.documents.map((d) => [d.id, 'one'])));
  // Baseline: only the document score (no sentence evidence, no best-neighbour rule).
  const docOnly = clusterStories(evidence, { linkScore: 0.3, bestNeighbourScore: Infinity, sentenceMatch: Infinity });
  const d = pairwiseScores(corpus.gold, docOnly.storyOf);
  console.log(`| ${corpus.name} | ${new Set(corpus.gold.values()).size} | ${predicted.stories.length} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${fmt(one.f1)} | ${fmt(d.f1)} |`);
}

// The threshold rule (docs/scale.md): per collection, X = highest cross-story score, B = lowest score
// that keeps every gold story connected (single linkage), for each evidence function.
console.log('\n## Threshold rule: X = highest cross-story pair, B = bottleneck keeping every gold story connected\n');
console.log('| collection | document score X / B | sentence share X / B | sum (evidence) X / B |');
console.log('|---|---|---|---|');
const gaps = { doc: [0, Infinity], share: [0, Infinity], sum: [0, Infinity] } as Record<string, [number, number]>;
for (const corpus of await storyCorpora()) {
  const docs = evidenceOf(corpus).sort((x, y) => (x.id < y.id ? -1 : 1));
  const pairs = evidencePairs(docs, resolveStoryOptions({ candidateScore: 0 }));
  const cells = (['doc', 'share', 'sum'] as const).map((name) => {
    const value = (p: (typeof pairs)[number]): number => (name === 'doc' ? p.score : name === 'share' ? p.share : p.evidence);
    const same = (p: (typeof pairs)[number]): boolean => corpus.gold.get(docs[p.i]!.id) === corpus.gold.get(docs[p.j]!.id);
    const x = Math.max(0, ...pairs.filter((p) => !same(p)).map(value));
    const parent = docs.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
    let b = Infinity;
    for (const p of pairs.filter(same).sort((u, v) => value(v) - value(u))) {
      const [ra, rb] = [find(p.i), find(p.j)];
      if (ra !== rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        b = Math.min(b, value(p));
      }
    }
    if (new Set(corpus.gold.values()).size > 1) gaps[name] = [Math.max(gaps[name]![0], x), Math.min(gaps[name]![1], b)];
    return `${fmt(x)} / ${fmt(b)}`;
  });
  console.log(`| ${corpus.name} | ${cells.join(' | ')} |`);
}
const widest = Object.entries(gaps).sort((u, v) => (v[1][1] - v[1][0]) - (u[1][1] - u[1][0]))[0]!;
console.log(`\nGaps over the multi-story collections: ${Object.entries(gaps).map(([n, [x, b]]) => `${n} ${fmt(x)} → ${fmt(b)}`).join('; ')}. Widest: ${widest[0]}; its middle ${fmt((widest[1][0] + widest[1][1]) / 2)} (default linkScore ${DEFAULT_STORY_OPTIONS.linkScore}, bestNeighbourScore ${DEFAULT_STORY_OPTIONS.bestNeighbourScore}).`);

if (!existsSync(EVAL_DIR)) process.exit(0);

// ---------------------------------------------------------------------------------------------
// One `fralign run` over news-corpus-dev (ids and texts only), scored by the suite's own scorers.
const work = mkdtempSync(path.join(tmpdir(), 'fralign-eval-stories-'));
const taskDir = (task: string): string => path.join(EVAL_DIR, 'tasks', task);
const taskDocs = (task: string): { doc: string; text: string; cluster: string | null }[] =>
  readFileSync(path.join(taskDir(task), 'docs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const input = path.join(work, 'news-corpus-dev.jsonl');
writeFileSync(input, taskDocs('news-corpus-dev').map((d) => `${JSON.stringify({ id: d.doc, text: d.text })}\n`).join(''));
const readLines = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
const toCandidates = (pairs: readonly AlignmentPair[], file: string): string => {
  writeFileSync(file, pairs.map((p) => `${JSON.stringify({ a: { doc: p.a_doc, start: p.a_start, end: p.a_end }, b: { doc: p.b_doc, start: p.b_start, end: p.b_end }, score: p.score })}\n`).join(''));
  return file;
};
const scorer = (script: string, args: string[]): any => {
  const json = path.join(work, `score-${Math.random().toString(36).slice(2)}.json`);
  execFileSync(process.execPath, [path.join(EVAL_DIR, script), ...args, '--json', json], { stdio: 'ignore' });
  return JSON.parse(readFileSync(json, 'utf8'));
};
/** One CLI run over the corpus, scored: story pairwise F1, cross-story share, alignment P/R/F1. */
function corpusRun(mode: 'auto' | 'one'): { stories: any; align: any } {
  const out = path.join(work, `run-${mode}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'run', input, '--out', out, '--no-translate', '--quiet', '--stories', mode], { cwd: ROOT, stdio: 'inherit' });
  const stories = readLines<Story>(path.join(out, 'stories.jsonl'));
  const predFile = path.join(work, `stories-${mode}.jsonl`);
  writeFileSync(predFile, stories.flatMap((s) => s.docs.map((doc) => `${JSON.stringify({ doc, story: s.story })}\n`)).join(''));
  const candidates = toCandidates(readLines<AlignmentPair>(path.join(out, 'alignments.jsonl')), path.join(work, `align-${mode}.jsonl`));
  return {
    stories: scorer('score_stories.mjs', ['--task', taskDir('news-corpus-dev'), '--pred', predFile, '--pred-align', candidates]),
    align: scorer('score_ext.mjs', ['--task', taskDir('news-corpus-dev'), '--pred', candidates]),
  };
}
const auto = corpusRun('auto');
const one = corpusRun('one');

// The aligner story by story on news-versions-dev (gold stories), the figure to stay within 0.01 of.
const versions = taskDocs('news-versions-dev');
const byStory = new Map<string, Document[]>();
versions.forEach((d, n) => {
  const doc: Document = { id: d.doc, path: `docs.jsonl:${n + 1}`, text: d.text, meta: {} };
  (byStory.get(d.cluster ?? d.doc) ?? byStory.set(d.cluster ?? d.doc, []).get(d.cluster ?? d.doc)!).push(doc);
});
const perStoryPairs = [...byStory.values()].flatMap((docs) => alignSegments(docs.flatMap((doc) => segmentDocument(doc))).pairs);

const versionsAlign = scorer('score_ext.mjs', ['--task', taskDir('news-versions-dev'), '--pred', toCandidates(perStoryPairs, path.join(work, 'versions-align.jsonl'))]);
const op = (r: any): string => `${fmt(r.operating_point.precision)} / ${fmt(r.operating_point.recall)} / ${fmt(r.operating_point.f1)}`;
const row = (label: string, r: { stories: any; align: any }): string =>
  `| ${label} | ${r.stories.n_pred_clusters} | ${fmt(r.stories.pairwise.f1)} | ${fmt(r.stories.bcubed.f1)} | ${r.stories.alignments.records} | ${r.stories.alignments.cross_story} (${(100 * r.stories.alignments.cross_story_share).toFixed(2)} %) | ${op(r.align)} |`;
console.log(`\n## news-corpus-dev: one \`fralign run news-corpus-dev.jsonl --no-translate\` over all 128 documents (ids and texts only), scored by score_stories.mjs and score_ext.mjs\n`);
console.log('| run | stories | story pairwise F1 | B-cubed F1 | alignment records | cross-story records | same-story alignment P / R / F1 |');
console.log('|---|---|---|---|---|---|---|');
console.log(row('`--stories auto` (default)', auto));
console.log(row('baseline `--stories one` (all against all, as before stories)', one));
console.log(`| reference: the aligner story by story on news-versions-dev (gold stories) | 32 | - | - | ${versionsAlign.records} | - | ${op(versionsAlign)} |`);
console.log(`\nSame-story F1 gap (corpus run minus story-by-story): ${(auto.align.operating_point.f1 - versionsAlign.operating_point.f1).toFixed(4)}; work folder ${work}`);
