// The threshold oracle of the seeds ceiling: every candidate pair of every document pair with its
// similarity and ratio margin (the aligner's representation before learned substitutions), so a
// script can rank them and find the best F1 any single cut-off reaches with the gold in hand.
// An upper bound for "keep the pairs scoring above t", never a figure of the aligner's.
import { columnNeighbourMeans, ratioMargin, rowNeighbourMeans } from '../../src/align/margin.ts';
import { resolveAlignOptions, type AlignOptions } from '../../src/align/options.ts';
import { collectionFeatures, documentPairSimilarities, similarityBlock } from '../../src/align/similarity.ts';
import type { Segment } from '../../src/types.ts';

export interface CandidatePair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
  readonly margin: number;
}

/** Every cross-document pair of body/title segments with similarity > 0. */
export function candidatePairs(segments: readonly Segment[], options: AlignOptions = {}): CandidatePair[] {
  const resolved = resolveAlignOptions(options);
  const alignable = segments.filter((s) => s.kind !== 'boilerplate').sort((x, y) => (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.index - y.index));
  const documents = [...new Set(alignable.map((s) => s.doc))];
  const features = collectionFeatures(alignable, documents, resolved);
  const out: CandidatePair[] = [];
  for (let d = 0; d < documents.length; d++) {
    const block = similarityBlock(features, d);
    const a0 = features.docStart[d] as number;
    const rows = (features.docStart[d + 1] as number) - a0;
    for (let e = d + 1; e < documents.length; e++) {
      const b0 = features.docStart[e] as number;
      const cols = (features.docStart[e + 1] as number) - b0;
      const sims = documentPairSimilarities(features, block, b0, rows, cols);
      const rowMeans = rowNeighbourMeans(sims, rows, cols, resolved.k);
      const colMeans = columnNeighbourMeans(sims, rows, cols, resolved.k);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
        const similarity = sims[r * cols + c] as number;
        if (similarity <= 0) continue;
        out.push({ a: (alignable[a0 + r] as Segment).id, b: (alignable[b0 + c] as Segment).id, similarity, margin: ratioMargin(similarity, rowMeans[r] as number, colMeans[c] as number) });
      }
    }
  }
  return out;
}
