// Evaluates the aligner on the seeds gold: P/R/F1 at the defaults, a threshold sweep,
// leave-one-document-out cross-validation of the thresholds, the plain TF-IDF baseline, and the
// learned scorer with nested cross-validation per idea (the ablation in docs/alignment.md).
// Usage: npx tsx scripts/eval-align.ts [--gold FILE] [--seeds DIR]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { segmentSeeds, SEEDS_DIR } from '../bench/align-data.ts';
import { tfidfBaselineScores } from '../src/align/baseline.ts';
import { leaveOneDocumentOut, objective, prf, scorePairs, sweep, type PairScores } from '../src/align/evaluate.ts';
import { parseGold, resolveGold } from '../src/align/gold.ts';
import { alignSegments, DEFAULT_ALIGN_OPTIONS, resolveAlignOptions, scoreCandidates } from '../src/align/index.ts';
import { LEARNED_PAIR_MODEL } from '../src/align/learned-model.ts';
import type { LexiconName } from '../src/align/lexicon.ts';
import { PAIR_FEATURES, type PairFeatureName } from '../src/align/pairfeatures.ts';
import { crossValidateLearned, crossValidateNested, L2_GRID, labelCandidates, type LabelledCandidates, type TrainingConfig } from '../src/align/training.ts';

const { values } = parseArgs({ options: { gold: { type: 'string', default: 'test/fixtures/gold/seeds.gold.jsonl' }, seeds: { type: 'string', default: SEEDS_DIR } } });
const goldFile = values.gold as string;
const { documents, segments, segmenter } = await segmentSeeds(values.seeds as string);
const gold = resolveGold(parseGold(readFileSync(goldFile, 'utf8'), goldFile), new Map(documents.map((d) => [d.id, d.text])), segments);
const docs = documents.map((d) => d.id);
const gold2 = gold.pairs.filter((p) => p.grade === 2).length;

const fmt = (x: number): string => x.toFixed(3);
const row = (label: string, s: PairScores): string => {
  const two = prf(s.grade2);
  const any = prf(s.any);
  const grades = s.gradeAgreement.total > 0 ? `${s.gradeAgreement.agree}/${s.gradeAgreement.total}` : '-';
  return `| ${label} | ${fmt(two.precision)} | ${fmt(two.recall)} | ${fmt(two.f1)} | ${fmt(any.precision)} | ${fmt(any.recall)} | ${fmt(any.f1)} | ${grades} |`;
};
const header = '| setting | P (2) | R (2) | F1 (2) | P (>=1) | R (>=1) | F1 (>=1) | grade agrees |\n|---|---|---|---|---|---|---|---|';

console.log(`segmenter: ${segmenter}; ${segments.length} segments; gold: ${gold.pairs.length} pairs (${gold2} grade 2) from ${goldFile}`);
if (gold.onBoilerplate.length > 0) console.log(`warning: gold sides on boilerplate segments (never aligned): ${gold.onBoilerplate.join('; ')}`);

// The grid the thresholds are chosen from (the other options stay at their defaults).
interface Setting {
  readonly minSimilarity: number;
  readonly manySimilarity: number;
  readonly threshold: number;
  readonly manyThreshold: number;
}
const grid: Setting[] = [];
for (const minSimilarity of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
  for (const offset of [0, 0.05, 0.1]) {
    for (const threshold of [0.9, 1.0, 1.2]) {
      for (const manyThreshold of [0.9, 1.0, 1.2, 1.5]) {
        grid.push({ minSimilarity, manySimilarity: Math.round((minSimilarity + offset) * 100) / 100, threshold, manyThreshold });
      }
    }
  }
}
const predict = (s: Setting) => alignSegments(segments, { ...s, scorer: 'weighted' }).pairs;
const label = (s: Setting): string => `sim ${s.minSimilarity}/${s.manySimilarity}, margin ${s.threshold}/${s.manyThreshold}`;

console.log(`\n## Weighted scorer (--scorer weighted) at its defaults (${label(DEFAULT_ALIGN_OPTIONS)}, k ${DEFAULT_ALIGN_OPTIONS.k}; "sim a/b" = minSimilarity/manySimilarity, "margin a/b" = threshold/manyThreshold)\n`);
console.log(header);
console.log(row('weighted scorer at its defaults (in-sample)', scorePairs(alignSegments(segments, { scorer: 'weighted' }).pairs, gold.pairs)));

const cv = leaveOneDocumentOut(docs, grid, predict, gold.pairs);
console.log('\n## Weighted scorer: leave-one-document-out cross-validation (setting chosen on pairs without doc X, scored on pairs with X)\n');
console.log(header);
for (const fold of cv.folds) console.log(row(`held out ${fold.doc}: ${label(fold.chosen)}`, fold.heldOut));
console.log(row('**CV total** (counts summed over folds)', cv.total));

