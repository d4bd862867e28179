// Positional support (the monotonicity Bertalign and vecalign exploit, kept local so moved blocks
// still align): outlets and translators reorder paragraphs, but inside a block the order holds. A
// pair of two sentences whose diagonal neighbour, (r - 1, c - 1) or (r + 1, c + 1), is already
// aligned has that alignment as evidence, so it needs only a lower margin (`pathThreshold`); the
// chain grows from each anchor along its diagonal until the margin or the floor stops it; a pair
// with aligned pairs on both sides of its diagonal (a one-sentence gap) needs only the floor, and
// with `gapFill` not even that when neither of its sentences has a better candidate: the position
// is then the only evidence, and no other evidence contradicts it (Bertalign's and vecalign's gap
// filling, kept to 1 x 1 gaps). Nothing global: a block moved elsewhere is a chain of its own,
// grown from its own anchors.

/** A pair accepted by the diagonal pass (row and column offsets within the document pair). */
export interface PathPair {
  readonly r: number;
  readonly c: number;
}

/**
 * Grows the core alignment along diagonals: repeatedly, every pair of two sentences with no
 * partner yet, next to an aligned pair on the diagonal, with margin >= pathThreshold (or aligned
 * pairs on both diagonal sides) and similarity >= floor, is a candidate; with `gapFill`, a pair with
 * aligned pairs on both diagonal sides whose sentences each have no other candidate of margin >=
 * pathThreshold that beats it needs only a similarity above 0. Candidates are accepted by margin,
 * best first, while both sides are still free. `rowCore` / `colCore` (partner offsets, -1 for
 * none) are updated in place.
 */
export function growAlongDiagonals(
  sims: Float64Array, margins: Float64Array, rows: number, cols: number,
  rowCore: Int32Array, colCore: Int32Array, pathThreshold: number, floor: number, gapFill = false,
): PathPair[] {
  const accepted: PathPair[] = [];
  // Each sentence's best margin in the document pair: a gap pair is uncontested when neither
  // sentence has a candidate elsewhere that reaches pathThreshold and beats it.
  const rowMax = new Float64Array(gapFill ? rows : 0);
  const colMax = new Float64Array(gapFill ? cols : 0);
  for (let r = 0; gapFill && r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const m = margins[r * cols + c] as number;
      if (m > (rowMax[r] as number)) rowMax[r] = m;
      if (m > (colMax[c] as number)) colMax[c] = m;
    }
  }
  const uncontested = (r: number, c: number, margin: number): boolean =>
    ((rowMax[r] as number) <= margin || (rowMax[r] as number) < pathThreshold) && ((colMax[c] as number) <= margin || (colMax[c] as number) < pathThreshold);
  for (;;) {
    const candidates: { r: number; c: number; margin: number }[] = [];
    const consider = (r: number, c: number): void => {
      if (r < 0 || r >= rows || c < 0 || c >= cols || (rowCore[r] as number) >= 0 || (colCore[c] as number) >= 0) return;
      const key = r * cols + c;
      const margin = margins[key] as number;
      // Aligned on both sides of the diagonal (a one-sentence gap between two aligned pairs, as
      // Bertalign's gap filling sees it): the position is the evidence, so only the floor applies,
      // and with gapFill not even the floor when nothing contests the pair (a paraphrase sharing
      // one word). Both neighbours must lie inside the matrix: a row above with no partner holds
      // -1, which is not "aligned to column -1".
      const sandwiched = r > 0 && c > 0 && r + 1 < rows && c + 1 < cols && rowCore[r - 1] === c - 1 && rowCore[r + 1] === c + 1;
      const similarity = sims[key] as number;
      if (similarity <= 0) return;
      if (((sandwiched || margin >= pathThreshold) && similarity >= floor) || (gapFill && sandwiched && uncontested(r, c, margin))) candidates.push({ r, c, margin });
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
