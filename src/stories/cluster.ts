// Documents → stories. Near-duplicates first (MinHash), then candidate pairs from an inverted index
// over the rarer terms, a weighted-overlap score per candidate pair, a date gate, and the connected
// components of the pairs that pass. Pure; sorted by document id first, so independent of input order.
import type { Story } from '../types.ts';
import { dateGapDays, dateRange } from './dates.ts';
import type { DocumentEvidence } from './evidence.ts';
import { DEFAULT_MINHASH, nearDuplicatePairs } from './minhash.ts';
import { resolveStoryOptions, type StoryOptions } from './options.ts';
import { sentenceMatchShare, sentenceVectors, type SentenceVectors } from './sentences.ts';

export interface StoryClustering {
  /** Numbered s1.. in the order of their first document id. */
  readonly stories: Story[];
  /** Document id → story id. */
  readonly storyOf: ReadonlyMap<string, string>;
}

/** A candidate document pair (indices into the id-sorted evidence) and its evidence score. */
export interface ScoredDocumentPair {
  readonly i: number;
  readonly j: number;
  /** Shared term weight / geometric mean of the two documents' term weights, in [0, 1]. */
  readonly score: number;
}

/** A pair with its full evidence: document score + sentence-match share. */
export interface EvidencePair extends ScoredDocumentPair {
  readonly share: number;
  readonly evidence: number;
}

export function clusterStories(evidence: readonly DocumentEvidence[], options: Partial<StoryOptions> = {}): StoryClustering {
  const resolved = resolveStoryOptions(options);
  const docs = [...evidence].sort((x, y) => compareStrings(x.id, y.id));
  const duplicates = nearDuplicatePairs(docs.map((d) => d.signature), resolved.duplicateJaccard, DEFAULT_MINHASH);
  const components = new UnionFind(docs.length);
  let pairs: EvidencePair[] = [];
  if (resolved.mode === 'one') {
    for (let i = 1; i < docs.length; i++) components.union(0, i);
  } else {
    pairs = linkingPairs(evidencePairs(docs, resolved), docs.length, resolved);
    for (const p of pairs) components.union(p.i, p.j);
    for (const [i, j] of duplicates) components.union(i, j);
  }
  const duplicateSets = new UnionFind(docs.length);
  for (const [i, j] of duplicates) duplicateSets.union(i, j);
  return assemble(docs, components, duplicateSets, pairs);
}

/** Candidate pairs with their sentence-level evidence (those the date gate allows). */
export function evidencePairs(docs: readonly DocumentEvidence[], options: StoryOptions): EvidencePair[] {
  const weight = termWeights(docs, options);
  const vectors = new Map<number, SentenceVectors>();
  const vectorsOf = (i: number): SentenceVectors => vectors.get(i) ?? vectors.set(i, sentenceVectors(docs[i]!.sentences, weight)).get(i)!;
  return scoreDocumentPairs(docs, options)
    .filter((p) => datesAllow(docs[p.i]!, docs[p.j]!, options))
    .map((p) => {
      const share = options.sentenceMatch === Infinity ? 0 : sentenceMatchShare(vectorsOf(p.i), vectorsOf(p.j), options.sentenceMatch);
      return { ...p, share, evidence: p.score + share };
    });
}

/** Pairs that put two documents in one story: strong evidence, or a document's best neighbour. */
export function linkingPairs(pairs: readonly EvidencePair[], size: number, options: StoryOptions): EvidencePair[] {
  const best = new Int32Array(size).fill(-1);
  const isBetter = (p: EvidencePair, q: EvidencePair | undefined): boolean => q === undefined || p.evidence > q.evidence;
  pairs.forEach((p, n) => {
    // Ties keep the earlier pair (lower document indices): deterministic.
    if (isBetter(p, pairs[best[p.i] as number])) best[p.i] = n;
    if (isBetter(p, pairs[best[p.j] as number])) best[p.j] = n;
  });
  const bestPairs = new Set<number>(best);
  return pairs.filter((p, n) => p.evidence >= options.linkScore || (bestPairs.has(n) && p.evidence >= options.bestNeighbourScore));
}

