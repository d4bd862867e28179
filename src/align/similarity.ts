// Sentence similarity from representations fitted on the run's own sentences: TF-IDF of character
// 3-5-grams and TF-IDF of stemmed content words (both with the numbers a sentence states), plus the
// English side when real translations exist. The similarity of a pair is the mean of the cosines
// that apply. No all-pairs string work: an inverted index per representation accumulates the dot
// products of one document's sentences against every later document in dense rows (a "block").
import type { Segment } from '../types.ts';
import { CHAR_NGRAM_MAX, CHAR_NGRAM_MIN, type ResolvedAlignOptions } from './options.ts';
import { cosine, EMPTY_VECTOR, invertedIndex, tfidfWithNorms, type Postings, type SparseVector } from './sparse.ts';
import { charNgrams, contentTerms, englishTerms } from './text.ts';

/** One representation of every alignable segment: L2-normalised vectors, their raw norms, an inverted index. */
export interface Channel {
  readonly name: string;
  readonly vectors: readonly SparseVector[];
  readonly norms: Float64Array;
  readonly index: readonly Postings[];
}

/** What the aligner knows about the collection: sorted segments, their documents, their representations. */
export interface CollectionFeatures {
  /** Body and title segments sorted by (doc, index). */
  readonly segments: readonly Segment[];
  /** Document ids in the order the passes read them: sorted, or (with `references`) the references first, each part sorted. */
  readonly documents: readonly string[];
  /** Document index of each segment; documents occupy the ranges [docStart[d], docStart[d + 1]). */
  readonly docOf: Int32Array;
  readonly docStart: Int32Array;
  /** French channels (always apply): character n-grams, content words. */
  readonly french: readonly Channel[];
  /** English channel, used for a pair only when both sides carry a real translation. */
  readonly english: Channel;
  /** Weight of each French channel, then of English, in the pair similarity. */
  readonly weights: readonly number[];
  readonly hasEnglish: Uint8Array;
  /** Content-word count of each segment (the grade rule's length ratio). */
  readonly contentWords: Int32Array;
  /** Stemmed content words and numbers of each segment, as the words channel saw them (after substitutions). */
  readonly words: readonly (readonly string[])[];
  /**
   * When many segments repeat a text (wire copies: at most half the segments are distinct), the
   * distinct text of each segment and, per channel, an inverted index over one vector per distinct
   * text: a block row is then computed once per distinct text and copied (same sums, same order).
   */
  readonly distinct?: { readonly textOf: Int32Array; readonly count: number; readonly index: readonly (readonly Postings[])[] };
  /** The run's chance similarity (chance.ts): a core pair's floor besides relativeFloor; 0 until index.ts sets it for the final pass. */
  readonly chanceFloor: number;
  /**
   * The reference form (references.ts): documents 0..references-1 are the story's reference
   * versions and only document pairs with one of them are read (so a pair's earlier document is
   * a reference). Absent: every document pair.
   */
  readonly references?: number;
}

/** How many leading documents' similarity blocks the passes read: the references, or all but the last. */
export function rowDocuments(features: CollectionFeatures): number {
  return Math.min(features.documents.length - 1, features.references ?? Infinity);
}

function channel(name: string, termLists: readonly (readonly string[])[]): Channel {
  const { vectors, norms } = tfidfWithNorms(termLists);
  return { name, vectors, norms, index: invertedIndex(vectors) };
}

/** Representations of `segments` (already sorted by (doc, index) and free of boilerplate). */
export function collectionFeatures(
  segments: readonly Segment[], documents: readonly string[], options: ResolvedAlignOptions, substitutions?: ReadonlyMap<string, string>,
): CollectionFeatures {
  const docIndex = new Map(documents.map((doc, n) => [doc, n]));
  const docOf = Int32Array.from(segments, (s) => docIndex.get(s.doc) ?? -1);
  const docStart = new Int32Array(documents.length + 1);
  for (const d of docOf) docStart[d + 1] = (docStart[d + 1] as number) + 1;
  for (let d = 0; d < documents.length; d++) docStart[d + 1] = (docStart[d + 1] as number) + (docStart[d] as number);
  // Per distinct text: wire copies and repeated sentences cost one analysis.
  const analysed = new Map<string, { words: string[]; chars: string[] }>();
  const analysis = segments.map((s) => {
    let a = analysed.get(s.fr);
    if (a === undefined) {
      a = { words: contentTerms(s.fr), chars: charNgrams(s.fr, CHAR_NGRAM_MIN, CHAR_NGRAM_MAX) };
      analysed.set(s.fr, a);
    }
    return a;
  });
  const words = substitutions === undefined || substitutions.size === 0 ? analysis.map((a) => a.words) : analysis.map((a) => a.words.map((w) => substitutions.get(w) ?? w));
  const hasEnglish = Uint8Array.from(segments, (s) => (options.english === 'auto' && typeof s.en === 'string' && s.en.trim() !== '' && s.en !== s.fr ? 1 : 0));
  const french = [channel('chars', analysis.map((a) => a.chars)), channel('words', words)];
  const english = channel('english', segments.map((s, n) => (hasEnglish[n] === 1 ? englishTerms(s.en ?? '') : [])));
  return {
    segments,
    documents,
    docOf,
    docStart,
    french,
    english,
    hasEnglish,
    weights: [options.weights.chars, options.weights.words, options.weights.english],
    contentWords: Int32Array.from(words, (w) => w.length),
    words,
    ...distinctTexts(segments, hasEnglish, [...french, english]),
    chanceFloor: 0,
  };
}

