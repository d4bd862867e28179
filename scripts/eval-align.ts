// The seeds gold (test/fixtures/gold/seeds.gold.jsonl) as one dev set: P/R/F1 of the aligner at
// its defaults beside two baselines (char TF-IDF mutual best; word TF-IDF cosine with a threshold
// picked by leave-one-document-out CV). The defaults themselves are chosen on the whole dev suite
// by `npx tsx scripts/eval-external.ts --grid`, which also prints the seeds CV of that rule.
// With --ceiling: the best seeds figures any setting of a 1008-setting grid reaches when tuned on
// the seeds alone, in-sample: an upper bound for this method family on the seeds gold (how far
// the seeds targets are from reach), never a figure to report as the aligner's; and the threshold
// oracle: every candidate pair ranked by similarity (or margin), the best cut-off per target.
// With --sentences DIR/sentences.jsonl (from `fralign run seeds --out DIR` with a real model), the
// seeds carry that run's English and fralign's figures include its English channel (the baselines
// stay French-only).
// Usage: npx tsx scripts/eval-align.ts [--gold FILE] [--ceiling] [--sentences FILE]
import { parseArgs } from 'node:util';
import { leaveOneDocumentOut, prf, type PairScores } from './align-dev/evaluate.ts';
import { alignSegments, type AlignOptions } from '../src/align/index.ts';
import { charTfidfMutualBest, wordTfidfScores } from './align-dev/baselines.ts';
import { exitWithError } from './align-dev/external.ts';
import { candidatePairs } from './align-dev/oracle.ts';
import { englishCount, loadSeeds, SEEDS_GOLD, seedsScores } from './align-dev/seeds.ts';

const { values } = parseArgs({ options: { gold: { type: 'string', default: SEEDS_GOLD }, ceiling: { type: 'boolean', default: false }, sentences: { type: 'string' } } });
const seeds = await loadSeeds(values.gold as string, values.sentences).catch(exitWithError);
const gold2 = seeds.gold.filter((p) => p.grade === 2).length;
console.log(`${seeds.segments.length} segments of ${seeds.documents.length} seeds; gold: ${seeds.gold.length} pairs (${gold2} grade 2) from ${values.gold}`);
if (values.sentences !== undefined) console.log(`English from ${values.sentences}: ${englishCount(seeds.segments)} of ${seeds.segments.length} segments carry a translation the English channel reads`);

const fmt = (x: number): string => x.toFixed(3);
const row = (label: string, s: PairScores): string => {
  const two = prf(s.grade2);
  const any = prf(s.any);
  const grades = s.gradeAgreement.total > 0 ? `${s.gradeAgreement.agree}/${s.gradeAgreement.total}` : '-';
  return `| ${label} | ${fmt(two.precision)} | ${fmt(two.recall)} | ${fmt(two.f1)} | ${fmt(any.precision)} | ${fmt(any.recall)} | ${fmt(any.f1)} | ${grades} |`;
};
console.log('\n| setting | P (2) | R (2) | F1 (2) | P (>=1) | R (>=1) | F1 (>=1) | grade agrees |\n|---|---|---|---|---|---|---|---|');
console.log(row('fralign defaults', seedsScores(seeds, alignSegments(seeds.segments).pairs)));
console.log(row('char 3-5-gram TF-IDF, mutual best per document pair', seedsScores(seeds, charTfidfMutualBest(seeds.segments))));
const words = wordTfidfScores(seeds.segments);
const thresholds = Array.from({ length: 15 }, (_, n) => Math.round((0.1 + n * 0.025) * 1000) / 1000);
const cv = leaveOneDocumentOut(seeds.documents, thresholds, (t) => words.filter((p) => p.score >= t), seeds.gold);
console.log(row(`word TF-IDF cosine, threshold by LOO CV (chosen: ${cv.folds.map((f) => f.chosen).join(', ')})`, cv.total));

if (values.ceiling) {
  const rows: { setting: AlignOptions; scores: PairScores }[] = [];
  for (const k of [2, 3, 4, 6]) for (const threshold of [1.1, 1.2, 1.3, 1.4, 1.5, 1.7, 2]) for (const pathThreshold of [0.8, 1, 9]) for (const tieRatio of [0.7, Infinity]) for (const relativeFloor of [0.15, 0.3, 0.5]) for (const merge of [true, false]) {
    const setting: AlignOptions = { k, threshold, pathThreshold, tieRatio, relativeFloor, merge };
    rows.push({ setting, scores: seedsScores(seeds, alignSegments(seeds.segments, setting).pairs) });
  }
  const best = (value: (s: PairScores) => number): { setting: AlignOptions; scores: PairScores } => rows.reduce((x, y) => (value(y.scores) > value(x.scores) ? y : x));
  console.log(`\nCeiling: the best of ${rows.length} settings (k x threshold x pathThreshold x tieRatio x relativeFloor x merge) tuned on the seeds alone, in-sample`);
  console.log('\n| best for | setting | P (2) | R (2) | F1 (2) | P (>=1) | R (>=1) | F1 (>=1) | grade agrees |\n|---|---|---|---|---|---|---|---|---|');
  const targets = (s: PairScores): number => Math.min(prf(s.grade2).f1 / 0.85, prf(s.any).f1 / 0.7);
  for (const [label, value] of [['grade-2 F1', (s: PairScores) => prf(s.grade2).f1], ['grade >= 1 F1', (s: PairScores) => prf(s.any).f1], ['both targets (min of F1 / target)', targets]] as const) {
    const b = best(value);
    console.log(row(`${label} | ${JSON.stringify(b.setting).replace(/null/gu, 'Infinity')}`, b.scores));
  }
  // The threshold oracle: all candidate pairs ranked by one score, the best cut-off for each target.
  const candidates = candidatePairs(seeds.segments);
  console.log(`\nThreshold oracle: all ${candidates.length} candidate pairs (similarity > 0) ranked by one score, the best cut-off picked with the gold in hand`);
  console.log('\n| score | best for | pairs kept | P (2) | R (2) | F1 (2) | P (>=1) | R (>=1) | F1 (>=1) | grade agrees |\n|---|---|---|---|---|---|---|---|---|---|');
  for (const score of ['similarity', 'margin'] as const) {
    const ranked = [...candidates].sort((x, y) => y[score] - x[score]);
    const cuts = ranked.map((_, n) => ({ n: n + 1, scores: seedsScores(seeds, ranked.slice(0, n + 1)) }));
    for (const [label, value] of [['grade-2 F1', (s: PairScores) => prf(s.grade2).f1], ['grade >= 1 F1', (s: PairScores) => prf(s.any).f1]] as const) {
      const b = cuts.reduce((x, y) => (value(y.scores) > value(x.scores) ? y : x));
      console.log(row(`${score} | ${label} | ${b.n}`, b.scores));
    }
  }
}