function datesAllow(a: DocumentEvidence, b: DocumentEvidence, options: StoryOptions): boolean {
  const ra = dateRange(a.date);
  const rb = dateRange(b.date);
  return ra === undefined || rb === undefined || dateGapDays(ra, rb) <= options.maxDateGapDays;
}

/**
 * Candidate pairs and their document scores. Each document looks up the documents that contain one
 * of its `queryTerms` rarest terms (df 2..maxDocumentFrequency, through an inverted index), keeps the
 * `maxCandidates` that share the most of that rare weight, and those pairs are scored exactly over
 * all their terms. Work: documents × (query terms × their postings + candidates × terms): near-linear.
 * Only pairs scoring at least `candidateScore` are returned, sorted by (i, j).
 */
export function scoreDocumentPairs(docs: readonly DocumentEvidence[], options: StoryOptions): ScoredDocumentPair[] {
  const n = docs.length;
  const df = documentFrequencies(docs);
  const kindWeight = [1, options.nameWeight, options.numberWeight];
  // Per document, the weight of each term (0 when too common to count), aligned with `terms`.
  const weights = docs.map((d) => Float32Array.from(d.terms, (t, k) => {
    const f = df.get(t) as number;
    return f > options.maxDocumentFrequency ? 0 : (kindWeight[d.kinds[k] as number] as number) * idf(n, f, options);
  }));
  const norms = weights.map((w) => w.reduce((sum, x) => sum + x, 0));
  const index = invertedIndex(docs, df, options);
  const seen = new Set<number>();
  const pairs: ScoredDocumentPair[] = [];
  const shared = new Float64Array(n);
  const touched: number[] = [];
  docs.forEach((d, i) => {
    for (const k of rarestTerms(d, df, options)) {
      const postings = index.get(d.terms[k] as number) as Int32Array;
      const w = weights[i]![k] as number;
      for (const j of postings) {
        if (j === i) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j] = (shared[j] as number) + w;
      }
    }
    for (const j of strongest(touched, shared, options.maxCandidates)) {
      const [a, b] = i < j ? [i, j] : [j, i];
      const key = a * n + b;
      if (seen.has(key)) continue;
      seen.add(key);
      const denominator = Math.sqrt((norms[a] as number) * (norms[b] as number));
      const score = denominator > 0 ? Math.min(1, sharedWeight(docs[a]!, docs[b]!, weights[a]!) / denominator) : 0;
      if (score >= options.candidateScore) pairs.push({ i: a, j: b, score });
    }
    for (const j of touched) shared[j] = 0;
    touched.length = 0;
  });
  return pairs.sort((p, q) => p.i - q.i || p.j - q.j);
}

/**
 * The `limit` documents with the most shared rare weight, ties by lower index (deterministic). The
 * cut-off is found with a typed-array sort of the values, so only the few kept are sorted by index.
 */
function strongest(touched: readonly number[], shared: Float64Array, limit: number): number[] {
  if (touched.length <= limit) return [...touched].sort((x, y) => x - y);
  const values = Float64Array.from(touched, (j) => shared[j] as number).sort();
  const cut = values[values.length - limit] as number;
  const above = touched.filter((j) => (shared[j] as number) > cut).sort((x, y) => x - y);
  const at = touched.filter((j) => shared[j] === cut).sort((x, y) => x - y);
  return [...above, ...at.slice(0, limit - above.length)];
}

/** Indices (into d.terms) of the document's rarest indexable terms: lowest df first, then hash. */
function rarestTerms(d: DocumentEvidence, df: ReadonlyMap<number, number>, options: StoryOptions): number[] {
  const indexable: number[] = [];
  d.terms.forEach((t, k) => {
    const f = df.get(t) as number;
    if (f >= 2 && f <= options.maxDocumentFrequency) indexable.push(k);
  });
  indexable.sort((x, y) => (df.get(d.terms[x] as number) as number) - (df.get(d.terms[y] as number) as number) || x - y);
  return indexable.slice(0, options.queryTerms);
}

