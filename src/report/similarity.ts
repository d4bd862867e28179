// Character-trigram cosine similarity between sentences: light, language-agnostic, needs no model.
// The page's script computes the same measure for the similarity maps (src/report/client.ts keeps
// the two in step; test/browser.test.ts checks a map cell against it), so the report never stores a
// versions × versions matrix of sentence scores.

export type TrigramVector = ReadonlyMap<string, number>;

/** Lower case, accents kept, every run of non-letters/digits as one space, padded with spaces. */
export function normalizeForSimilarity(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

export function trigrams(text: string): TrigramVector {
  const normal = normalizeForSimilarity(text);
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= normal.length; i++) {
    const gram = normal.slice(i, i + 3);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function cosine(a: TrigramVector, b: TrigramVector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const value of a.values()) normA += value * value;
  for (const value of b.values()) normB += value * value;
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [gram, value] of small) dot += value * (large.get(gram) ?? 0);
  return dot / Math.sqrt(normA * normB);
}

/**
 * Index of the most central of several sentences: the one with the highest total similarity to the
 * others (the first on ties), so a fact's diff is read against its most typical wording. Linear in the
 * number of sentences: with unit vectors u, the total of sentence i is u_i · (sum of all u) − 1.
 */
export function mostCentral(sentences: readonly string[]): number {
  if (sentences.length <= 2) return 0;
  const units = sentences.map((sentence) => {
    const vector = trigrams(sentence);
    let norm = 0;
    for (const value of vector.values()) norm += value * value;
    const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    return new Map([...vector].map(([gram, value]) => [gram, value * scale]));
  });
  const sum = new Map<string, number>();
  for (const unit of units) for (const [gram, value] of unit) sum.set(gram, (sum.get(gram) ?? 0) + value);
  let best = 0;
  let bestTotal = -Infinity;
  units.forEach((unit, i) => {
    let total = 0;
    for (const [gram, value] of unit) total += value * sum.get(gram)!;
    if (total > bestTotal + 1e-9) {
      best = i;
      bestTotal = total;
    }
  });
  return best;
}
