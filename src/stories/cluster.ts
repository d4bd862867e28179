// Documents → stories. Near-duplicates first (MinHash), then candidate pairs from an inverted index
// over the rarer terms, a weighted-overlap score per candidate pair, a date gate, and the connected
// components of the pairs that pass. Pure; sorted by document id first, so independent of input order.
import type { Story } from '../types.ts';
import { dateGapDays, dateRange } from './dates.ts';
import { sentenceSets, type DocumentEvidence } from './evidence.ts';
import { DEFAULT_MINHASH, linkNearDuplicates } from './minhash.ts';
import { resolveStoryOptions, type StoryOptions } from './options.ts';
import { sentenceMatchShare, sentenceVectors, type SentenceVectors } from './sentences.ts';
import { documentFrequencies, type TermTable } from './term-table.ts';

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
  // Only which documents the near-duplicate pairs connect matters (both uses are union-find).
  const duplicateSets = new UnionFind(docs.length);
  linkNearDuplicates(docs.map((d) => d.signature), resolved.duplicateJaccard, DEFAULT_MINHASH, duplicateSets);
  const components = new UnionFind(docs.length);
  let pairs: EvidencePair[] = [];
  if (resolved.mode === 'one') {
    for (let i = 1; i < docs.length; i++) components.union(0, i);
  } else {
    pairs = linkingPairs(evidencePairs(docs, resolved), docs.length, resolved);
    for (const p of pairs) components.union(p.i, p.j);
    for (let i = 0; i < docs.length; i++) components.union(i, duplicateSets.find(i));
  }
  return assemble(docs, components, duplicateSets, pairs);
}