/** Term → documents containing it, for the terms in 2..maxDocumentFrequency documents. */
function invertedIndex(docs: readonly DocumentEvidence[], df: ReadonlyMap<number, number>, options: StoryOptions): Map<number, Int32Array> {
  const index = new Map<number, Int32Array>();
  const fill = new Map<number, number>();
  docs.forEach((d, i) => {
    for (const t of d.terms) {
      const f = df.get(t) as number;
      if (f < 2 || f > options.maxDocumentFrequency) continue;
      let postings = index.get(t);
      if (!postings) index.set(t, (postings = new Int32Array(f)));
      const at = fill.get(t) ?? 0;
      postings[at] = i;
      fill.set(t, at + 1);
    }
  });
  return index;
}

/** Sum of `weights` (aligned with a.terms) over the terms a and b share (both sorted ascending). */
function sharedWeight(a: DocumentEvidence, b: DocumentEvidence, weights: Float32Array): number {
  let x = 0;
  let y = 0;
  let sum = 0;
  while (x < a.terms.length && y < b.terms.length) {
    const ta = a.terms[x] as number;
    const tb = b.terms[y] as number;
    if (ta === tb) {
      sum += weights[x] as number;
      x++;
      y++;
    } else if (ta < tb) x++;
    else y++;
  }
  return sum;
}

function documentFrequencies(docs: readonly DocumentEvidence[]): Map<number, number> {
  const df = new Map<number, number>();
  for (const d of docs) for (const t of d.terms) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

function idf(n: number, df: number, options: StoryOptions): number {
  return Math.log(1 + (n + options.backgroundDocuments) / df);
}

/** The idf weight of a term hash in this collection (unseen terms count as in one document). */
function termWeights(docs: readonly DocumentEvidence[], options: StoryOptions): (term: number) => number {
  const df = documentFrequencies(docs);
  return (t) => idf(docs.length, df.get(t) ?? 1, options);
}

function assemble(docs: readonly DocumentEvidence[], components: UnionFind, duplicateSets: UnionFind, pairs: readonly EvidencePair[]): StoryClustering {
  const members = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const root = components.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  // Centrality: the sum of a document's link scores inside its story.
  const centrality = new Float64Array(docs.length);
  for (const p of pairs) {
    centrality[p.i] = (centrality[p.i] as number) + p.evidence;
    centrality[p.j] = (centrality[p.j] as number) + p.evidence;
  }
  // Members are in id order and roots visited in first-member order: stories come out by first id.
  const groups = [...members.values()].sort((x, y) => (x[0] as number) - (y[0] as number));
  const storyOf = new Map<string, string>();
  const stories = groups.map((group, n): Story => {
    const story = `s${n + 1}`;
    for (const i of group) storyOf.set(docs[i]!.id, story);
    return {
      story,
      docs: group.map((i) => docs[i]!.id),
      title: representativeTitle(docs, group, centrality),
      dates: [...new Set(group.flatMap((i) => (docs[i]!.date !== undefined ? [docs[i]!.date as string] : [])))].sort(compareStrings),
      duplicates: duplicateGroups(docs, group, duplicateSets),
    };
  });
  return { stories, storyOf };
}

function representativeTitle(docs: readonly DocumentEvidence[], group: readonly number[], centrality: Float64Array): string | null {
  let best: number | undefined;
  for (const i of group) {
    if (docs[i]!.title === null) continue;
    if (best === undefined || (centrality[i] as number) > (centrality[best] as number)) best = i;
  }
  return best === undefined ? null : docs[best]!.title;
}

function duplicateGroups(docs: readonly DocumentEvidence[], group: readonly number[], duplicateSets: UnionFind): string[][] {
  const byRoot = new Map<number, string[]>();
  for (const i of group) {
    const root = duplicateSets.find(i);
    const list = byRoot.get(root);
    if (list) list.push(docs[i]!.id);
    else byRoot.set(root, [docs[i]!.id]);
  }
  return [...byRoot.values()].filter((g) => g.length > 1);
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  /** The smaller index becomes the root, so the roots do not depend on the order of unions. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
