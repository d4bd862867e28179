// The seeds gold (test/fixtures/gold/seeds.gold.jsonl) as one dev set: P/R/F1 of the aligner at
// its defaults beside two baselines (char TF-IDF mutual best; word TF-IDF cosine with a threshold
// picked by leave-one-document-out CV). The defaults themselves are chosen on the whole dev suite
// by `npx tsx scripts/eval-external.ts --grid`, which also prints the seeds CV of that rule.
// Usage: npx tsx scripts/eval-align.ts [--gold FILE]
import { parseArgs } from 'node:util';
import { leaveOneDocumentOut, prf, type PairScores } from '../src/align/evaluate.ts';
import { alignSegments } from '../src/align/index.ts';
import { charTfidfMutualBest, wordTfidfScores } from './align-dev/baselines.ts';
import { loadSeeds, SEEDS_GOLD, seedsScores } from './align-dev/seeds.ts';

const { values } = parseArgs({ options: { gold: { type: 'string', default: SEEDS_GOLD } } });
const seeds = await loadSeeds(values.gold as string);
const gold2 = seeds.gold.filter((p) => p.grade === 2).length;
console.log(`${seeds.segments.length} segments of ${seeds.documents.length} seeds; gold: ${seeds.gold.length} pairs (${gold2} grade 2) from ${values.gold}`);

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
