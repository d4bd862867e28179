// Near-duplicate detection: MinHash over word shingles, candidate pairs from LSH bands, then the
// estimated Jaccard similarity decides. Pure and deterministic (fixed seeds, no randomness).

/** 32-bit FNV-1a of a string, then a seed mixed in (murmur3 finaliser). */
export function hash32(text: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface MinHashOptions {
  /** Words per shingle. */
  readonly shingle: number;
  /** Hash functions in a signature (bands × rows). */
  readonly bands: number;
  readonly rows: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { shingle: 5, bands: 16, rows: 4 };

/** The MinHash signature of a token sequence; a text shorter than a shingle uses its whole self. */
export function minHashSignature(tokens: readonly string[], options: MinHashOptions = DEFAULT_MINHASH): Uint32Array {
  const size = options.bands * options.rows;
  const signature = new Uint32Array(size).fill(0xffffffff);
  const count = Math.max(1, tokens.length - options.shingle + 1);
  for (let s = 0; s < count; s++) {
    const base = hash32(tokens.slice(s, s + options.shingle).join(' '));
    for (let k = 0; k < size; k++) {
      // One base hash per shingle, remixed per function: cheap and well spread.
      const h = mix32(base ^ Math.imul(k + 1, 0x9e3779b1));
      if (h < (signature[k] as number)) signature[k] = h;
    }
  }
  return signature;
}

/** Share of equal positions: the MinHash estimate of the shingle-set Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
  return same / a.length;
}

/**
 * Pairs of documents (i < j) whose estimated Jaccard is at least `threshold`. Candidates come from
 * LSH bands (documents sharing one band's rows exactly), so the work is near-linear.
 */
export function nearDuplicatePairs(signatures: readonly Uint32Array[], threshold: number, options: MinHashOptions = DEFAULT_MINHASH): [number, number][] {
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (let band = 0; band < options.bands; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, doc) => {
      const key = Array.from(signature.subarray(band * options.rows, (band + 1) * options.rows)).join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(doc);
      else buckets.set(key, [doc]);
    });
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x] as number;
          const j = bucket[y] as number;
          const key = i * signatures.length + j;
          if (seen.has(key)) continue;
          seen.add(key);
          if (estimatedJaccard(signatures[i] as Uint32Array, signatures[j] as Uint32Array) >= threshold) pairs.push([i, j]);
        }
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Union-find over document indices (cluster.ts's UnionFind). */
export interface Unions {
  find(i: number): number;
  union(a: number, b: number): void;
}

/**
 * Joins in `sets` every pair nearDuplicatePairs would return, without listing the pairs. Documents
 * with the very same signature (verbatim copies of a wire story) are joined at once and compared
 * with the others through one of them; a pair already joined is not compared again. So a band bucket
 * of a thousand copies costs about a thousand steps, not half a million comparisons.
 */
export function linkNearDuplicates(signatures: readonly Uint32Array[], threshold: number, options: MinHashOptions, sets: Unions): void {
  const whole = Uint32Array.from(signatures, (signature) => {
    let h = 0x811c9dc5;
    for (const value of signature) h = mix32(h ^ value);
    return h;
  });
  const same = (i: number, j: number): boolean => whole[i] === whole[j] && (signatures[i] as Uint32Array).every((v, k) => v === (signatures[j] as Uint32Array)[k]);
  for (let band = 0; band < options.bands; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, doc) => {
      const key = Array.from(signature.subarray(band * options.rows, (band + 1) * options.rows)).join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(doc);
      else buckets.set(key, [doc]);
    });
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      // One member per distinct signature; copies join the member they equal (Jaccard 1).
      const distinct: number[] = [];
      const byWhole = new Map<number, number[]>();
      for (const doc of bucket) {
        const seen = byWhole.get(whole[doc] as number);
        const twin = threshold <= 1 ? seen?.find((other) => same(doc, other)) : undefined;
        if (twin !== undefined) {
          sets.union(twin, doc);
          continue;
        }
        distinct.push(doc);
        if (seen) seen.push(doc);
        else byWhole.set(whole[doc] as number, [doc]);
      }
      for (let x = 0; x < distinct.length; x++) {
        for (let y = x + 1; y < distinct.length; y++) {
          const i = distinct[x] as number;
          const j = distinct[y] as number;
          if (sets.find(i) === sets.find(j)) continue;
          if (estimatedJaccard(signatures[i] as Uint32Array, signatures[j] as Uint32Array) >= threshold) sets.union(i, j);
        }
      }
    }
  }
}
