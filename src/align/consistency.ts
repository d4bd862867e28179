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
  /** Bit d of segment x's row: x has a partner in document d (rows of `words` 32-bit words). */
  readonly docBits: Uint32Array;
  readonly words: number;
  readonly offsets: Int32Array;
  readonly partners: Int32Array;
  readonly similarity: Float64Array;
  readonly oneToOne: Uint8Array;
}

function adjacency(pairs: readonly (IndexedPair & { similarity?: number; oneToOne?: boolean })[], n: number, docOf: Int32Array): Adjacency {
  // Two stable counting sorts (no comparison sort): slots by their partner's (document, segment)
  // rank, then by owner; each owner's partners come out in (document, segment) order.
  const slots = 2 * pairs.length;
  const owner = new Int32Array(slots);
  const partner = new Int32Array(slots);
  // Read each pair object once, in order; the sorts below move numbers only.
  const pairSimilarity = new Float64Array(pairs.length);
  const pairOneToOne = new Uint8Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    const { i, j, similarity, oneToOne } = pairs[p] as IndexedPair & { similarity?: number; oneToOne?: boolean };
    owner[2 * p] = i;
    partner[2 * p] = j;
    owner[2 * p + 1] = j;
    partner[2 * p + 1] = i;
    pairSimilarity[p] = similarity ?? 0;
    pairOneToOne[p] = oneToOne ? 1 : 0;
  }
  let documents = 0;
  for (let x = 0; x < n; x++) documents = Math.max(documents, (docOf[x] as number) + 1);
  const rank = countingOrder(n, documents, (x) => docOf[x] as number, (q) => q);
  const rankOf = new Int32Array(n);
  rank.forEach((x, r) => (rankOf[x] = r));
  const byPartner = countingOrder(slots, n, (s) => rankOf[partner[s] as number] as number, (q) => q);
  const ordered = countingOrder(slots, n, (s) => owner[s] as number, (q) => byPartner[q] as number);
  const offsets = new Int32Array(n + 1);
  for (let s = 0; s < slots; s++) offsets[(owner[s] as number) + 1] = (offsets[(owner[s] as number) + 1] as number) + 1;
  for (let x = 0; x < n; x++) offsets[x + 1] = (offsets[x + 1] as number) + (offsets[x] as number);
  const partners = new Int32Array(slots);
  const similarity = new Float64Array(slots);
  const oneToOne = new Uint8Array(slots);
  const words = (documents + 31) >>> 5;
  const docBits = new Uint32Array(n * words);
  for (let q = 0; q < slots; q++) {
    const s = ordered[q] as number;
    const y = partner[s] as number;
    partners[q] = y;
    similarity[q] = pairSimilarity[s >> 1] as number;
    oneToOne[q] = pairOneToOne[s >> 1] as number;
    const d = docOf[y] as number;
    const at = (owner[s] as number) * words + (d >>> 5);
    docBits[at] = (docBits[at] as number) | (1 << (d & 31));
  }
  return { docBits, words, offsets, partners, similarity, oneToOne };
}