// The same CV over a one-knob grid (the similarity floor; margins 1.0/1.0), for comparison: fewer
// knobs to fit per fold means less optimism from fitting them on four documents.
const floorGrid = grid.filter((s) => s.manySimilarity === s.minSimilarity && s.threshold === 1 && s.manyThreshold === 1);
const floorCv = leaveOneDocumentOut(docs, floorGrid, predict, gold.pairs);
console.log(row(`CV total, similarity floor only (chosen: ${floorCv.folds.map((f) => f.chosen.minSimilarity).join(', ')})`, floorCv.total));

const all = sweep(grid, predict, gold.pairs);
const bestAll = all.reduce((best, r) => (objective(r.scores) > objective(best.scores) ? r : best));
console.log(`\nSetting the same rule picks on the whole gold (→ defaults): ${label(bestAll.setting)}`);

console.log('\n## Sweep of the similarity floor (manySimilarity = minSimilarity; margins 1.0/1.0 and 1.2/1.5)\n');
console.log(header);
for (const r of all.filter((r) => r.setting.manySimilarity === r.setting.minSimilarity && ((r.setting.threshold === 1 && r.setting.manyThreshold === 1) || (r.setting.threshold === 1.2 && r.setting.manyThreshold === 1.5)))) {
  console.log(row(label(r.setting), r.scores));
}

// Ablation: each signal switched off in turn (in-sample at the defaults, so read it as a sketch of
// what each signal contributes, not as an estimate).
console.log('\n## Ablation at the defaults (in-sample; one signal weight set to 0, or margin off)\n');
console.log(header);
console.log(row('all signals', scorePairs(alignSegments(segments, { scorer: 'weighted' }).pairs, gold.pairs)));
for (const signal of ['stems', 'contained', 'chars', 'names', 'numbers', 'length'] as const) {
  console.log(row(`without ${signal}`, scorePairs(alignSegments(segments, { scorer: 'weighted', weights: { [signal]: 0 } }).pairs, gold.pairs)));
}
console.log(row('margin off (threshold 0; similarity floor only)', scorePairs(alignSegments(segments, { scorer: 'weighted', threshold: 0, manyThreshold: 0 }).pairs, gold.pairs)));

// Baseline: plain TF-IDF cosine, threshold picked on the test data itself (an optimistic baseline) and by the same CV.
const baseline = tfidfBaselineScores(segments);
const baselineThresholds = Array.from({ length: 15 }, (_, n) => Math.round((0.1 + n * 0.025) * 1000) / 1000);
const baselinePredict = (t: number) => baseline.filter((p) => p.score >= t);
const baselineSweep = sweep(baselineThresholds, baselinePredict, gold.pairs);
const bestBaseline2 = baselineSweep.reduce((b, r) => (prf(r.scores.grade2).f1 > prf(b.scores.grade2).f1 ? r : b));
const bestBaseline1 = baselineSweep.reduce((b, r) => (prf(r.scores.any).f1 > prf(b.scores.any).f1 ? r : b));
const baselineCv = leaveOneDocumentOut(docs, baselineThresholds, baselinePredict, gold.pairs);
console.log('\n## Baseline: plain TF-IDF cosine over word tokens\n');
console.log(header);
console.log(row(`best grade-2 threshold on test (${bestBaseline2.setting})`, bestBaseline2.scores));
console.log(row(`best grade>=1 threshold on test (${bestBaseline1.setting})`, bestBaseline1.scores));
console.log(row('CV total (same rule as the aligner)', baselineCv.total));

// ---------------------------------------------------------------------------------------------
// The learned scorer (the default): in-sample with the committed model, then nested
// leave-one-document-out for each idea (L2 penalty and thresholds chosen inside every fold).
console.log(`\n## Learned scorer (default; model: ${LEARNED_PAIR_MODEL.lexicon} lexicon, l2 ${LEARNED_PAIR_MODEL.l2}, accept ${LEARNED_PAIR_MODEL.thresholds.accept} / many ${LEARNED_PAIR_MODEL.thresholds.many})\n`);
console.log(header);
console.log(row('committed model at the defaults (in-sample: trained on this gold, optimistic)', scorePairs(alignSegments(segments).pairs, gold.pairs)));

// Candidates at the committed model's floor (the ablation rows below), and at the other floor the
// training rule chooses from (the floor-chosen-per-fold row).
const FLOOR = DEFAULT_ALIGN_OPTIONS.candidateFloor;
const OTHER_FLOOR = FLOOR === 0 ? 0.1 : 0;
const labelledAt = (candidateFloor: number) =>
  new Map((['basic', 'news', 'none'] as const).map((lexicon) => [lexicon, labelCandidates(scoreCandidates(segments, resolveAlignOptions({ lexicon, candidateFloor })), gold.pairs)]));
const labelled = labelledAt(FLOOR);
const labelledOther = labelledAt(OTHER_FLOOR);
console.log(`\nGold pairs among the candidates (stem cosine >= ${DEFAULT_ALIGN_OPTIONS.candidateFloor}): ${[...labelled].map(([name, data]) => `${name} ${data.aligned.reduce((sum, x) => sum + x, 0)} of ${gold.pairs.length} (${data.scored.candidates.count} candidates)`).join('; ')}`);
const configsFor = (data: LabelledCandidates, lexicon: LexiconName, candidateFloor = FLOOR): TrainingConfig[] =>
  L2_GRID.map((l2) => ({ label: `${lexicon}, floor ${candidateFloor}, l2 ${l2}`, data, l2, lexicon, candidateFloor }));
