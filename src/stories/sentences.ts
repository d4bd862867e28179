// Sentence-level evidence between two candidate documents: the share of their sentences that find
// a close match in the other one. Versions of one story retell the same sentences; two stories on
// one topic share words but rarely sentences.

/** Weighted cosine of two sorted term-hash sets (binary terms, `weight` per term). */
export function weightedCosine(a: Uint32Array, b: Uint32Array, weight: (term: number) => number): number {
  let x = 0;
  let y = 0;
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const t of a) na += weight(t);
  for (const t of b) nb += weight(t);
  while (x < a.length && y < b.length) {
    const ta = a[x] as number;
    const tb = b[y] as number;
    if (ta === tb) {
      shared += weight(ta);
      x++;
      y++;
    } else if (ta < tb) x++;
    else y++;
  }
  return na > 0 && nb > 0 ? shared / Math.sqrt(na * nb) : 0;
}

/**
 * (sentences of a with a match in b + sentences of b with a match in a) / (all sentences of both),
 * where a match is a sentence of the other document at weighted cosine ≥ `minSimilarity`.
 */
export function sentenceMatchShare(a: readonly Uint32Array[], b: readonly Uint32Array[], weight: (term: number) => number, minSimilarity: number): number {
  const total = a.length + b.length;
  if (total === 0) return 0;
  const matchedB = new Uint8Array(b.length);
  let matched = 0;
  a.forEach((sa) => {
    let found = false;
    b.forEach((sb, k) => {
      if (sa.length === 0 || sb.length === 0) return;
      if (weightedCosine(sa, sb, weight) >= minSimilarity) {
        found = true;
        matchedB[k] = 1;
      }
    });
    if (found) matched++;
  });
  for (const m of matchedB) matched += m;
  return matched / total;
}
