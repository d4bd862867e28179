// All-pairs similarity across documents without comparing every pair: an inverted index over
// stems proposes candidates, accumulating dot products in a dense row per sentence; only
// candidates above a floor get the costlier character n-gram, name and number comparisons.
import type { Segment, AlignmentSignals } from '../types.ts';
import type { ResolvedAlignOptions, SignalWeights } from './options.ts';
import { containment, cosine, EMPTY_VECTOR, invertedIndex, sharedWeight, tfidfVectors, type Postings, type SparseVector } from './sparse.ts';
import { lexiconNamed } from './lexicon.ts';
import { charNgrams, contentStems, englishTerms, numbersIn, properNames } from './text.ts';

/** What the aligner knows about one alignable (body/title) segment. */
export interface SegmentFeatures {
  readonly segment: Segment;
  /** Index of the segment's document in the sorted document list. */
  readonly doc: number;
  readonly stems: SparseVector;
  /** The same stems with raw TF-IDF weights, for containment. */
  readonly rawStems: SparseVector;
  /** Sum of rawStems' weights. */
  readonly rawTotal: number;
  readonly chars: SparseVector;
  readonly names: SparseVector;
  readonly english: SparseVector;
  readonly numbers: readonly string[];
  readonly contentWords: number;
  readonly hasEnglish: boolean;
}

/**
 * Scored candidate pairs as parallel typed arrays (millions of them at corpus scale; objects would
 * dominate the run time). Entry n pairs features i[n] < j[n].
 */
export interface Candidates {
  readonly count: number;
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly similarity: Float64Array;
  /** Signal components per candidate (see COMPONENT). */
  readonly components: Float64Array;
}

export function extractFeatures(segments: readonly Segment[], docIndex: ReadonlyMap<string, number>, options: ResolvedAlignOptions): SegmentFeatures[] {
  const lexicon = lexiconNamed(options.lexicon);
  const stemLists = segments.map((s) => contentStems(s.fr, lexicon));
  const stems = tfidfVectors(stemLists);
  const rawStems = tfidfVectors(stemLists, false);
  const chars = tfidfVectors(segments.map((s) => charNgrams(s.fr, options.ngram)));
  const names = tfidfVectors(segments.map((s) => properNames(s.fr, lexicon)));
  const hasEnglish = segments.map((s) => options.english === 'auto' && typeof s.en === 'string' && s.en.trim() !== '' && s.en !== s.fr);
  const english = tfidfVectors(segments.map((s, n) => (hasEnglish[n] ? englishTerms(s.en ?? '') : [])));
  return segments.map((segment, n) => ({
    segment,
    doc: docIndex.get(segment.doc) ?? -1,
    stems: stems[n] ?? EMPTY_VECTOR,
    rawStems: rawStems[n] ?? EMPTY_VECTOR,
    rawTotal: (rawStems[n] ?? EMPTY_VECTOR).weights.reduce((sum, w) => sum + w, 0),
    chars: chars[n] ?? EMPTY_VECTOR,
    names: names[n] ?? EMPTY_VECTOR,
    english: english[n] ?? EMPTY_VECTOR,
    numbers: [...new Set(numbersIn(segment.fr))].sort(),
    contentWords: stemLists[n]?.length ?? 0,
    hasEnglish: hasEnglish[n] ?? false,
  }));
}

/** Dice overlap of two sorted, deduplicated lists. */
export function diceOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  const set = new Set(a);
  for (const x of b) if (set.has(x)) shared++;
  return (2 * shared) / (a.length + b.length);
}

/** Shorter over longer length; 1 when both are empty. */
export function lengthRatio(a: number, b: number): number {
  const longer = Math.max(a, b);
  return longer === 0 ? 1 : Math.min(a, b) / longer;
}

/**
 * Combines the per-signal similarities into one number in [0, 1]: a weighted mean over the signals
 * that apply to this pair (names only when both sides name someone, numbers only when both state
 * one, English only when both carry a real translation), so a sentence without numbers is not
 * punished for it.
 */
export function combineSignals(signals: AlignmentSignals, weights: SignalWeights): number {
  let total = 0;
  let weightSum = 0;
  for (const [name, weight] of Object.entries(weights) as [keyof SignalWeights, number][]) {
    const value = signals[name];
    if (value === undefined || weight <= 0) continue;
    total += weight * value;
    weightSum += weight;
  }
  return weightSum === 0 ? 0 : total / weightSum;
}

/** The signals of one pair, for output; the optional ones are left out when they do not apply. */
export function pairSignals(a: SegmentFeatures, b: SegmentFeatures): AlignmentSignals {
  const signals: Record<string, number> = {
    stems: cosine(a.stems, b.stems),
    contained: containment(a.rawStems, b.rawStems, a.rawTotal, b.rawTotal),
    chars: cosine(a.chars, b.chars),
    length: lengthRatio(a.contentWords, b.contentWords),
  };
  if (a.names.ids.length > 0 && b.names.ids.length > 0) signals.names = cosine(a.names, b.names);
  if (a.numbers.length > 0 && b.numbers.length > 0) signals.numbers = diceOverlap(a.numbers, b.numbers);
  if (a.hasEnglish && b.hasEnglish) signals.english = cosine(a.english, b.english);
  for (const key of Object.keys(signals)) signals[key] = round(signals[key] ?? 0);
  return signals;
}

