// The reference form of a story of very many distinct versions (issue 25). All-pairs alignment of
// N versions reads N(N-1)/2 document pairs and the passes hold every kept pair: memory grows with
// N^2 (4.1 GB for 1,000 rewrites of one story). Here each version is aligned with the story's R
// reference versions only (the pairs among the references, and every other version with each
// reference): O(N x R) document pairs. Every pass reads only those document pairs (the learning
// pass, the chance floor, the selection, the consistency check and bridges: with the references
// ordered first, a document pair is read when its earlier document is a reference). Fact groups
// are built in full from the kept pairs, a merge weighing only the member pairs that could have
// been aligned (two non-reference versions are never compared). docs/alignment.md, "Stories with
// many versions".
import type { FactGroup, Segment } from '../types.ts';
import { buildFactGroups } from './groups.ts';
import { alignCollection, comparePairs, compareStrings, resolveAlignOptions, sortedAlignable, type AlignedStory, type AlignOptions } from './index.ts';
import { keptPairRecord, type Found } from './passes.ts';
import { round6, type CollectionFeatures } from './similarity.ts';
import { cosine, EMPTY_VECTOR, tfidfVectors, type SparseVector } from './sparse.ts';
import { contentTerms } from './text.ts';

/**
 * Alignable versions (after copies are collapsed into representatives) above which a story is
 * aligned in the reference form. The full form's peak memory stays under 2 GB up to 500 distinct
 * versions (1,584 MiB) and not at 1,000 (4,126 MiB): bench/RESULTS-corpus.md.
 */
export const REFERENCES_FROM = 500;
/** Reference versions per story in the reference form. */
export const REFERENCE_COUNT = 16;

export interface ReferenceAlignedStory extends AlignedStory {
  /** The reference versions, sorted by id. */
  readonly references: readonly string[];
}

/** The story aligned in the reference form, with `count` references (chooseReferences). */
export function alignWithReferences(segments: readonly Segment[], options: AlignOptions = {}, count = REFERENCE_COUNT): ReferenceAlignedStory {
  const resolved = resolveAlignOptions(options);
  const alignable = sortedAlignable(segments);
  const references = chooseReferences(alignable, count);
  const isReference = new Set(references);
  const documents = [...references, ...documentsOf(alignable).filter((doc) => !isReference.has(doc))];
  const rank = new Map(documents.map((doc, n) => [doc, n]));
  // A stable sort: each document's segments keep their (index) order.
  const ordered = [...alignable].sort((x, y) => (rank.get(x.doc) as number) - (rank.get(y.doc) as number));
  const { features, all } = alignCollection(ordered, documents, resolved, references.length);
  const groups = referenceGroups(alignable, features, all, isReference, resolved.groupLinkage);
  // Output order: by (a_doc, b_doc) ids, as alignSegments sorts, whatever the passes' document order.
  const byId = new Map(documentsOf(alignable).map((doc, n) => [doc, n]));
  const idRank = Int32Array.from(features.documents, (doc) => byId.get(doc) as number);
  const docOf = features.docOf;
  const low = (f: Found): number => Math.min(idRank[docOf[f.i] as number] as number, idRank[docOf[f.j] as number] as number);
  const high = (f: Found): number => Math.max(idRank[docOf[f.i] as number] as number, idRank[docOf[f.j] as number] as number);
  all.sort((x, y) => low(x) - low(y) || high(x) - high(y));
  return {
    references,
    groups,
    pairCount: all.length,
    *pairs() {
      for (let from = 0; from < all.length; ) {
        const first = all[from] as Found;
        let to = from + 1;
        while (to < all.length && low(all[to] as Found) === low(first) && high(all[to] as Found) === high(first)) to++;
        // i is in the reference; side a is the document whose id sorts first.
        const swap = (idRank[docOf[first.i] as number] as number) > (idRank[docOf[first.j] as number] as number);
        yield* all.slice(from, to).map((kept) => keptPairRecord(features, kept, pairCosines(features, kept.i, kept.j), swap)).sort(comparePairs);
        from = to;
      }
    },
  };
}

