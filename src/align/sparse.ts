// Sparse TF-IDF vectors over a shared vocabulary: the representation every lexical signal uses.
// Term ids are sorted inside a vector so two vectors dot in one merge pass.

/** An L2-normalised sparse vector: parallel arrays of ascending term ids and weights. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float64Array(0) };

/**
 * TF-IDF vectors for a collection of term lists (one per item). IDF is smoothed,
 * idf = ln((1 + N) / (1 + df)) + 1, so a term in every item still counts a little; TF is
 * sublinear (1 + ln tf) so a repeated word does not dominate a sentence.
 */
export function tfidfVectors(termLists: readonly (readonly string[])[]): SparseVector[] {
  return tfidfWithNorms(termLists).vectors;
}

/** As tfidfVectors, plus each vector's L2 norm before normalisation (to compose concatenations). */
export function tfidfWithNorms(termLists: readonly (readonly string[])[]): { vectors: SparseVector[]; norms: Float64Array } {
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  const counted = termLists.map((terms) => {
    const counts = new Map<number, number>();
    for (const term of terms) {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(term, id);
        documentFrequency.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
    return counts;
  });
  const n = termLists.length;
  const norms = new Float64Array(n);
  const vectors = counted.map((counts, item) => {
    const ids = Int32Array.from([...counts.keys()].sort((x, y) => x - y));
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const w = (1 + Math.log(counts.get(id) ?? 1)) * (Math.log((1 + n) / (1 + (documentFrequency[id] ?? 0))) + 1);
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    norms[item] = norm;
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / norm;
    return { ids, weights };
  });
  return { vectors, norms };
}

/** Cosine of two L2-normalised sparse vectors (a sorted merge, O(|a| + |b|)). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x === y) {
      dot += (a.weights[i] as number) * (b.weights[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot);
}

/** Postings of one term: the items holding it (ascending) and the term's weight in each. */
export interface Postings {
  readonly items: Int32Array;
  readonly weights: Float64Array;
}

/** The inverted index (term id → postings) that finds candidate pairs without O(n²) work. */
export function invertedIndex(vectors: readonly SparseVector[]): Postings[] {
  const items: number[][] = [];
  const weights: number[][] = [];
  vectors.forEach((vector, item) => {
    for (let k = 0; k < vector.ids.length; k++) {
      const id = vector.ids[k] as number;
      (items[id] ??= []).push(item);
      (weights[id] ??= []).push(vector.weights[k] as number);
    }
  });
  return Array.from(items, (list, id) => ({ items: Int32Array.from(list ?? []), weights: Float64Array.from(weights[id] ?? []) }));
}
