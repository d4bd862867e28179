// Which scored pairs become alignments: mutual-best pairs above the thresholds, plus any pair above
// higher thresholds (so a sentence that merges two facts can align with both halves elsewhere).
// No order constraint: outlets reorder facts freely.
import type { ResolvedAlignOptions } from './options.ts';
import type { Candidates, SegmentFeatures } from './similarity.ts';
import { NeighbourTable, ratioMargin } from './margin.ts';

/** Margin score of every candidate against its per-document-pair neighbourhood (same order as `candidates`). */
export function marginScores(candidates: Candidates, features: readonly SegmentFeatures[], documents: number, k: number): Float64Array {
  const table = new NeighbourTable(features.length, documents, k);
  const docSizes = new Array<number>(documents).fill(0);
  for (const f of features) docSizes[f.doc] = (docSizes[f.doc] ?? 0) + 1;
  const docOf = Int32Array.from(features, (f) => f.doc);
  for (let n = 0; n < candidates.count; n++) {
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    const sim = candidates.similarity[n] as number;
    table.offer(i, docOf[j] as number, sim);
    table.offer(j, docOf[i] as number, sim);
  }
  const margins = new Float64Array(candidates.count);
  for (let n = 0; n < candidates.count; n++) {
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    const di = docOf[i] as number;
    const dj = docOf[j] as number;
    const margin = ratioMargin(candidates.similarity[n] as number, table.meanTop(i, dj, docSizes[dj] ?? 1), table.meanTop(j, di, docSizes[di] ?? 1));
    margins[n] = Math.round(margin * 1e6) / 1e6;
  }
  return margins;
}

/**
 * Indices of the candidates kept: mutual-best within their document pair with similarity >=
 * minSimilarity and margin >= threshold, or, mutual or not, similarity >= manySimilarity and
 * margin >= manyThreshold.
 */
export function selectPairs(candidates: Candidates, margins: Float64Array, features: readonly SegmentFeatures[], documents: number, options: ResolvedAlignOptions): number[] {
  // Best candidate of each (item, other document) by margin; ties go to the earlier candidate,
  // which is fixed by the sorted features, so the result does not depend on input order.
  const best = bestPerSlot(candidates, margins, features, documents);
  const docOf = Int32Array.from(features, (f) => f.doc);
  const kept: number[] = [];
  for (let n = 0; n < candidates.count; n++) {
    const sim = candidates.similarity[n] as number;
    const margin = margins[n] as number;
    if (sim >= options.manySimilarity && margin >= options.manyThreshold) {
      kept.push(n);
      continue;
    }
    if (sim < options.minSimilarity || margin < options.threshold) continue;
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    if (best[i * documents + (docOf[j] as number)] === n && best[j * documents + (docOf[i] as number)] === n) kept.push(n);
  }
  return kept;
}

/**
 * Indices of the candidates kept by a learned probability: mutual-best by probability within
 * their document pair with probability >= `accept`, or, mutual or not, probability >= `many`
 * (a sentence that merges two facts aligns with both halves).
 */
export function selectByProbability(candidates: Candidates, probability: Float64Array, features: readonly SegmentFeatures[], documents: number, accept: number, many: number): number[] {
  const best = bestPerSlot(candidates, probability, features, documents);
  const docOf = Int32Array.from(features, (f) => f.doc);
  const kept: number[] = [];
  for (let n = 0; n < candidates.count; n++) {
    const p = probability[n] as number;
    if (p >= many) {
      kept.push(n);
      continue;
    }
    if (p < accept) continue;
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    if (best[i * documents + (docOf[j] as number)] === n && best[j * documents + (docOf[i] as number)] === n) kept.push(n);
  }
  return kept;
}

/** Best candidate (by `scores`) of each (item, other document) slot; ties go to the earlier candidate. */
function bestPerSlot(candidates: Candidates, scores: Float64Array, features: readonly SegmentFeatures[], documents: number): Int32Array {
  const best = new Int32Array(features.length * documents).fill(-1);
  const docOf = Int32Array.from(features, (f) => f.doc);
  const offer = (slot: number, n: number): void => {
    const current = best[slot] as number;
    if (current < 0 || (scores[n] as number) > (scores[current] as number)) best[slot] = n;
  };
  for (let n = 0; n < candidates.count; n++) {
    const i = candidates.i[n] as number;
    const j = candidates.j[n] as number;
    offer(i * documents + (docOf[j] as number), n);
    offer(j * documents + (docOf[i] as number), n);
  }
  return best;
}