const nestedRow = (title: string, configs: TrainingConfig[]): void => {
  const cv = crossValidateNested(configs, gold.pairs);
  console.log(row(`${title} (chosen: ${cv.folds.map((f) => `${f.config} ${f.chosen.accept}/${f.chosen.many}`).join('; ')})`, cv.total));
};
const basic = labelled.get('basic') as LabelledCandidates;
// The feature ablations use the committed model's lexicon.
const lex = LEARNED_PAIR_MODEL.lexicon;
const committed = labelled.get(lex) as LabelledCandidates;
console.log('\n## Learned scorer: nested leave-one-document-out CV, one row per idea (counts summed over the five folds)\n');
console.log(header);
nestedRow('learned, basic lexicon (l2 and thresholds chosen per fold)', configsFor(basic, 'basic'));
nestedRow('learned, news lexicon', configsFor(labelled.get('news') as LabelledCandidates, 'news'));
nestedRow('learned, no lexicon', configsFor(labelled.get('none') as LabelledCandidates, 'none'));
nestedRow(`learned, floor ${FLOOR}, lexicon also chosen per fold (basic/news/none)`, [...labelled].flatMap(([name, data]) => configsFor(data, name)));
nestedRow(`learned, floor ${OTHER_FLOOR}, lexicon also chosen per fold`, [...labelledOther].flatMap(([name, data]) => configsFor(data, name, OTHER_FLOOR)));
nestedRow('learned, floor and lexicon chosen per fold (the rule scripts/train-align.ts applies)', [
  ...[...labelled, ...labelledOther].flatMap(([name, data]) => configsFor(data, name, data === labelled.get(name) ? FLOOR : OTHER_FLOOR)),
].sort((x, y) => y.candidateFloor - x.candidateFloor));
const CONTEXT: readonly PairFeatureName[] = ['margin', 'rowRank', 'colRank', 'mutualBest', 'bothTitles', 'oneTitle', 'positionGap', 'thirdAgree', 'bridge'];
nestedRow(`learned, ${lex}, without context features (signals only)`, configsFor(withoutFeatures(committed, CONTEXT), lex));
nestedRow(`learned, ${lex}, without the third-document features (thirdAgree, bridge)`, configsFor(withoutFeatures(committed, ['thirdAgree', 'bridge']), lex));
nestedRow(`learned, ${lex}, similarity feature only (a learned threshold on the weighted mean)`, configsFor(onlyFeatures(committed, ['similarity']), lex));
{
  // One-to-many (idea 4): mutual-best pairs only, no second match per sentence.
  // Both rows keep the committed model's lexicon, l2 and thresholds fixed (chosen on the whole
  // gold, so optimistic); only the weights are retrained per fold.
  const model = LEARNED_PAIR_MODEL;
  const data = labelled.get(model.lexicon) as LabelledCandidates;
  const fixed = `${model.lexicon}, l2 ${model.l2}`;
  const perFold = crossValidateLearned(data, gold.pairs, { l2: model.l2 });
  console.log(row(`learned, ${fixed} fixed, thresholds chosen per fold (the figure test/align.test.ts guards)`, perFold.total));
  const both = crossValidateLearned(data, gold.pairs, { l2: model.l2 }, model.thresholds);
  console.log(row(`learned, ${fixed}, committed thresholds ${model.thresholds.accept}/${model.thresholds.many} fixed`, both.total));
  const mutual = crossValidateLearned(data, gold.pairs, { l2: model.l2 }, { accept: model.thresholds.accept, many: Infinity });
  console.log(row(`learned, ${fixed}, mutual-best only at accept ${model.thresholds.accept} (no second match per sentence)`, mutual.total));
}
{
  // Weighted scorer with the news lexicon, same CV over the similarity floor as above.
  const newsCv = leaveOneDocumentOut(docs, floorGrid, (s: Setting) => alignSegments(segments, { ...s, scorer: 'weighted', lexicon: 'news' }).pairs, gold.pairs);
  console.log(row('weighted scorer, news lexicon, LOO CV over the similarity floor (margins 1.0/1.0)', newsCv.total));
}

function maskColumns(data: LabelledCandidates, keep: (name: PairFeatureName) => boolean): LabelledCandidates {
  // A column set to 0 everywhere standardises to 0: the model cannot use it.
  const rows = Float64Array.from(data.rows);
  PAIR_FEATURES.forEach((name, f) => {
    if (keep(name)) return;
    for (let n = 0; n < data.aligned.length; n++) rows[n * PAIR_FEATURES.length + f] = 0;
  });
  return { ...data, rows };
}
function withoutFeatures(data: LabelledCandidates, names: readonly PairFeatureName[]): LabelledCandidates {
  return maskColumns(data, (name) => !names.includes(name));
}
function onlyFeatures(data: LabelledCandidates, names: readonly PairFeatureName[]): LabelledCandidates {
  return maskColumns(data, (name) => names.includes(name));
}
