// Cycle consistency across versions (multi-way evidence, as in multi-parallel alignment): when
// x (version A) and y (version B) state the same fact, a third version C that reports it has one
// sentence that pairs with both. A pair whose two sentences both have partners in some third
// version, but never a shared one there, and that no third version confirms, is two sentences
// whose true partners were dropped, matched on a topic word: it is removed, unless it is more
// similar than both contradicting legs (then a leg is the error). Only evidence that exists
// decides: a pair with no third version, or whose sentences have no partners there, stays.
// A duplicate of a third version repeats that version's verdict, so it cannot tip the rule; a
// sentence with the very text of x or y (a wire copy of A or B) is no independent witness and
// neither confirms nor contradicts.

/** A kept pair by global segment index (i and j in two different documents). */
export interface IndexedPair {
  readonly i: number;
  readonly j: number;
}

/**
 * A kept pair with its similarity, the strength the triangle rule compares: unlike the ratio
 * margin, which each document pair normalises by its own neighbourhood, it means the same in the
 * three document pairs of a triangle.
 */
export interface ScoredPair extends IndexedPair {
  readonly similarity: number;
}

/**
 * Which third versions each pair may consult (issue 25: a bounded, deterministic set, so a story
 * of N versions costs O(N^2 k), not O(N^3)): for each document, the `k` other documents it shares
 * the most kept pairs with (ties to the lower index); a pair of documents (A, B) reads the
 * neighbours of A and of B. undefined when every document is within reach anyway (at most k + 1
 * documents): then every third version is read, exactly as without a bound.
 */
export type Witnesses = readonly ReadonlySet<number>[] | undefined;

export function witnessDocuments(pairs: readonly IndexedPair[], docOf: Int32Array, documents: number, k: number): Witnesses {
  if (documents - 1 <= k) return undefined;
  const shared = new Map<number, number>();
  for (const { i, j } of pairs) {
    const a = docOf[i] as number;
    const b = docOf[j] as number;
    for (const key of [a * documents + b, b * documents + a]) shared.set(key, (shared.get(key) ?? 0) + 1);
  }
  const byDoc: [number, number][][] = Array.from({ length: documents }, () => []);
  for (const [key, count] of shared) byDoc[Math.floor(key / documents)]?.push([key % documents, count]);
  return byDoc.map((list) => new Set(list.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, k).map(([doc]) => doc)));
}

/** The third documents a pair of documents (a, b) consults: both sides' witnesses, or every document. */
function thirdDocuments(witnesses: Witnesses, a: number, b: number): number[] | undefined {
  if (witnesses === undefined) return undefined;
  const docs = new Set([...(witnesses[a] as ReadonlySet<number>), ...(witnesses[b] as ReadonlySet<number>)]);
  docs.delete(a);
  docs.delete(b);
  return [...docs];
}

/**
 * Every segment's partners, sorted by (document, segment), with the pair's similarity and whether
 * it is one-to-one: flat arrays, so a story of many versions holds no map per segment and document.
 */
interface Adjacency {
  readonly offsets: Int32Array;
  readonly partners: Int32Array;
  readonly similarity: Float64Array;
  readonly oneToOne: Uint8Array;
}

function adjacency(pairs: readonly (IndexedPair & { similarity?: number; oneToOne?: boolean })[], n: number, docOf: Int32Array): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (const { i, j } of pairs) {
    offsets[i + 1] = (offsets[i + 1] as number) + 1;
    offsets[j + 1] = (offsets[j + 1] as number) + 1;
  }
  for (let x = 0; x < n; x++) offsets[x + 1] = (offsets[x + 1] as number) + (offsets[x] as number);
  const fill = offsets.slice(0, n);
  const order = new Int32Array(2 * pairs.length);
  pairs.forEach(({ i, j }, p) => {
    order[fill[i] as number] = 2 * p;
    fill[i] = (fill[i] as number) + 1;
    order[fill[j] as number] = 2 * p + 1;
    fill[j] = (fill[j] as number) + 1;
  });
  const other = (slot: number): number => {
    const pair = pairs[slot >> 1] as IndexedPair;
    return slot & 1 ? pair.i : pair.j;
  };
  const partners = new Int32Array(order.length);
  const similarity = new Float64Array(order.length);
  const oneToOne = new Uint8Array(order.length);
  for (let x = 0; x < n; x++) {
    const from = offsets[x] as number;
    const to = offsets[x + 1] as number;
    const slots = Array.from(order.subarray(from, to)).sort((s, t) => (docOf[other(s)] as number) - (docOf[other(t)] as number) || other(s) - other(t));
    slots.forEach((slot, q) => {
      const pair = pairs[slot >> 1] as IndexedPair & { similarity?: number; oneToOne?: boolean };
      partners[from + q] = other(slot);
      similarity[from + q] = pair.similarity ?? 0;
      oneToOne[from + q] = pair.oneToOne ? 1 : 0;
    });
  }
  return { offsets, partners, similarity, oneToOne };
}