/** The `distinct` field when at most half the segments carry a distinct (French, English) text. */
function distinctTexts(segments: readonly Segment[], hasEnglish: Uint8Array, channels: readonly Channel[]): Pick<CollectionFeatures, 'distinct'> {
  const ids = new Map<string, number>();
  const first: number[] = [];
  const textOf = Int32Array.from(segments, (s, n) => {
    const key = hasEnglish[n] === 1 ? `${s.fr}\u0000${s.en ?? ''}` : s.fr;
    let id = ids.get(key);
    if (id === undefined) {
      id = first.length;
      ids.set(key, id);
      first.push(n);
    }
    return id;
  });
  if (first.length * 2 > segments.length) return {};
  const index = channels.map((ch) => invertedIndex(first.map((n) => ch.vectors[n] ?? EMPTY_VECTOR)));
  return { distinct: { textOf, count: first.length, index } };
}

/**
 * Cosines of document `doc`'s segments against every segment of the later documents, one dense
 * row per segment and one array per channel: cosine c of (i, j) at [(i - rowStart) * width + j - colStart].
 */
export interface SimilarityBlock {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly colStart: number;
  readonly width: number;
  /** French channels, then English. */
  readonly cosines: readonly Float64Array[];
}

export function similarityBlock(features: CollectionFeatures, doc: number): SimilarityBlock {
  const rowStart = features.docStart[doc] as number;
  const rowEnd = features.docStart[doc + 1] as number;
  const colStart = rowEnd;
  const width = features.segments.length - colStart;
  const channels = [...features.french, features.english];
  // No translations anywhere: the English block would be all zeros and is never read.
  const anyEnglish = features.hasEnglish.includes(1);
  const cosines = channels.map((ch, c) => {
    if (ch === features.english && !anyEnglish) return new Float64Array(0);
    if (features.distinct) return distinctBlock(features, ch, features.distinct.index[c] as Postings[], rowStart, rowEnd);
    const block = new Float64Array((rowEnd - rowStart) * width);
    for (let i = rowStart; i < rowEnd; i++) {
      const vector = ch.vectors[i] ?? EMPTY_VECTOR;
      const base = (i - rowStart) * width - colStart;
      for (let t = 0; t < vector.ids.length; t++) {
        const postings = ch.index[vector.ids[t] as number];
        if (!postings) continue;
        const wi = vector.weights[t] as number;
        // Postings ascend: read from the end down to the first later-document segment.
        for (let p = postings.items.length - 1; p >= 0; p--) {
          const j = postings.items[p] as number;
          if (j < colStart) break;
          block[base + j] = (block[base + j] as number) + wi * (postings.weights[p] as number);
        }
      }
    }
    return block;
  });
  return { rowStart, rowEnd, colStart, width, cosines };
}

/** similarityBlock's rows for one channel, one dot-product row per distinct text of the document. */
function distinctBlock(features: CollectionFeatures, ch: Channel, index: readonly Postings[], rowStart: number, rowEnd: number): Float64Array {
  const { textOf, count } = features.distinct as NonNullable<CollectionFeatures['distinct']>;
  const total = features.segments.length;
  const width = total - rowEnd;
  const block = new Float64Array((rowEnd - rowStart) * width);
  const rowsOfText = new Map<number, Float64Array>();
  for (let i = rowStart; i < rowEnd; i++) {
    const u = textOf[i] as number;
    let dots = rowsOfText.get(u);
    if (dots === undefined) {
      dots = new Float64Array(count);
      const vector = ch.vectors[i] ?? EMPTY_VECTOR;
      for (let t = 0; t < vector.ids.length; t++) {
        const postings = index[vector.ids[t] as number];
        if (!postings) continue;
        const wi = vector.weights[t] as number;
        for (let p = 0; p < postings.items.length; p++) {
          const v = postings.items[p] as number;
          dots[v] = (dots[v] as number) + wi * (postings.weights[p] as number);
        }
      }
      rowsOfText.set(u, dots);
    }
    const base = (i - rowStart) * width - rowEnd;
    for (let j = rowEnd; j < total; j++) block[base + j] = dots[textOf[j] as number] as number;
  }
  return block;
}

/** Cosine of channel `c` for (i, j), i in the block's document, j in a later one. */
export function blockCosine(block: SimilarityBlock, c: number, i: number, j: number): number {
  return Math.min(1, (block.cosines[c] as Float64Array)[(i - block.rowStart) * block.width + j - block.colStart] as number);
}

