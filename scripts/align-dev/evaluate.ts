// Scoring predicted alignments against gold, a threshold sweep, and leave-one-document-out
// cross-validation for choosing thresholds without peeking at the figures reported. Pure.
//
// How a predicted pair counts (a prediction is a set of unordered segment-id pairs):
// - grade >= 1: every predicted pair is a hit if it is in the gold at any grade, else a false
//   positive; every gold pair not predicted is a miss.
// - grade 2: the task of finding the "same information" pairs. Hits are predicted pairs graded 2 in
//   the gold; a predicted pair that is a gold grade-1 pair is neither hit nor false positive (it is
//   a correct partial match, not an error); a predicted pair not in the gold is a false positive;
//   gold grade-2 pairs not predicted are misses. The predicted grade is scored separately
//   (gradeAgreement), so a wrong grade guess does not hide a correct alignment.
import type { ResolvedGoldPair } from './gold.ts';

export interface PredictedPair {
  readonly a: string;
  readonly b: string;
  readonly grade?: 1 | 2;
}

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface PairScores {
  readonly grade2: Counts;
  readonly any: Counts;
  /** Among predicted pairs found in the gold: how many carry the gold's grade. */
  readonly gradeAgreement: { readonly agree: number; readonly total: number };
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Documents of a segment id `<doc>:<n>`. */
export function docOf(segmentId: string): string {
  return segmentId.slice(0, segmentId.lastIndexOf(':'));
}

function key(a: string, b: string): string {
  return a < b ? `${a}\t${b}` : `${b}\t${a}`;
}

/** Scores predictions against gold; `include` restricts both to some document pairs (for CV folds). */
export function scorePairs(predicted: readonly PredictedPair[], gold: readonly ResolvedGoldPair[], include: (a: string, b: string) => boolean = () => true): PairScores {
  const goldGrade = new Map<string, 1 | 2>();
  for (const g of gold) if (include(g.a, g.b)) goldGrade.set(key(g.a, g.b), g.grade);
  const seen = new Set<string>();
  let anyTp = 0;
  let anyFp = 0;
  let twoTp = 0;
  let twoFp = 0;
  let agree = 0;
  for (const p of predicted) {
    if (!include(p.a, p.b)) continue;
    const k = key(p.a, p.b);
    if (seen.has(k)) continue;
    seen.add(k);
    const grade = goldGrade.get(k);
    if (grade === undefined) {
      anyFp++;
      twoFp++;
      continue;
    }
    anyTp++;
    if (grade === 2) twoTp++;
    if (p.grade === grade) agree++;
  }
  const gold2 = [...goldGrade.values()].filter((g) => g === 2).length;
  return {
    grade2: { tp: twoTp, fp: twoFp, fn: gold2 - twoTp },
    any: { tp: anyTp, fp: anyFp, fn: goldGrade.size - anyTp },
    gradeAgreement: { agree, total: anyTp },
  };
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(x: Counts, y: Counts): Counts {
  return { tp: x.tp + y.tp, fp: x.fp + y.fp, fn: x.fn + y.fn };
}

export function addScores(x: PairScores, y: PairScores): PairScores {
  return {
    grade2: addCounts(x.grade2, y.grade2),
    any: addCounts(x.any, y.any),
    gradeAgreement: { agree: x.gradeAgreement.agree + y.gradeAgreement.agree, total: x.gradeAgreement.total + y.gradeAgreement.total },
  };
}

export const ZERO_SCORES: PairScores = { grade2: { tp: 0, fp: 0, fn: 0 }, any: { tp: 0, fp: 0, fn: 0 }, gradeAgreement: { agree: 0, total: 0 } };

/** The selection rule for a setting: mean of grade-2 F1 and grade>=1 F1 (both targets matter). */
export function objective(scores: PairScores): number {
  return (prf(scores.grade2).f1 + prf(scores.any).f1) / 2;
}

export interface SweepRow<S> {
  readonly setting: S;
  readonly scores: PairScores;
}

/** Scores every setting (e.g. threshold values) on the given gold. */
export function sweep<S>(settings: readonly S[], predict: (setting: S) => readonly PredictedPair[], gold: readonly ResolvedGoldPair[]): SweepRow<S>[] {
  return settings.map((setting) => ({ setting, scores: scorePairs(predict(setting), gold) }));
}

export interface CrossValidationFold<S> {
  /** The held-out document. */
  readonly doc: string;
  /** The setting chosen on pairs not involving `doc`. */
  readonly chosen: S;
  /** Its scores on the pairs involving `doc`. */
  readonly heldOut: PairScores;
}

export interface CrossValidation<S> {
  readonly folds: readonly CrossValidationFold<S>[];
  /** Held-out counts summed over folds (a document pair is held out in both of its documents' folds). */
  readonly total: PairScores;
}

/**
 * Leave-one-document-out: for each document X, picks the setting that maximises `objective` on
 * the document pairs not involving X (first best in `settings` order on ties), then scores it on
 * the pairs involving X. Predictions are computed once per setting over the whole collection:
 * the aligner's features see all texts, as they would in use, but no gold label of X.
 */
export function leaveOneDocumentOut<S>(
  docs: readonly string[],
  settings: readonly S[],
  predict: (setting: S) => readonly PredictedPair[],
  gold: readonly ResolvedGoldPair[],
): CrossValidation<S> {
  const predictions = settings.map((s) => predict(s));
  const folds = docs.map((doc) => {
    const involves = (a: string, b: string): boolean => docOf(a) === doc || docOf(b) === doc;
    let bestIndex = 0;
    let bestValue = -1;
    predictions.forEach((predicted, n) => {
      const value = objective(scorePairs(predicted, gold, (a, b) => !involves(a, b)));
      if (value > bestValue) {
        bestValue = value;
        bestIndex = n;
      }
    });
    return { doc, chosen: settings[bestIndex] as S, heldOut: scorePairs(predictions[bestIndex] ?? [], gold, involves) };
  });
  return { folds, total: folds.reduce((sum, f) => addScores(sum, f.heldOut), ZERO_SCORES) };
}
