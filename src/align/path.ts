// Positional support (the monotonicity Bertalign and vecalign exploit, kept local so moved blocks
// still align): outlets and translators reorder paragraphs, but inside a block the order holds. A
// pair of two sentences whose diagonal neighbour, (r - 1, c - 1) or (r + 1, c + 1), is already
// aligned has that alignment as evidence, so it needs only a lower margin (`pathThreshold`); the
// chain grows from each anchor along its diagonal until the margin or the floor stops it; a pair
// with aligned pairs on both sides of its diagonal needs only the floor. Nothing
// global: a block moved elsewhere is a chain of its own, grown from its own anchors.

/** A pair accepted by the diagonal pass (row and column offsets within the document pair). */
export interface PathPair {
  readonly r: number;
  readonly c: number;
}

/**
 * Grows the core alignment along diagonals: repeatedly, every pair of two sentences with no
 * partner yet, next to an aligned pair on the diagonal, with margin >= pathThreshold (or aligned
 * pairs on both diagonal sides) and similarity >= floor, is a candidate; candidates are accepted by margin, best first, while both sides are
 * still free. `rowCore` / `colCore` (partner offsets, -1 for none) are updated in place.
 */
export function growAlongDiagonals(
  sims: Float64Array, margins: Float64Array, rows: number, cols: number,
  rowCore: Int32Array, colCore: Int32Array, pathThreshold: number, floor: number,
): PathPair[] {
  const accepted: PathPair[] = [];
  for (;;) {
    const candidates: { r: number; c: number; margin: number }[] = [];
    const consider = (r: number, c: number): void => {
      if (r < 0 || r >= rows || c < 0 || c >= cols || (rowCore[r] as number) >= 0 || (colCore[c] as number) >= 0) return;
      const key = r * cols + c;
      const margin = margins[key] as number;
      // Aligned on both sides of the diagonal (a one-sentence gap between two aligned pairs, as
      // Bertalign's gap filling sees it): the position is the evidence, only the floor applies.
      const sandwiched = r > 0 && r + 1 < rows && rowCore[r - 1] === c - 1 && rowCore[r + 1] === c + 1;
      if ((sandwiched || margin >= pathThreshold) && (sims[key] as number) >= floor && (sims[key] as number) > 0) candidates.push({ r, c, margin });
    };
    for (let r = 0; r < rows; r++) {
      const c = rowCore[r] as number;
      if (c < 0) continue;
      consider(r + 1, c + 1);
      consider(r - 1, c - 1);
    }
    if (candidates.length === 0) return accepted;
    // Best margin first; ties by position, so the result does not depend on discovery order.
    candidates.sort((x, y) => y.margin - x.margin || x.r - y.r || x.c - y.c);
    let added = 0;
    for (const { r, c } of candidates) {
      if ((rowCore[r] as number) >= 0 || (colCore[c] as number) >= 0) continue;
      rowCore[r] = c;
      colCore[c] = r;
      accepted.push({ r, c });
      added++;
    }
    if (added === 0) return accepted;
  }
}