/** The pair's similarity: mean of the French cosines, and the English one when both sides have it. */
export function pairSimilarity(features: CollectionFeatures, block: SimilarityBlock, i: number, j: number): number {
  const w = features.weights;
  const french = features.french.length;
  let total = 0;
  let weight = 0;
  for (let c = 0; c < french; c++) {
    total += (w[c] as number) * blockCosine(block, c, i, j);
    weight += w[c] as number;
  }
  if (features.hasEnglish[i] === 1 && features.hasEnglish[j] === 1) {
    total += (w[french] as number) * blockCosine(block, french, i, j);
    weight += w[french] as number;
  }
  return weight > 0 ? total / weight : 0;
}

/** pairSimilarity for every (row of the block, sentence of the document starting at b0), row-major. */
export function documentPairSimilarities(features: CollectionFeatures, block: SimilarityBlock, b0: number, rows: number, cols: number): Float64Array {
  const sims = new Float64Array(rows * cols);
  const w = features.weights;
  const french = features.french.length;
  let frenchWeight = 0;
  for (let c = 0; c < french; c++) frenchWeight += w[c] as number;
  const withEnglish = frenchWeight + (w[french] as number);
  for (let r = 0; r < rows; r++) {
    const i = block.rowStart + r;
    const base = r * block.width + b0 - block.colStart;
    for (let ch = 0; ch <= french; ch++) {
      const weight = w[ch] as number;
      if (weight === 0) continue;
      const cosines = block.cosines[ch] as Float64Array;
      const english = ch === french;
      for (let c = 0; c < cols; c++) {
        if (english && (features.hasEnglish[i] !== 1 || features.hasEnglish[b0 + c] !== 1)) continue;
        sims[r * cols + c] = (sims[r * cols + c] as number) + weight * Math.min(1, cosines[base + c] as number);
      }
    }
    for (let c = 0; c < cols; c++) {
      const total = features.hasEnglish[i] === 1 && features.hasEnglish[b0 + c] === 1 ? withEnglish : frenchWeight;
      sims[r * cols + c] = total > 0 ? (sims[r * cols + c] as number) / total : 0;
    }
  }
  return sims;
}

/** Per-channel cosines of a pair, for the output's `signals`. */
export function pairChannels(features: CollectionFeatures, block: SimilarityBlock, i: number, j: number): Record<string, number> {
  const signals: Record<string, number> = {};
  features.french.forEach((ch, c) => (signals[ch.name] = round6(blockCosine(block, c, i, j))));
  if (features.hasEnglish[i] === 1 && features.hasEnglish[j] === 1) signals.english = round6(blockCosine(block, features.french.length, i, j));
  return signals;
}

/**
 * Similarity of two spans (runs of adjacent segments of two documents) as if each were one
 * sentence: per channel, the cosine of the summed raw TF-IDF vectors, composed from the pairwise
 * cosines and the raw norms (so a concatenation costs no new vector); then the same mean.
 */
export function spanSimilarity(features: CollectionFeatures, block: SimilarityBlock, spanA: readonly number[], spanB: readonly number[]): number {
  const english = [...spanA, ...spanB].every((x) => features.hasEnglish[x] === 1);
  const channels = english ? [...features.french, features.english] : features.french;
  let total = 0;
  let weight = 0;
  channels.forEach((ch, c) => {
    const w = features.weights[c] as number;
    if (w <= 0) return;
    weight += w;
    let dot = 0;
    for (const a of spanA) for (const b of spanB) dot += (ch.norms[a] as number) * (ch.norms[b] as number) * blockCosine(block, c, a, b);
    const norm = spanNorm(ch, spanA) * spanNorm(ch, spanB);
    total += w * (norm > 0 ? Math.min(1, dot / norm) : 0);
  });
  return weight > 0 ? total / weight : 0;
}

/** L2 norm of the sum of the span's raw vectors (within-document cosines computed directly: spans are short). */
function spanNorm(ch: Channel, span: readonly number[]): number {
  let squared = 0;
  for (const a of span) {
    for (const b of span) {
      const na = ch.norms[a] as number;
      const nb = ch.norms[b] as number;
      squared += a === b ? na * na : na * nb * sameDocumentCosine(ch, a, b);
    }
  }
  return Math.sqrt(squared);
}

/**
 * Cosines between sentences of one span, remembered per channel: the same neighbours are joined
 * into spans again in every document pair of a story (N - 1 times in a story of N versions).
 */
const spanCosines = new WeakMap<Channel, Map<number, number>>();
function sameDocumentCosine(ch: Channel, a: number, b: number): number {
  let cache = spanCosines.get(ch);
  if (cache === undefined) spanCosines.set(ch, (cache = new Map()));
  const key = a < b ? a * ch.norms.length + b : b * ch.norms.length + a;
  let value = cache.get(key);
  if (value === undefined) {
    value = cosine(ch.vectors[a] ?? EMPTY_VECTOR, ch.vectors[b] ?? EMPTY_VECTOR);
    cache.set(key, value);
  }
  return value;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
