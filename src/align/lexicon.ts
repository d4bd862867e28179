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
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const together = new Map<string, number>();
  for (const { x, y } of anchors) {
    const sx = new Set(x);
    const sy = new Set(y);
    const dx = [...sx].filter((u) => !sy.has(u) && !u.startsWith('#')).sort();
    const dy = [...sy].filter((v) => !sx.has(v) && !v.startsWith('#')).sort();
    if (dx.length === 0 || dy.length === 0) continue;
    // One vote per distinct anchor (a pair repeated by wire copies counts once).
    const key = [[...sx].sort().join(' '), [...sy].sort().join(' ')].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const w of [...dx, ...dy]) occurrences.set(w, (occurrences.get(w) ?? 0) + 1);
    for (const u of dx) for (const v of dy) {
      const k = u < v ? `${u}\u0000${v}` : `${v}\u0000${u}`;
      together.set(k, (together.get(k) ?? 0) + 1);
    }
  }
  const scored: { u: string; v: string; dice: number }[] = [];
  for (const [k, count] of together) {
    if (count < options.minCount) continue;
    const [u, v] = k.split('\u0000') as [string, string];
    const dice = (2 * count) / ((occurrences.get(u) as number) + (occurrences.get(v) as number));
    if (dice >= options.minDice) scored.push({ u, v, dice });
  }
  const best = new Map<string, number>();
  for (const { u, v, dice } of scored) {
    best.set(u, Math.max(best.get(u) ?? 0, dice));
    best.set(v, Math.max(best.get(v) ?? 0, dice));
  }
  const substitutions = new Map<string, string>();
  // Mutual best only; a word tied with two partners learns neither (no arbitrary pick).
  const partners = new Map<string, number>();
  for (const { u, v, dice } of scored) {
    if (dice !== best.get(u) || dice !== best.get(v)) continue;
    partners.set(u, (partners.get(u) ?? 0) + 1);
    partners.set(v, (partners.get(v) ?? 0) + 1);
  }
  for (const { u, v, dice } of scored) {
    if (dice !== best.get(u) || dice !== best.get(v) || partners.get(u) !== 1 || partners.get(v) !== 1) continue;
    substitutions.set(v, u); // u < v: the smaller spelling stands for both
  }
  return substitutions;
}
