// Baselines the aligner is measured beside (tooling, not product).
// - charTfidfMutualBest: the external suite's reference baseline (../shared/eval/README.md):
//   TF-IDF over character 3-5-grams of the lower-cased sentence, IDF over the collection's
//   sentences, and within each document pair every mutual-best pair by cosine (> 0).
// - wordTfidfScores: plain TF-IDF cosine over lower-cased word tokens, every cross-document pair
//   (the seeds gold baseline: a threshold is swept or cross-validated on it).
import { cosine, EMPTY_VECTOR, tfidfVectors } from '../../src/align/sparse.ts';
import type { Segment } from '../../src/types.ts';

export interface ScoredPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
}

function charGrams(text: string): string[] {
  const t = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  const grams: string[] = [];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= t.length; i++) grams.push(t.slice(i, i + n));
  return grams;
}

export function charTfidfMutualBest(segments: readonly Segment[]): ScoredPair[] {
  const alignable = segments.filter((s) => s.kind !== 'boilerplate');
  const vectors = tfidfVectors(alignable.map((s) => charGrams(s.fr)));
  const byDoc = new Map<string, number[]>();
  alignable.forEach((s, n) => byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), n]));
  const docs = [...byDoc.keys()].sort();
  const pairs: ScoredPair[] = [];
  for (let x = 0; x < docs.length; x++) {
    for (let y = x + 1; y < docs.length; y++) {
      const rows = byDoc.get(docs[x] as string) as number[];
      const cols = byDoc.get(docs[y] as string) as number[];
      const sims = rows.map((i) => cols.map((j) => cosine(vectors[i] ?? EMPTY_VECTOR, vectors[j] ?? EMPTY_VECTOR)));
      const rowBest = sims.map((row) => row.reduce((best, v, c) => (v > (row[best] as number) ? c : best), 0));
      const colBest = cols.map((_, c) => sims.reduce((best, row, r) => ((row[c] as number) > ((sims[best] as number[])[c] as number) ? r : best), 0));
      rows.forEach((i, r) => {
        const c = rowBest[r] as number;
        const score = (sims[r] as number[])[c] as number;
        if (score > 0 && colBest[c] === r) pairs.push({ a: (alignable[i] as Segment).id, b: (alignable[cols[c] as number] as Segment).id, score });
      });
    }
  }
  return pairs;
}

export function wordTfidfScores(segments: readonly Segment[]): ScoredPair[] {
  const alignable = segments.filter((s) => s.kind !== 'boilerplate');
  const vectors = tfidfVectors(alignable.map((s) => s.fr.toLowerCase().match(/\p{L}+|\d+/gu) ?? []));
  const pairs: ScoredPair[] = [];
  for (let i = 0; i < alignable.length; i++) {
    for (let j = i + 1; j < alignable.length; j++) {
      const a = alignable[i] as Segment;
      const b = alignable[j] as Segment;
      if (a.doc === b.doc) continue;
      const score = cosine(vectors[i] ?? EMPTY_VECTOR, vectors[j] ?? EMPTY_VECTOR);
      if (score > 0) pairs.push({ a: a.id, b: b.id, score });
    }
  }
  return pairs;
}
