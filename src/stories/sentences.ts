// Sentence-level evidence between two candidate documents: the share of their sentences that find
// a close match in the other one. Versions of one story retell the same sentences; two stories on
// one topic share words but rarely sentences.

/** A document's sentences with their term weights and norms, computed once per document. */
export interface SentenceVectors {
  readonly terms: readonly Uint32Array[];
  readonly weights: readonly Float32Array[];
  readonly norms: Float64Array;
}

export function sentenceVectors(sentences: readonly Uint32Array[], weight: (term: number) => number): SentenceVectors {
  const weights = sentences.map((terms) => Float32Array.from(terms, weight));
  return { terms: sentences, weights, norms: Float64Array.from(weights, (w) => w.reduce((sum, x) => sum + x, 0)) };
}

/** Weighted cosine of two sorted term-hash sets (binary terms, `weight` per term). */
export function weightedCosine(a: Uint32Array, b: Uint32Array, weight: (term: number) => number): number {
  const va = sentenceVectors([a], weight);
  const vb = sentenceVectors([b], weight);
  return cosineAt(va, 0, vb, 0);
}

function cosineAt(a: SentenceVectors, x: number, b: SentenceVectors, y: number): number {
  const na = a.norms[x] as number;
  const nb = b.norms[y] as number;
  if (na <= 0 || nb <= 0) return 0;
  const ta = a.terms[x] as Uint32Array;
  const tb = b.terms[y] as Uint32Array;
  const wa = a.weights[x] as Float32Array;
  let p = 0;
  let q = 0;
  let shared = 0;
  while (p < ta.length && q < tb.length) {
    const u = ta[p] as number;
    const v = tb[q] as number;
    if (u === v) {
      shared += wa[p] as number;
      p++;
      q++;
    } else if (u < v) p++;
    else q++;
  }
  return shared / Math.sqrt(na * nb);
}

/**
 * (sentences of a with a match in b + sentences of b with a match in a) / (all sentences of both),
 * where a match is a sentence of the other document at weighted cosine ≥ `minSimilarity`.
 */
export function sentenceMatchShare(a: SentenceVectors, b: SentenceVectors, minSimilarity: number): number {
  const total = a.terms.length + b.terms.length;
  if (total === 0) return 0;
  const matchedB = new Uint8Array(b.terms.length);
  let matched = 0;
  for (let x = 0; x < a.terms.length; x++) {
    let found = false;
    for (let y = 0; y < b.terms.length; y++) {
      if (cosineAt(a, x, b, y) >= minSimilarity) {
        found = true;
        matchedB[y] = 1;
      }
    }
    if (found) matched++;
  }
  for (const m of matchedB) matched += m;
  return matched / total;
}