/** [from, to) of x's partners in document `doc` (binary search over x's sorted partners). */
function partnersIn(adj: Adjacency, docOf: Int32Array, x: number, doc: number): [number, number] {
  let lo = adj.offsets[x] as number;
  let hi = adj.offsets[x + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((docOf[adj.partners[mid] as number] as number) < doc) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < (adj.offsets[x + 1] as number) && docOf[adj.partners[to] as number] === doc) to++;
  return [lo, to];
}

/** The documents x has partners in, each once, ascending. */
function partnerDocuments(adj: Adjacency, docOf: Int32Array, x: number): number[] {
  const docs: number[] = [];
  for (let q = adj.offsets[x] as number; q < (adj.offsets[x + 1] as number); q++) {
    const doc = docOf[adj.partners[q] as number] as number;
    if (docs[docs.length - 1] !== doc) docs.push(doc);
  }
  return docs;
}

/**
 * Positions (into `pairs`) of the pairs some third document contradicts and none confirms.
 * `docOf` gives each segment's document index, `texts` its text. With `strongestSurvives`, a
 * contradiction counts only when the pair is not more similar than both legs of the triangle (x's and
 * y's strongest partners in that document): of three links that cannot all hold, the weakest is
 * the likeliest error, and a strong pair is not lost to one false leg. With `witnesses`
 * (witnessDocuments), a pair reads only its documents' witnesses. Reads only the set of pairs:
 * order-independent.
 */
export function inconsistentPairs(pairs: readonly ScoredPair[], docOf: Int32Array, texts: readonly string[], strongestSurvives: boolean, witnesses?: Witnesses): Set<number> {
  const adj = adjacency(pairs, texts.length, docOf);
  /** The similarity of x's most similar partner in [from, to). */
  const strongest = (from: number, to: number): number => {
    let best = 0;
    for (let q = from; q < to; q++) best = Math.max(best, adj.similarity[q] as number);
    return best;
  };
  const dropped = new Set<number>();
  pairs.forEach(({ i, j, similarity }, position) => {
    const di = docOf[i] as number;
    const dj = docOf[j] as number;
    let contradicted = false;
    for (const doc of thirdDocuments(witnesses, di, dj) ?? partnerDocuments(adj, docOf, i)) {
      if (doc === di || doc === dj) continue;
      const [xFrom, xTo] = partnersIn(adj, docOf, i, doc);
      if (xFrom === xTo) continue;
      const [yFrom, yTo] = partnersIn(adj, docOf, j, doc);
      if (yFrom === yTo) continue;
      let shared = false;
      for (let p = xFrom; p < xTo; p++) {
        const x = adj.partners[p] as number;
        let inYs = false;
        for (let q = yFrom; q < yTo && !inYs; q++) inYs = adj.partners[q] === x;
        if (!inYs) continue;
        shared = true;
        if (texts[x] !== texts[i] && texts[x] !== texts[j]) return; // an independent witness confirms: kept
      }
      // A shared partner that is a copy of x or y is no witness either way.
      if (!shared && (!strongestSurvives || similarity <= strongest(xFrom, xTo) || similarity <= strongest(yFrom, yTo))) contradicted = true;
    }
    if (contradicted) dropped.add(position);
  });
  return dropped;
}

/** A kept pair with how it was found (bridge legs must be one-to-one pairs). */
export interface FoundPair extends IndexedPair {
  readonly oneToOne: boolean;
}

/**
 * Pairs a third version links (transitive completion, the other half of cycle consistency): x in A
 * and z in B, neither with any partner in the other's document, both paired one-to-one with the
 * same sentence y of a third version C whose text is neither x's nor z's (an independent witness).
 * With `witnesses`, C must be a witness of A or of B. Returned with i in the earlier document,
 * sorted; the caller keeps those that pass the document pair's floor.
 */
export function bridgeCandidates(pairs: readonly FoundPair[], docOf: Int32Array, texts: readonly string[], witnesses?: Witnesses): IndexedPair[] {
  const n = texts.length;
  const adj = adjacency(pairs, n, docOf);
  const hasPartnerIn = (x: number, doc: number): boolean => {
    const [from, to] = partnersIn(adj, docOf, x, doc);
    return from < to;
  };
  const found = new Map<number, IndexedPair>();
  const legs: number[] = [];
  for (let y = 0; y < n; y++) {
    legs.length = 0;
    for (let q = adj.offsets[y] as number; q < (adj.offsets[y + 1] as number); q++) if (adj.oneToOne[q] === 1) legs.push(adj.partners[q] as number);
    if (legs.length < 2) continue;
    const dy = docOf[y] as number;
    for (const x of legs) {
      const dx = docOf[x] as number;
      // With witnesses: y's document must be a witness of x's or z's; x's side is checked here, z's below.
      const nearX = witnesses === undefined || (witnesses[dx] as ReadonlySet<number>).has(dy);
      for (const z of legs) {
        const dz = docOf[z] as number;
        if (dx >= dz) continue;
        if (!nearX && !(witnesses?.[dz] as ReadonlySet<number>).has(dy)) continue;
        if (texts[y] === texts[x] || texts[y] === texts[z]) continue;
        if (hasPartnerIn(x, dz) || hasPartnerIn(z, dx)) continue;
        found.set(x * n + z, { i: x, j: z });
      }
    }
  }
  return [...found.values()].sort((p, q) => p.i - q.i || p.j - q.j);
}
