// Training the learned pair scorer on gold alignments, and estimating how it does on documents it
// has not seen (leave-one-document-out). Pure: scored candidates and gold in, models and counts out.
//
// Two models over the same features (PAIR_FEATURES): `aligned` gives P(the pair is in the gold at
// any grade) and decides which pairs are kept; `grade2` gives P(grade 2 | the pair is aligned),
// trained on the gold pairs only, and decides the predicted grade.
import { addScores, docOf, objective, scorePairs, ZERO_SCORES, type PairScores, type PredictedPair } from './evaluate.ts';
import type { ResolvedGoldPair } from './gold.ts';
import type { LexiconName } from './lexicon.ts';
import type { ScoredCandidates } from './index.ts';
import { predictLogistic, trainLogistic, type LogisticModel } from './logistic.ts';
import { FEATURE_COUNT, PAIR_FEATURES, pairFeatureMatrix } from './pairfeatures.ts';
import { selectByProbability } from './select.ts';

export interface PairModels {
  readonly aligned: LogisticModel;
  readonly grade2: LogisticModel;
}

/** Acceptance thresholds on P(aligned): mutual-best pairs need `accept`, any pair `many`. */
export interface AcceptThresholds {
  readonly accept: number;
  readonly many: number;
}

/** Candidate rows with their gold labels. */
export interface LabelledCandidates {
  readonly scored: ScoredCandidates;
  readonly rows: Float64Array;
  /** 1 when the candidate is a gold pair (any grade). */
  readonly aligned: Uint8Array;
  /** 1 when the candidate is a gold grade-2 pair. */
  readonly grade2: Uint8Array;
  /** Candidate ids as "<a>\t<b>", for mapping predictions back. */
  readonly ids: readonly (readonly [string, string])[];
}

export function labelCandidates(scored: ScoredCandidates, gold: readonly ResolvedGoldPair[]): LabelledCandidates {
  const goldGrade = new Map(gold.map((g) => [`${g.a}\t${g.b}`, g.grade]));
  const { candidates, alignable } = scored;
  const aligned = new Uint8Array(candidates.count);
  const grade2 = new Uint8Array(candidates.count);
  const ids: (readonly [string, string])[] = [];
  for (let n = 0; n < candidates.count; n++) {
    const a = (alignable[candidates.i[n] as number] as { id: string }).id;
    const b = (alignable[candidates.j[n] as number] as { id: string }).id;
    const [x, y] = a < b ? [a, b] : [b, a];
    ids.push([x, y]);
    const grade = goldGrade.get(`${x}\t${y}`);
    aligned[n] = grade === undefined ? 0 : 1;
    grade2[n] = grade === 2 ? 1 : 0;
  }
  const rows = pairFeatureMatrix(candidates, scored.margins, scored.features, scored.documents.length);
  return { scored, rows, aligned, grade2, ids };
}

export interface PairTrainOptions {
  /** L2 penalty (per row, see LogisticTrainOptions) of the acceptance model. Default 0.03. */
  readonly l2?: number;
  /** L2 penalty of the grade model (trained on the gold pairs only). Default 0.01. */
  readonly gradeL2?: number;
}

export const DEFAULT_PAIR_TRAINING: Required<PairTrainOptions> = { l2: 0.03, gradeL2: 0.01 };

/** Trains both models on the candidates `use` admits. */
export function trainPairModels(data: LabelledCandidates, use: (n: number) => boolean, options: PairTrainOptions = {}): PairModels {
  const { l2, gradeL2 } = { ...DEFAULT_PAIR_TRAINING, ...options };
  const all = [...data.aligned.keys()].filter(use);
  const positives = all.filter((n) => data.aligned[n] === 1);
  return {
    aligned: trainLogistic(pickRows(data.rows, all), all.map((n) => data.aligned[n] as number), PAIR_FEATURES, { l2 }),
    grade2: trainLogistic(pickRows(data.rows, positives), positives.map((n) => data.grade2[n] as number), PAIR_FEATURES, { l2: gradeL2 }),
  };
}

/** Predicted pairs for some acceptance thresholds; grade 2 when P(grade 2 | aligned) >= 0.5. */
export function predictPairs(data: LabelledCandidates, models: PairModels, thresholds: AcceptThresholds): PredictedPair[] {
  const { scored } = data;
  const probability = predictLogistic(models.aligned, data.rows);
  const gradeProbability = predictLogistic(models.grade2, data.rows);
  return selectByProbability(scored.candidates, probability, scored.features, scored.documents.length, thresholds.accept, thresholds.many).map((n) => {
    const [a, b] = data.ids[n] as readonly [string, string];
    return { a, b, grade: (gradeProbability[n] as number) >= 0.5 ? 2 : 1 };
  });
}

/** The acceptance grid the thresholds are chosen from. */
export function thresholdGrid(): AcceptThresholds[] {
  const grid: AcceptThresholds[] = [];
  for (let accept = 0.1; accept <= 0.801; accept += 0.05) {
    for (const extra of [0, 0.1, 0.2, 0.3, Infinity]) grid.push({ accept: round2(accept), many: round2(accept + extra) });
  }
  return grid;
}

/**
 * The rule that picks thresholds without peeking: the grid setting maximising `objective` on
 * the gold pairs `include` admits (first in grid order on ties).
 */
