// The features the learned pair scorer reads: each candidate pair's own signals plus its context
// (how it ranks among the other candidates of both sentences in the other document, whether it is
// mutual-best, where both sentences sit in their articles). Context matters because outlets
// repeat the story's main facts: a pair's similarity means little until compared with the
// alternatives each sentence has. Pure; one row per candidate in a flat Float64Array.
import { COMPONENT, COMPONENTS, type Candidates, type SegmentFeatures } from './similarity.ts';

/** Column names of the feature matrix, in order (the learned model's weights follow this order). */
export const PAIR_FEATURES = [
  'similarity', // the hand-weighted combination (includes the English side when present)
  'stems', // IDF-weighted stem cosine
  'containedMax', // share of the shorter sentence's stem weight found in the other
  'containedMin', // share of the longer sentence's stem weight found in the other
  'chars', // character n-gram cosine
  'names', // proper-name cosine (0 when a side has none)
  'hasNames', // both sides name someone
  'numbers', // Dice overlap of numbers (0 when a side states none)
  'hasNumbers', // both sides state a number
  'length', // shorter / longer content-word count
  'margin', // ratio margin against the per-document-pair neighbourhood, capped at 3
  'rowRank', // 1 / rank of b among a's candidates in b's document (1 = a's best)
  'colRank', // 1 / rank of a among b's candidates in a's document
  'mutualBest', // each is the other's best by similarity in the other's document
  'bothTitles', // both are headlines (headlines restate each other loosely)
  'oneTitle', // exactly one is a headline
  'positionGap', // |relative position of a − relative position of b|, in [0, 1]
  'sharedStems', // ln(1 + number of shared stems)
  'thirdAgree', // share of third documents where both sentences' best partners (by similarity) are the same sentence
  'bridge', // as thirdAgree, each agreeing document weighted by min(sim(x, w), sim(y, w)) of the shared partner w
] as const;

export type PairFeatureName = (typeof PAIR_FEATURES)[number];
export const FEATURE_COUNT = PAIR_FEATURES.length;

/**
 * The feature row of every candidate (row n = candidate n), flat: value of feature f for
 * candidate n at n * FEATURE_COUNT + f.
 */
export function pairFeatureMatrix(candidates: Candidates, margins: Float64Array, features: readonly SegmentFeatures[], documents: number): Float64Array {
  const rows = new Float64Array(candidates.count * FEATURE_COUNT);
  const { rowRank, colRank } = candidateRanks(candidates, features, documents);
  const position = relativePositions(features, documents);
  const { agree, bridges } = thirdDocumentAgreement(candidates, features, documents);
  const c = candidates.components;
  for (let n = 0; n < candidates.count; n++) {
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    const at = n * COMPONENTS;
    const names = c[at + COMPONENT.names] as number;
    const numbers = c[at + COMPONENT.numbers] as number;
    const titles = ((features[i] as SegmentFeatures).segment.kind === 'title' ? 1 : 0) + ((features[j] as SegmentFeatures).segment.kind === 'title' ? 1 : 0);
    const row = n * FEATURE_COUNT;
    rows[row + F.similarity] = candidates.similarity[n] as number;
    rows[row + F.stems] = c[at + COMPONENT.stems] as number;
    rows[row + F.containedMax] = c[at + COMPONENT.contained] as number;
    rows[row + F.containedMin] = c[at + COMPONENT.containedMin] as number;
    rows[row + F.chars] = c[at + COMPONENT.chars] as number;
    rows[row + F.names] = Math.max(0, names);
    rows[row + F.hasNames] = names >= 0 ? 1 : 0;
    rows[row + F.numbers] = Math.max(0, numbers);
    rows[row + F.hasNumbers] = numbers >= 0 ? 1 : 0;
    rows[row + F.length] = c[at + COMPONENT.length] as number;
    rows[row + F.margin] = Math.min(3, margins[n] as number);
    rows[row + F.rowRank] = 1 / (rowRank[n] as number);
    rows[row + F.colRank] = 1 / (colRank[n] as number);
    rows[row + F.mutualBest] = rowRank[n] === 1 && colRank[n] === 1 ? 1 : 0;
    rows[row + F.bothTitles] = titles === 2 ? 1 : 0;
    rows[row + F.oneTitle] = titles === 1 ? 1 : 0;
    rows[row + F.positionGap] = Math.abs((position[i] as number) - (position[j] as number));
    rows[row + F.sharedStems] = Math.log1p(c[at + COMPONENT.sharedTerms] as number);
    rows[row + F.thirdAgree] = agree[n] as number;
    rows[row + F.bridge] = bridges[n] as number;
  }
  return rows;
}

