// Word substitutions learned from the run's own confident alignments (a collection-fitted
// representation, like the IDF): versions of one text word the same thing differently (MT
// systems "fusillé" / "abattu", old and new Bibles "serment" / "jurer", "Bathuel" / "Béthuel").
// The one-to-one pairs of a first pass are the "bitext"; a word of x missing from its partner y is
// substituted there by some word of y missing from x. Counting those co-occurrences over the run's
// distinct anchor pairs (Dice), and keeping only mutual best matches seen in at least two distinct
// anchor pairs (Melamed's competitive linking for lexicon induction), gives pairs of words the
// second pass treats as one. No list written by hand; numbers are never substituted.

/** A one-to-one anchor of the first pass: the content terms of its two sentences. */
export interface AnchorTerms {
  readonly x: readonly string[];
  readonly y: readonly string[];
}

export interface LexiconOptions {
  /** Distinct anchor pairs a substitution must be seen in. */
  readonly minCount: number;
  /** Dice coefficient of the two words over the anchors' difference sets. */
  readonly minDice: number;
}

/**
 * Learns word substitutions from anchor pairs; returns a map from each learned word to its
 * partner's spelling (the code-unit-smaller of the two, so the map does not depend on order).
 */
export function learnSubstitutions(anchors: readonly AnchorTerms[], options: LexiconOptions): Map<string, string> {
  // Words as integers, and each word list (one array per distinct text, shared by its copies) as
  // its sorted distinct ids once: a story of many versions passes hundreds of thousands of anchors.
  const ids = new Map<string, number>();
  const words: string[] = [];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      ids.set(w, id);
      words.push(w);
    }
    return id;
  };
  const lists = new Map<readonly string[], { set: Int32Array; key: string }>();
  const listOf = (list: readonly string[]): { set: Int32Array; key: string } => {
    let entry = lists.get(list);
    if (entry === undefined) {
      const set = Int32Array.from(new Set(list.map(idOf))).sort();
      entry = { set, key: set.join(',') };
      lists.set(list, entry);
    }
    return entry;
  };
  const seen = new Set<string>();
  const occurrences = new Map<number, number>();
  const together = new Map<number, number>();
  const dx: number[] = [];
  const dy: number[] = [];
  for (const { x, y } of anchors) {
    const lx = listOf(x);
    const ly = listOf(y);
    difference(lx.set, ly.set, words, dx);
    difference(ly.set, lx.set, words, dy);
    if (dx.length === 0 || dy.length === 0) continue;
    // One vote per distinct anchor (the same two sets of words; a pair repeated by wire copies counts once).
    const key = lx.key < ly.key ? `${lx.key}|${ly.key}` : `${ly.key}|${lx.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const w of dx) occurrences.set(w, (occurrences.get(w) ?? 0) + 1);
    for (const w of dy) occurrences.set(w, (occurrences.get(w) ?? 0) + 1);
    for (const u of dx) for (const v of dy) {
      const k = u < v ? u * 2 ** 26 + v : v * 2 ** 26 + u;
      together.set(k, (together.get(k) ?? 0) + 1);
    }
  }
  const scored: { u: number; v: number; dice: number }[] = [];
  for (const [k, count] of together) {
    if (count < options.minCount) continue;
    const a = Math.floor(k / 2 ** 26);
    const b = k % 2 ** 26;
    // u is the code-unit-smaller spelling.
    const [u, v] = (words[a] as string) < (words[b] as string) ? [a, b] : [b, a];
    const dice = (2 * count) / ((occurrences.get(u) as number) + (occurrences.get(v) as number));
    if (dice >= options.minDice) scored.push({ u, v, dice });
  }
  const best = new Map<number, number>();
  for (const { u, v, dice } of scored) {
    best.set(u, Math.max(best.get(u) ?? 0, dice));
    best.set(v, Math.max(best.get(v) ?? 0, dice));
  }
  const substitutions = new Map<string, string>();
  // Mutual best only; a word tied with two partners learns neither (no arbitrary pick).
  const partners = new Map<number, number>();
  for (const { u, v, dice } of scored) {
    if (dice !== best.get(u) || dice !== best.get(v)) continue;
    partners.set(u, (partners.get(u) ?? 0) + 1);
    partners.set(v, (partners.get(v) ?? 0) + 1);
  }
  for (const { u, v, dice } of scored) {
    if (dice !== best.get(u) || dice !== best.get(v) || partners.get(u) !== 1 || partners.get(v) !== 1) continue;
    substitutions.set(words[v] as string, words[u] as string); // u < v: the smaller spelling stands for both
  }
  return substitutions;
}

/** The ids of sorted `a` missing from sorted `b`, numbers ("#...") left out, into `out`. */
function difference(a: Int32Array, b: Int32Array, words: readonly string[], out: number[]): void {
  out.length = 0;
  let q = 0;
  for (let p = 0; p < a.length; p++) {
    const w = a[p] as number;
    while (q < b.length && (b[q] as number) < w) q++;
    if (q < b.length && b[q] === w) continue;
    if (!(words[w] as string).startsWith('#')) out.push(w);
  }
}