export function chooseThresholds(data: LabelledCandidates, models: PairModels, gold: readonly ResolvedGoldPair[], include: (a: string, b: string) => boolean, grid = thresholdGrid()): AcceptThresholds {
  let best = grid[0] as AcceptThresholds;
  let bestValue = -1;
  for (const setting of grid) {
    const value = objective(scorePairs(predictPairs(data, models, setting), gold, include));
    if (value > bestValue) {
      bestValue = value;
      best = setting;
    }
  }
  return best;
}

export interface LearnedFold {
  readonly doc: string;
  readonly chosen: AcceptThresholds;
  readonly heldOut: PairScores;
}

/**
 * Leave-one-document-out for the learned scorer: for each document X, trains both models on the
 * candidates between other documents, chooses the thresholds on those same pairs (or uses fixed
 * ones), and scores the
 * pairs involving X. Features (TF-IDF, margins, ranks) see all texts, as in use; no gold label of
 * X is seen.
 */
export function crossValidateLearned(data: LabelledCandidates, gold: readonly ResolvedGoldPair[], options: PairTrainOptions = {}, thresholds: AcceptThresholds | 'chosen' = 'chosen'): { folds: LearnedFold[]; total: PairScores } {
  const folds = data.scored.documents.map((doc) => {
    const involves = (a: string, b: string): boolean => docOf(a) === doc || docOf(b) === doc;
    const models = trainPairModels(data, (n) => !involves(...(data.ids[n] as readonly [string, string])), options);
    const chosen = thresholds === 'chosen' ? chooseThresholds(data, models, gold, (a, b) => !involves(a, b)) : thresholds;
    return { doc, chosen, heldOut: scorePairs(predictPairs(data, models, chosen), gold, involves) };
  });
  return { folds, total: folds.reduce((sum, f) => addScores(sum, f.heldOut), ZERO_SCORES) };
}

/** The L2 penalties the nested rule chooses from. */
export const L2_GRID: readonly number[] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

/**
 * One configuration the nested rule may choose: labelled candidates (built with some lexicon and
 * candidate floor, both recorded) and an L2 penalty.
 */
export interface TrainingConfig {
  readonly label: string;
  readonly data: LabelledCandidates;
  readonly l2: number;
  readonly lexicon: LexiconName;
  readonly candidateFloor: number;
}

/**
 * Chooses a configuration without looking at `heldOut`'s labels: leave-one-document-out over the
 * other documents (train and choose thresholds without X and Y, score the pairs with Y), counts
 * summed, best `objective` wins (first in `configs` order on ties). `heldOut` undefined: all documents.
 */
export function chooseConfig(configs: readonly TrainingConfig[], gold: readonly ResolvedGoldPair[], heldOut: string | undefined): TrainingConfig {
  let best = configs[0] as TrainingConfig;
  let bestValue = -1;
  for (const config of configs) {
    const { data } = config;
    let total = ZERO_SCORES;
    for (const doc of data.scored.documents.filter((d) => d !== heldOut)) {
      const excluded = (a: string, b: string): boolean => [docOf(a), docOf(b)].some((d) => d === doc || d === heldOut);
      const scoredOn = (a: string, b: string): boolean => (docOf(a) === doc || docOf(b) === doc) && docOf(a) !== heldOut && docOf(b) !== heldOut;
      const models = trainPairModels(data, (n) => !excluded(...(data.ids[n] as readonly [string, string])), { l2: config.l2 });
      const chosen = chooseThresholds(data, models, gold, (a, b) => !excluded(a, b));
      total = addScores(total, scorePairs(predictPairs(data, models, chosen), gold, scoredOn));
    }
    const value = objective(total);
    if (value > bestValue) {
      bestValue = value;
      best = config;
    }
  }
  return best;
}

export interface NestedFold extends LearnedFold {
  readonly config: string;
}

/**
 * Outer leave-one-document-out with the configuration (lexicon, L2) chosen inside each fold by
 * `chooseConfig` and the thresholds by `chooseThresholds`: every choice is made without the
 * held-out document's labels, so the summed held-out counts are an honest estimate of the whole
 * procedure on a new document.
 */
export function crossValidateNested(configs: readonly TrainingConfig[], gold: readonly ResolvedGoldPair[]): { folds: NestedFold[]; total: PairScores } {
  const documents = (configs[0] as TrainingConfig).data.scored.documents;
  const folds = documents.map((doc) => {
    const config = chooseConfig(configs, gold, doc);
    const { data } = config;
    const involves = (a: string, b: string): boolean => docOf(a) === doc || docOf(b) === doc;
    const models = trainPairModels(data, (n) => !involves(...(data.ids[n] as readonly [string, string])), { l2: config.l2 });
    const chosen = chooseThresholds(data, models, gold, (a, b) => !involves(a, b));
    return { doc, config: config.label, chosen, heldOut: scorePairs(predictPairs(data, models, chosen), gold, involves) };
  });
  return { folds, total: folds.reduce((sum, f) => addScores(sum, f.heldOut), ZERO_SCORES) };
}

function pickRows(rows: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * FEATURE_COUNT);
  indices.forEach((n, k) => out.set(rows.subarray(n * FEATURE_COUNT, (n + 1) * FEATURE_COUNT), k * FEATURE_COUNT));
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