/** The items item(0..count-1), stably sorted by an integer key in [0, keys): a counting sort. */
function countingOrder(count: number, keys: number, keyOf: (item: number) => number, item: (q: number) => number): Int32Array {
  const starts = new Int32Array(keys + 1);
  for (let q = 0; q < count; q++) starts[keyOf(item(q)) + 1] = (starts[keyOf(item(q)) + 1] as number) + 1;
  for (let k = 0; k < keys; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const out = new Int32Array(count);
  for (let q = 0; q < count; q++) {
    const it = item(q);
    const k = keyOf(it);
    out[starts[k] as number] = it;
    starts[k] = (starts[k] as number) + 1;
  }
  return out;
}

/** Whether x has a partner in document `doc`. */
function hasPartnerIn(adj: Adjacency, x: number, doc: number): boolean {
  return (((adj.docBits[x * adj.words + (doc >>> 5)] as number) >>> (doc & 31)) & 1) === 1;
}

/** The first of x's partners in document `doc` (binary search over x's sorted partners); they run to partnersEnd. */
function partnersStart(adj: Adjacency, docOf: Int32Array, x: number, doc: number): number {
  let lo = adj.offsets[x] as number;
  let hi = adj.offsets[x + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((docOf[adj.partners[mid] as number] as number) < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function partnersEnd(adj: Adjacency, docOf: Int32Array, x: number, doc: number, from: number): number {
  let to = from;
  while (to < (adj.offsets[x + 1] as number) && docOf[adj.partners[to] as number] === doc) to++;
  return to;
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
  // The pairs come document pair by document pair: the third documents are worked out once per run of them.
  let cached: { di: number; dj: number; docs: number[] | undefined } = { di: -1, dj: -1, docs: undefined };
  pairs.forEach(({ i, j, similarity }, position) => {
    const di = docOf[i] as number;
    const dj = docOf[j] as number;
    if (cached.di !== di || cached.dj !== dj) cached = { di, dj, docs: thirdDocuments(witnesses, di, dj) };
    let contradicted = false;
    for (const doc of cached.docs ?? partnerDocuments(adj, docOf, i)) {
      if (doc === di || doc === dj) continue;
      if (!hasPartnerIn(adj, i, doc) || !hasPartnerIn(adj, j, doc)) continue;
      const xFrom = partnersStart(adj, docOf, i, doc);
      const xTo = partnersEnd(adj, docOf, i, doc, xFrom);
      const yFrom = partnersStart(adj, docOf, j, doc);
      const yTo = partnersEnd(adj, docOf, j, doc, yFrom);
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
 * With `witnesses`, C must be a witness of A or of B. With `rows` (the reference form), only
 * candidates whose earlier document is below it (a reference): the others are never aligned.
 * Returned with i in the earlier document, sorted; the caller keeps those that pass the document
 * pair's floor.
 */
export function bridgeCandidates(pairs: readonly FoundPair[], docOf: Int32Array, texts: readonly string[], witnesses?: Witnesses, rows = Infinity): IndexedPair[] {
  const n = texts.length;
  const adj = adjacency(pairs, n, docOf);
  const found = new Map<number, IndexedPair>();
  const legs: number[] = [];
  const near: number[] = [];
  const consider = (x: number, z: number, y: number): void => {
    const dx = docOf[x] as number;
    const dz = docOf[z] as number;
    if (dx >= dz) return;
    if (texts[y] === texts[x] || texts[y] === texts[z]) return;
    if (hasPartnerIn(adj, x, dz) || hasPartnerIn(adj, z, dx)) return;
    found.set(x * n + z, { i: x, j: z });
  };
  for (let y = 0; y < n; y++) {
    legs.length = 0;
    for (let q = adj.offsets[y] as number; q < (adj.offsets[y + 1] as number); q++) if (adj.oneToOne[q] === 1) legs.push(adj.partners[q] as number);
    if (legs.length < 2) continue;
    const dy = docOf[y] as number;
    if (rows < Infinity) {
      // The reference form: the earlier leg must be in a reference, so O(references x legs) per
      // sentence, not legs squared (a reference sentence has a leg in nearly every version).
      for (const x of legs) {
        if ((docOf[x] as number) >= rows) continue;
        const xNear = witnesses === undefined || (witnesses[docOf[x] as number] as ReadonlySet<number>).has(dy);
        for (const z of legs) if (xNear || (witnesses?.[docOf[z] as number] as ReadonlySet<number>).has(dy)) consider(x, z, y);
      }
      continue;
    }
    if (witnesses === undefined) {
      for (const x of legs) for (const z of legs) consider(x, z, y);
      continue;
    }
    // y's document must be a witness of x's or of z's: only legs whose document counts y's as a
    // witness start a candidate (O(legs x near) per sentence, not legs squared).
    near.length = 0;
    for (const x of legs) if ((witnesses[docOf[x] as number] as ReadonlySet<number>).has(dy)) near.push(x);
    for (const x of near) {
      for (const z of legs) {
        consider(x, z, y);
        consider(z, x, y);
      }
    }
  }
  return [...found.values()].sort((p, q) => p.i - q.i || p.j - q.j);
}
