// The run's chance level of similarity: how similar two sentences of different documents are when
// nothing but topic words links them. Fitted on the run itself, like the IDF: over the pairs that
// are neither sentence's most similar partner in that document pair (the candidates a sentence
// passes over: chance, bar a few second partners), the median plus a multiple of their median
// absolute deviation, a robust outlier bound. Leaving the best partners out matters: in three
// short versions of one brief most nonzero pairs are true pairs, and the median of all of them is
// one (the bound then exceeds every similarity and nothing aligns). Scale-free: a denser or
// sparser representation moves median and MAD together. A core pair below it matched on chance
// words even when its margin looks good (a document pair sharing little has a tiny
// neighbourhood, so the ratio margin alone inflates).
import { documentPairSimilarities, rowDocuments, similarityBlock, type CollectionFeatures } from './similarity.ts';

/** Histogram resolution over [0, 1]: the median and MAD are exact to half a bin (3e-5). */
const BINS = 1 << 14;

/**
 * median + multiplier x MAD of the run's chance pairs: the nonzero similarities between sentences
 * of different documents, leaving out each sentence's most similar partner in each other document
 * (where its true partner, if any, is). 0 when multiplier is 0 or no such pair exists.
 */
export function chanceSimilarity(features: CollectionFeatures, multiplier: number): number {
  if (multiplier <= 0) return 0;
  const counts = new Float64Array(BINS);
  let total = 0;
  const count = features.documents.length;
  // Over the document pairs the passes align (in the reference form, those with a reference).
  const rowsEnd = rowDocuments(features);
  for (let a = 0; a < rowsEnd; a++) {
    const block = similarityBlock(features, a);
    const rows = block.rowEnd - block.rowStart;
    for (let b = a + 1; b < count; b++) {
      const b0 = features.docStart[b] as number;
      const cols = (features.docStart[b + 1] as number) - b0;
      const sims = documentPairSimilarities(features, block, b0, rows, cols);
      const [rowBest, colBest] = bestPartners(sims, rows, cols);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = sims[r * cols + c] as number;
          if (v <= 0 || rowBest[r] === c || colBest[c] === r) continue;
          const bin = Math.min(BINS - 1, Math.floor(v * BINS));
          counts[bin] = (counts[bin] as number) + 1;
          total++;
        }
      }
    }
  }
  if (total === 0) return 0;
  const median = histogramMedian(counts, total);
  // The deviations' histogram, read off the first one's bin centres (no second pass over the pairs).
  const deviations = new Float64Array(BINS);
  for (let bin = 0; bin < BINS; bin++) {
    if (counts[bin] === 0) continue;
    const at = Math.min(BINS - 1, Math.floor(Math.abs((bin + 0.5) / BINS - median) * BINS));
    deviations[at] = (deviations[at] as number) + (counts[bin] as number);
  }
  return median + multiplier * histogramMedian(deviations, total);
}

/** Each row's and each column's most similar partner (the first on ties; -1 for an all-zero line). */
function bestPartners(sims: Float64Array, rows: number, cols: number): [Int32Array, Int32Array] {
  const rowBest = new Int32Array(rows).fill(-1);
  const colBest = new Int32Array(cols).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = sims[r * cols + c] as number;
      if (v <= 0) continue;
      if (rowBest[r] === -1 || v > (sims[r * cols + (rowBest[r] as number)] as number)) rowBest[r] = c;
      if (colBest[c] === -1 || v > (sims[(colBest[c] as number) * cols + c] as number)) colBest[c] = r;
    }
  }
  return [rowBest, colBest];
}

/** The bin centre at which the cumulative count first reaches half of `total`. */
function histogramMedian(counts: Float64Array, total: number): number {
  let seen = 0;
  for (let bin = 0; bin < BINS; bin++) {
    seen += counts[bin] as number;
    if (seen >= total / 2) return (bin + 0.5) / BINS;
  }
  return 1;
}