/**
 * The reference versions: `count` documents chosen greedily, each time the one with the highest
 * centrality x (1 - its cosine to the closest reference chosen so far), ties to the id that sorts
 * first. Centrality is a version's mean cosine to every other version, over document TF-IDF vectors
 * of stemmed content words (summed in one pass: v . (sum of all v) - v . v, so O(N) vectors, not
 * N^2 cosines); the discount spreads the references over the story's clusters of retellings
 * (a version close to a chosen reference adds little; a copy of one adds nothing). O(N x count)
 * cosines. Depends only on the set of segments (`alignable` sorted by (doc, index)).
 */
export function chooseReferences(alignable: readonly Segment[], count: number): string[] {
  const docs = documentsOf(alignable);
  if (docs.length <= count) return docs;
  const terms: string[][] = docs.map(() => []);
  const analysed = new Map<string, string[]>();
  const docIndex = new Map(docs.map((doc, n) => [doc, n]));
  for (const s of alignable) {
    let words = analysed.get(s.fr);
    if (words === undefined) analysed.set(s.fr, (words = contentTerms(s.fr)));
    (terms[docIndex.get(s.doc) as number] as string[]).push(...words);
  }
  const vectors = tfidfVectors(terms);
  let vocabulary = 0;
  for (const v of vectors) for (const id of v.ids) vocabulary = Math.max(vocabulary, id + 1);
  const total = new Float64Array(vocabulary);
  for (const v of vectors) v.ids.forEach((id, k) => (total[id] = (total[id] as number) + (v.weights[k] as number)));
  const centrality = vectors.map((v) => dotDense(v, total) - cosine(v, v));
  const closest = new Float64Array(docs.length);
  const taken = new Uint8Array(docs.length);
  const chosen: string[] = [];
  for (let step = 0; step < count; step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let d = 0; d < docs.length; d++) {
      if (taken[d] === 1) continue;
      const score = (centrality[d] as number) * (1 - (closest[d] as number));
      if (score > bestScore) [best, bestScore] = [d, score];
    }
    taken[best] = 1;
    chosen.push(docs[best] as string);
    const reference = vectors[best] ?? EMPTY_VECTOR;
    for (let d = 0; d < docs.length; d++) closest[d] = Math.max(closest[d] as number, cosine(vectors[d] ?? EMPTY_VECTOR, reference));
  }
  return chosen.sort(compareStrings);
}

/** Fact groups over the id-sorted segments (as alignStory builds them); only pairs with a reference count toward a merge. */
function referenceGroups(alignable: readonly Segment[], features: CollectionFeatures, all: readonly Found[], isReference: ReadonlySet<string>, linkage: number): FactGroup[] {
  const position = new Map(alignable.map((s, n) => [s, n]));
  const at = (k: number): number => position.get(features.segments[k] as Segment) as number;
  const outside = Uint8Array.from(alignable, (s) => (isReference.has(s.doc) ? 0 : 1));
  const edges = all.map((kept) => ({ i: at(kept.i), j: at(kept.j), score: round6(kept.margin) }));
  return buildFactGroups(alignable, edges, linkage, outside);
}

/**
 * The per-channel cosines of (i, j) for the output's `signals`, from the two vectors (the same sums
 * in the same term order as a similarity block, which the reference form does not keep for output).
 */
function pairCosines(features: CollectionFeatures, i: number, j: number): Record<string, number> {
  const signals: Record<string, number> = {};
  for (const ch of features.french) signals[ch.name] = round6(cosine(ch.vectors[i] ?? EMPTY_VECTOR, ch.vectors[j] ?? EMPTY_VECTOR));
  if (features.hasEnglish[i] === 1 && features.hasEnglish[j] === 1) signals.english = round6(cosine(features.english.vectors[i] ?? EMPTY_VECTOR, features.english.vectors[j] ?? EMPTY_VECTOR));
  return signals;
}

function dotDense(v: SparseVector, dense: Float64Array): number {
  let dot = 0;
  v.ids.forEach((id, k) => (dot += (v.weights[k] as number) * (dense[id] as number)));
  return dot;
}

/** The distinct documents of segments sorted by document. */
function documentsOf(sorted: readonly Segment[]): string[] {
  const docs: string[] = [];
  for (const s of sorted) if (docs[docs.length - 1] !== s.doc) docs.push(s.doc);
  return docs;
}
