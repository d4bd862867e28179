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
 * Positions (into `pairs`) of the pairs some third document contradicts and none confirms.
 * `docOf` gives each segment's document index, `texts` its text. With `strongestSurvives`, a
 * contradiction counts only when the pair is not more similar than both legs of the triangle (x's and
 * y's strongest partners in that document): of three links that cannot all hold, the weakest is
 * the likeliest error, and a strong pair is not lost to one false leg. Reads only the set of
 * pairs: order-independent.
 */
export function inconsistentPairs(pairs: readonly ScoredPair[], docOf: Int32Array, texts: readonly string[], strongestSurvives: boolean): Set<number> {
  const partners = new Map<number, Map<number, Set<number>>>();
  const similarityOf = new Map<number, number>();
  const n = texts.length;
  for (const { i, j, similarity } of pairs) {
    similarityOf.set(i * n + j, similarity);
    similarityOf.set(j * n + i, similarity);
  }
  /** The similarity of x's most similar partner among ys. */
  const strongest = (x: number, ys: ReadonlySet<number>): number => Math.max(...[...ys].map((y) => similarityOf.get(x * n + y) ?? 0));
  const add = (x: number, y: number): void => {
    let byDoc = partners.get(x);
    if (byDoc === undefined) partners.set(x, (byDoc = new Map()));
    const doc = docOf[y] as number;
    let set = byDoc.get(doc);
    if (set === undefined) byDoc.set(doc, (set = new Set()));
    set.add(y);
  };
  for (const { i, j } of pairs) {
    add(i, j);
    add(j, i);
  }
  const dropped = new Set<number>();
  pairs.forEach(({ i, j, similarity }, position) => {
    const di = docOf[i] as number;
    const dj = docOf[j] as number;
    const ofI = partners.get(i) as Map<number, Set<number>>;
    const ofJ = partners.get(j) as Map<number, Set<number>>;
    let contradicted = false;
    for (const [doc, xs] of ofI) {
      if (doc === di || doc === dj) continue;
      const ys = ofJ.get(doc);
      if (ys === undefined) continue;
      let shared = false;
      for (const x of xs) {
        if (!ys.has(x)) continue;
        shared = true;
        if (texts[x] !== texts[i] && texts[x] !== texts[j]) return; // an independent witness confirms: kept
      }
      // A shared partner that is a copy of x or y is no witness either way.
      if (!shared && (!strongestSurvives || similarity <= strongest(i, xs) || similarity <= strongest(j, ys))) contradicted = true;
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
 * Returned with i in the earlier document, sorted; the caller keeps those that pass the document
 * pair's floor.
 */
export function bridgeCandidates(pairs: readonly FoundPair[], docOf: Int32Array, texts: readonly string[]): IndexedPair[] {
  const partnerDocs = new Map<number, Set<number>>();
  const oneToOne = new Map<number, number[]>();
  for (const { i, j, oneToOne: strong } of pairs) {
    for (const [x, y] of [[i, j], [j, i]] as const) {
      let docs = partnerDocs.get(x);
      if (docs === undefined) partnerDocs.set(x, (docs = new Set()));
      docs.add(docOf[y] as number);
      if (!strong) continue;
      let list = oneToOne.get(x);
      if (list === undefined) oneToOne.set(x, (list = []));
      list.push(y);
    }
  }
  const found = new Map<string, IndexedPair>();
  for (const [y, legs] of oneToOne) {
    for (const x of legs) {
      for (const z of legs) {
        const dx = docOf[x] as number;
        const dz = docOf[z] as number;
        if (dx >= dz || texts[y] === texts[x] || texts[y] === texts[z]) continue;
        if (partnerDocs.get(x)?.has(dz) || partnerDocs.get(z)?.has(dx)) continue;
        found.set(`${x},${z}`, { i: x, j: z });
      }
    }
  }
  return [...found.values()].sort((p, q) => p.i - q.i || p.j - q.j);
}