/** Column index of each feature. */
const F = Object.fromEntries(PAIR_FEATURES.map((name, f) => [name, f])) as Record<PairFeatureName, number>;

/**
 * Rank (1 = best) of each candidate among the candidates of its first side in the second side's
 * document (rowRank), and of its second side in the first side's document (colRank), by
 * similarity; ties share the better rank, so the result does not depend on candidate order.
 */
export function candidateRanks(candidates: Candidates, features: readonly SegmentFeatures[], documents: number): { rowRank: Int32Array; colRank: Int32Array } {
  const slots = new Map<number, number[]>();
  const slotOf = (item: number, otherItem: number): number => item * documents + (features[otherItem] as SegmentFeatures).doc;
  for (let n = 0; n < candidates.count; n++) {
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    for (const slot of [slotOf(i, j), slotOf(j, i)]) {
      const list = slots.get(slot);
      if (list) list.push(n);
      else slots.set(slot, [n]);
    }
  }
  const rowRank = new Int32Array(candidates.count);
  const colRank = new Int32Array(candidates.count);
  for (const [slot, list] of slots) {
    const item = Math.floor(slot / documents);
    const sims = list.map((n) => candidates.similarity[n] as number).sort((x, y) => y - x);
    for (const n of list) {
      const sim = candidates.similarity[n] as number;
      const rank = 1 + firstIndexAtMost(sims, sim);
      if (candidates.i[n] === item) rowRank[n] = rank;
      else colRank[n] = rank;
    }
  }
  return { rowRank, colRank };
}

/** Index of the first value <= x in a descending list (binary search). */
function firstIndexAtMost(descending: readonly number[], x: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((descending[mid] as number) > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For each candidate (x, y): in how many of the other documents do x and y have the same best
 * partner, as a share of those documents. Two sentences that a third outlet's single sentence
 * restates both are likely to state the same fact, even when they word it differently from
 * each other (one outlet paraphrasing, a third staying close to both). `bridges` weights each
 * agreeing document by how close the shared partner is to both: min(sim(x, w), sim(y, w)).
 */
export function thirdDocumentAgreement(candidates: Candidates, features: readonly SegmentFeatures[], documents: number): { agree: Float64Array; bridges: Float64Array } {
  const best = new Int32Array(features.length * documents).fill(-1);
  const bestSim = new Float64Array(features.length * documents);
  const offer = (item: number, other: number, sim: number): void => {
    const slot = item * documents + (features[other] as SegmentFeatures).doc;
    const current = best[slot] as number;
    // Ties go to the lower index: the same whatever the input order.
    if (current < 0 || sim > (bestSim[slot] as number) || (sim === bestSim[slot] && other < current)) {
      best[slot] = other;
      bestSim[slot] = sim;
    }
  };
  for (let n = 0; n < candidates.count; n++) {
    const sim = candidates.similarity[n] as number;
    offer(candidates.i[n] as number, candidates.j[n] as number, sim);
    offer(candidates.j[n] as number, candidates.i[n] as number, sim);
  }
  const agree = new Float64Array(candidates.count);
  const bridges = new Float64Array(candidates.count);
  if (documents < 3) return { agree, bridges };
  for (let n = 0; n < candidates.count; n++) {
    const x = candidates.i[n] as number;
    const y = candidates.j[n] as number;
    const dx = (features[x] as SegmentFeatures).doc;
    const dy = (features[y] as SegmentFeatures).doc;
    let agreeing = 0;
    let bridge = 0;
    for (let z = 0; z < documents; z++) {
      if (z === dx || z === dy) continue;
      const bx = best[x * documents + z] as number;
      if (bx >= 0 && bx === best[y * documents + z]) {
        agreeing++;
        bridge += Math.min(bestSim[x * documents + z] as number, bestSim[y * documents + z] as number);
      }
    }
    agree[n] = agreeing / (documents - 2);
    bridges[n] = bridge / (documents - 2);
  }
  return { agree, bridges };
}

/** Position of each alignable segment in its document, 0 (first) to 1 (last). */
function relativePositions(features: readonly SegmentFeatures[], documents: number): Float64Array {
  const counts = new Array<number>(documents).fill(0);
  const seen = new Array<number>(documents).fill(0);
  for (const f of features) counts[f.doc] = (counts[f.doc] ?? 0) + 1;
  // Features are sorted by (document, index), so order within a document is reading order.
  return Float64Array.from(features, (f) => {
    const at = seen[f.doc] ?? 0;
    seen[f.doc] = at + 1;
    const count = counts[f.doc] ?? 1;
    return count > 1 ? at / (count - 1) : 0;
  });
}