/**
 * Per-candidate signal components kept next to the similarity, so the learned scorer reads them
 * instead of recomputing every cosine. Flat: component c of candidate n at n * COMPONENTS + c.
 * Names, numbers and English are -1 when they do not apply to the pair.
 */
export const COMPONENT = { stems: 0, contained: 1, containedMin: 2, chars: 3, names: 4, numbers: 5, length: 6, sharedTerms: 7, english: 8 } as const;
export const COMPONENTS = 9;

/**
 * combineSignals(pairSignals(a, b)) without building objects: the inner loop of candidate
 * scoring. Writes the pair's components into `out` at `at` and returns the similarity.
 */
export function pairSimilarity(a: SegmentFeatures, b: SegmentFeatures, stemCosine: number, w: SignalWeights, out: Float64Array = new Float64Array(COMPONENTS), at = 0): number {
  const shared = sharedWeight(a.rawStems, b.rawStems);
  const stems = round(stemCosine);
  const contained = round(share(shared.weight, Math.min(a.rawTotal, b.rawTotal)));
  const chars = round(cosine(a.chars, b.chars));
  const length = round(lengthRatio(a.contentWords, b.contentWords));
  let total = w.stems * stems + w.contained * contained + w.chars * chars + w.length * length;
  let weightSum = w.stems + w.contained + w.chars + w.length;
  let names = -1;
  let numbers = -1;
  let english = -1;
  if (a.names.ids.length > 0 && b.names.ids.length > 0) {
    names = round(cosine(a.names, b.names));
    if (w.names > 0) {
      total += w.names * names;
      weightSum += w.names;
    }
  }
  if (a.numbers.length > 0 && b.numbers.length > 0) {
    numbers = round(diceOverlap(a.numbers, b.numbers));
    if (w.numbers > 0) {
      total += w.numbers * numbers;
      weightSum += w.numbers;
    }
  }
  if (a.hasEnglish && b.hasEnglish) {
    english = round(cosine(a.english, b.english));
    if (w.english > 0) {
      total += w.english * english;
      weightSum += w.english;
    }
  }
  out[at + COMPONENT.stems] = stems;
  out[at + COMPONENT.contained] = contained;
  out[at + COMPONENT.containedMin] = round(share(shared.weight, Math.max(a.rawTotal, b.rawTotal)));
  out[at + COMPONENT.chars] = chars;
  out[at + COMPONENT.names] = names;
  out[at + COMPONENT.numbers] = numbers;
  out[at + COMPONENT.length] = length;
  out[at + COMPONENT.sharedTerms] = shared.terms;
  out[at + COMPONENT.english] = english;
  return weightSum === 0 ? 0 : round(total / weightSum);
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

/**
 * Every cross-document pair whose stem cosine reaches candidateFloor, scored. The inverted index
 * accumulates stem dot products for all j > i in one dense row, so pairs sharing no stem cost
 * nothing; pairs below the floor could not reach the similarity thresholds anyway.
 */
export function scoreCandidatePairs(features: readonly SegmentFeatures[], options: ResolvedAlignOptions): Candidates {
  const n = features.length;
  const stemIndex = invertedIndex(features.map((f) => f.stems));
  const stemDot = new Float64Array(n);
  const touched: number[] = [];
  const is: number[] = [];
  const js: number[] = [];
  const sims: number[] = [];
  let components = new Float64Array(1024 * COMPONENTS);
  for (let i = 0; i < n; i++) {
    const fi = features[i] as SegmentFeatures;
    accumulate(fi.stems, stemIndex, i, (j, w) => {
      if (stemDot[j] === 0) touched.push(j);
      stemDot[j] = (stemDot[j] ?? 0) + w;
    });
    touched.sort((x, y) => x - y);
    for (const j of touched) {
      const fj = features[j] as SegmentFeatures;
      const stem = Math.min(1, stemDot[j] ?? 0);
      stemDot[j] = 0;
      if (fj.doc === fi.doc || stem < options.candidateFloor) continue;
      if ((is.length + 1) * COMPONENTS > components.length) {
        const grown = new Float64Array(components.length * 2);
        grown.set(components);
        components = grown;
      }
      sims.push(pairSimilarity(fi, fj, stem, options.weights, components, is.length * COMPONENTS));
      is.push(i);
      js.push(j);
    }
    touched.length = 0;
  }
  return { count: is.length, i: Int32Array.from(is), j: Int32Array.from(js), similarity: Float64Array.from(sims), components: components.slice(0, is.length * COMPONENTS) };
}

/** Adds w_i·w_j for every item j > i sharing a term with `vector` (postings ascend, so read from the end). */
function accumulate(vector: SparseVector, index: readonly Postings[], i: number, add: (j: number, product: number) => void): void {
  for (let t = 0; t < vector.ids.length; t++) {
    const postings = index[vector.ids[t] as number];
    if (!postings) continue;
    const wi = vector.weights[t] as number;
    for (let p = postings.items.length - 1; p >= 0; p--) {
      const j = postings.items[p] as number;
      if (j <= i) break;
      add(j, wi * (postings.weights[p] as number));
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
