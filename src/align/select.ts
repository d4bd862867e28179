// Which scored pairs become alignments: mutual-best pairs above the threshold, plus any pair above
// a higher threshold (so a sentence that merges two facts can align with both halves elsewhere).
// No order constraint: outlets reorder facts freely.
import type { ResolvedAlignOptions } from './options.ts';
import type { ScoredPair, SegmentFeatures } from './similarity.ts';
import { NeighbourTable, ratioMargin } from './margin.ts';

export interface MarginPair extends ScoredPair {
  readonly margin: number;
}

/** Margin-scores every candidate against its per-document-pair neighbourhood. */
export function marginScores(pairs: readonly ScoredPair[], features: readonly SegmentFeatures[], documents: number, k: number): MarginPair[] {
  const table = new NeighbourTable(features.length, documents, k);
  const docSizes = new Array<number>(documents).fill(0);
  for (const f of features) docSizes[f.doc] = (docSizes[f.doc] ?? 0) + 1;
  for (const p of pairs) {
    const fi = features[p.i] as SegmentFeatures;
    const fj = features[p.j] as SegmentFeatures;
    table.offer(p.i, fj.doc, p.similarity);
    table.offer(p.j, fi.doc, p.similarity);
  }
  return pairs.map((p) => {
    const di = (features[p.i] as SegmentFeatures).doc;
    const dj = (features[p.j] as SegmentFeatures).doc;
    const margin = ratioMargin(p.similarity, table.meanTop(p.i, dj, docSizes[dj] ?? 1), table.meanTop(p.j, di, docSizes[di] ?? 1));
    return { ...p, margin: Math.round(margin * 1e6) / 1e6 };
  });
}

/**
 * Keeps a pair when it is mutual-best within its document pair with similarity >= minSimilarity and
 * margin >= threshold, or, mutual or not, has similarity >= manySimilarity and margin >= manyThreshold.
 */
export function selectPairs(pairs: readonly MarginPair[], features: readonly SegmentFeatures[], documents: number, options: ResolvedAlignOptions): MarginPair[] {
  // Best partner of each item in each other document, by margin (ties: lower item index, so the
  // result does not depend on input order beyond the sorted features).
  const best = new Map<number, MarginPair>();
  const offer = (item: number, doc: number, pair: MarginPair, partner: number): void => {
    const key = item * documents + doc;
    const current = best.get(key);
    if (!current || pair.margin > current.margin || (pair.margin === current.margin && partner < partnerOf(current, item))) best.set(key, pair);
  };
  for (const p of pairs) {
    offer(p.i, (features[p.j] as SegmentFeatures).doc, p, p.j);
    offer(p.j, (features[p.i] as SegmentFeatures).doc, p, p.i);
  }
  return pairs.filter((p) => {
    if (p.similarity >= options.manySimilarity && p.margin >= options.manyThreshold) return true;
    if (p.similarity < options.minSimilarity || p.margin < options.threshold) return false;
    const di = (features[p.i] as SegmentFeatures).doc;
    const dj = (features[p.j] as SegmentFeatures).doc;
    return best.get(p.i * documents + dj) === p && best.get(p.j * documents + di) === p;
  });
}

function partnerOf(pair: MarginPair, item: number): number {
  return pair.i === item ? pair.j : pair.i;
}
