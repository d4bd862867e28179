// The calibration baseline for the evaluation: plain TF-IDF cosine over lower-cased word tokens
// (no stemming, no stopword list, no margin), every cross-document pair at or above a threshold.
import type { Segment } from '../types.ts';
import { cosine, EMPTY_VECTOR, tfidfVectors } from './sparse.ts';

export interface ScoredSegmentPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
}

/** Cosine of every cross-document pair of body/title segments with a non-zero cosine. */
export function tfidfBaselineScores(segments: readonly Segment[]): ScoredSegmentPair[] {
  const alignable = segments.filter((s) => s.kind !== 'boilerplate');
  const vectors = tfidfVectors(alignable.map((s) => s.fr.toLowerCase().match(/\p{L}+|\d+/gu) ?? []));
  const pairs: ScoredSegmentPair[] = [];
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
