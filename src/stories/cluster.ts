// Documents → stories. Near-duplicates first (MinHash), then candidate pairs from an inverted index
// over the rarer terms, a weighted-overlap score per candidate pair, a date gate, and the connected
// components of the pairs that pass. Pure; sorted by document id first, so independent of input order.
import type { Story } from '../types.ts';
import { dateGapDays, dateRange } from './dates.ts';
import type { DocumentEvidence } from './evidence.ts';
import { DEFAULT_MINHASH, nearDuplicatePairs } from './minhash.ts';
import { resolveStoryOptions, type StoryOptions } from './options.ts';
import { sentenceMatchShare } from './sentences.ts';

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
  return scoreDocumentPairs(docs, options)
    .filter((p) => p.score >= options.candidateScore && datesAllow(docs[p.i]!, docs[p.j]!, options))
    .map((p) => {
      const share = sentenceMatchShare(docs[p.i]!.sentences, docs[p.j]!.sentences, weight, options.sentenceMatch);
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
 * Every pair of documents that shares at least one indexed term, with its score. Terms in one
 * document or in more than maxDocumentFrequency documents are not indexed; the work is the sum of
 * squared posting lengths, so bounded by maxDocumentFrequency × the number of postings.
 */
export function scoreDocumentPairs(docs: readonly DocumentEvidence[], options: StoryOptions): ScoredDocumentPair[] {
  const n = docs.length;
  const df = documentFrequencies(docs);
  const kindWeight = [1, options.nameWeight, options.numberWeight];
  const weightOf = (t: number, kind: number): number => (kindWeight[kind] as number) * idf(n, df.get(t) as number, options);
  const indexable = (t: number): boolean => {
    const f = df.get(t) as number;
    return f >= 2 && f <= options.maxDocumentFrequency;
  };
  // Compressed postings: term → documents, in document order.
  const slot = new Map<number, number>();
  const counts: number[] = [];
  for (const [t, f] of df) {
    if (f >= 2 && f <= options.maxDocumentFrequency) {
      slot.set(t, counts.length);
      counts.push(f);
    }
  }
  const offsets = new Int32Array(counts.length + 1);
  for (let s = 0; s < counts.length; s++) offsets[s + 1] = (offsets[s] as number) + (counts[s] as number);
  const fill = offsets.slice(0, counts.length);
  const postings = new Int32Array(offsets[counts.length] as number);
  const norms = new Float64Array(n);
  docs.forEach((d, i) => {
    let norm = 0;
    d.terms.forEach((t, k) => {
      if ((df.get(t) as number) > options.maxDocumentFrequency) return;
      norm += weightOf(t, d.kinds[k] as number);
      const s = slot.get(t);
      if (s !== undefined) postings[(fill[s] as number)++] = i;
    });
    norms[i] = norm;
  });
  const shared = new Float64Array(n);
  const touched: number[] = [];
  const pairs: ScoredDocumentPair[] = [];
  docs.forEach((d, i) => {
    d.terms.forEach((t, k) => {
      if (!indexable(t)) return;
      const s = slot.get(t) as number;
      const w = weightOf(t, d.kinds[k] as number);
      for (let p = offsets[s] as number; p < (offsets[s + 1] as number); p++) {
        const j = postings[p] as number;
        if (j <= i) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j] = (shared[j] as number) + w;
      }
    });
    touched.sort((x, y) => x - y);
    for (const j of touched) {
      const denominator = Math.sqrt((norms[i] as number) * (norms[j] as number));
      pairs.push({ i, j, score: denominator > 0 ? Math.min(1, (shared[j] as number) / denominator) : 0 });
      shared[j] = 0;
    }
    touched.length = 0;
  });
  return pairs;
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