/** Candidate pairs with their sentence-level evidence (those the date gate allows). */
export function evidencePairs(docs: readonly DocumentEvidence[], options: StoryOptions): EvidencePair[] {
  const table = documentFrequencies(docs);
  const idfOf = idfByFrequency(docs.length, options);
  const weight = (t: number): number => idfOf(table.df(t) || 1);
  // Pairs come sorted by i: the vectors of the current i are kept, each j's made when needed, so
  // no more than one document's vectors are held (a cache of all of them grows with the corpus).
  let current = -1;
  let currentVectors: SentenceVectors | undefined;
  const vectorsOf = (i: number): SentenceVectors => sentenceVectors(sentenceSets(docs[i]!), weight);
  return scoreDocumentPairs(docs, options, table)
    .filter((p) => datesAllow(docs[p.i]!, docs[p.j]!, options))
    .map((p) => {
      if (options.sentenceMatch === Infinity) return { ...p, share: 0, evidence: p.score };
      if (p.i !== current) {
        current = p.i;
        currentVectors = vectorsOf(p.i);
      }
      const share = sentenceMatchShare(currentVectors!, vectorsOf(p.j), options.sentenceMatch);
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
 * Memory: flat typed arrays per term and per document (no per-pair set, no per-document arrays).
 * Only pairs scoring at least `candidateScore` are returned, sorted by (i, j).
 */
export function scoreDocumentPairs(docs: readonly DocumentEvidence[], options: StoryOptions, table: TermTable = documentFrequencies(docs)): ScoredDocumentPair[] {
  const n = docs.length;
  const kindWeight = [1, options.nameWeight, options.numberWeight];
  const idfOf = idfByFrequency(n, options);
  // The weight of a document's term, rounded to float32 as the scores have always been computed.
  const weightOf = (d: DocumentEvidence, k: number): number => {
    const f = table.df(d.terms[k] as number);
    return f > options.maxDocumentFrequency ? 0 : Math.fround((kindWeight[d.kinds[k] as number] as number) * idfOf(f));
  };
  const norms = new Float64Array(n);
  docs.forEach((d, i) => {
    let sum = 0;
    for (let k = 0; k < d.terms.length; k++) sum += weightOf(d, k);
    norms[i] = sum;
  });
  const { queries, offsets, postings } = invertedIndex(docs, table, options);
  const candidates = new Int32Array(n * options.maxCandidates).fill(-1);
  const pairs: ScoredDocumentPair[] = [];
  const shared = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    for (let q = i * options.queryTerms; q < (i + 1) * options.queryTerms; q++) {
      const k = queries[q] as number;
      if (k < 0) break;
      const id = table.id(d.terms[k] as number);
      const w = weightOf(d, k);
      for (let p = offsets[id] as number; p < (offsets[id + 1] as number); p++) {
        const j = postings[p] as number;
        if (j === i) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j] = (shared[j] as number) + w;
      }
    }
    const strongestJ = strongest(touched, shared, options.maxCandidates);
    strongestJ.forEach((j, c) => (candidates[i * options.maxCandidates + c] = j));
    for (const j of strongestJ) {
      // A pair found from both sides is scored once, from the side that came first.
      if (j < i && candidates.subarray(j * options.maxCandidates, (j + 1) * options.maxCandidates).includes(i)) continue;
      const [a, b] = i < j ? [i, j] : [j, i];
      const denominator = Math.sqrt((norms[a] as number) * (norms[b] as number));
      const score = denominator > 0 ? Math.min(1, sharedWeight(docs[a]!, docs[b]!, (k) => weightOf(docs[a]!, k)) / denominator) : 0;
      if (score >= options.candidateScore) pairs.push({ i: a, j: b, score });
    }
    for (const j of touched) shared[j] = 0;
    touched.length = 0;
  }
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
function rarestTerms(d: DocumentEvidence, table: TermTable, options: StoryOptions): number[] {
  const indexable: number[] = [];
  const dfs: number[] = [];
  d.terms.forEach((t, k) => {
    const f = table.df(t);
    dfs.push(f);
    if (f >= 2 && f <= options.maxDocumentFrequency) indexable.push(k);
  });
  indexable.sort((x, y) => (dfs[x] as number) - (dfs[y] as number) || x - y);
  return indexable.slice(0, options.queryTerms);
}

/**
 * Each document's query terms (indices into its terms, -1 after the last; `queryTerms` per
 * document) and the postings of the terms some document queries, in one flat array: term id →
 * postings[offsets[id] .. offsets[id + 1]), document indices ascending.
 */
function invertedIndex(docs: readonly DocumentEvidence[], table: TermTable, options: StoryOptions): { queries: Int32Array; offsets: Int32Array; postings: Int32Array } {
  const queries = new Int32Array(docs.length * options.queryTerms).fill(-1);
  const queried = new Uint8Array(table.size);
  docs.forEach((d, i) => {
    rarestTerms(d, table, options).forEach((k, q) => {
      queries[i * options.queryTerms + q] = k;
      queried[table.id(d.terms[k] as number)] = 1;
    });
  });
  const offsets = new Int32Array(table.size + 1);
  for (let id = 0; id < table.size; id++) offsets[id + 1] = (offsets[id] as number) + (queried[id] === 1 ? table.dfOf(id) : 0);
  const postings = new Int32Array(offsets[table.size] as number);
  const fill = offsets.slice(0, table.size);
  docs.forEach((d, i) => {
    for (const t of d.terms) {
      const id = table.id(t);
      if (queried[id] === 1) postings[fill[id]!++] = i;
    }
  });
  return { queries, offsets, postings };
}

/** Sum of a's term weights over the terms a and b share (both sorted ascending). */
function sharedWeight(a: DocumentEvidence, b: DocumentEvidence, weightOfA: (k: number) => number): number {
  let x = 0;
  let y = 0;
  let sum = 0;
  while (x < a.terms.length && y < b.terms.length) {
    const ta = a.terms[x] as number;
    const tb = b.terms[y] as number;
    if (ta === tb) {
      sum += weightOfA(x);
      x++;
      y++;
    } else if (ta < tb) x++;
    else y++;
  }
  return sum;
}

/** ln(1 + (N + background) / df), memoised by df (computed once per distinct frequency). */
function idfByFrequency(n: number, options: StoryOptions): (df: number) => number {
  const memo = new Map<number, number>();
  return (df) => {
    let value = memo.get(df);
    if (value === undefined) memo.set(df, (value = Math.log(1 + (n + options.backgroundDocuments) / df)));
    return value;
  };
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

export class UnionFind {
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
