// Positional support: a pair next to an aligned pair on the diagonal needs a lower margin; an
// isolated one does not get that help; a one-sentence gap between two aligned pairs is filled, on
// its position alone (gap filling) when nothing contests it.
import { describe, expect, it } from 'vitest';
import { growAlongDiagonals } from '../src/align/path.ts';

/** rows x cols margins (similarity = margin / 10, so the floor can be set on the same scale). */
function grid(rows: readonly (readonly number[])[]): { sims: Float64Array; margins: Float64Array; rows: number; cols: number } {
  const margins = Float64Array.from(rows.flat());
  return { sims: margins.map((m) => m / 10), margins, rows: rows.length, cols: (rows[0] as number[]).length };
}

function run(matrix: readonly (readonly number[])[], anchors: readonly [number, number][], pathThreshold = 1, floor = 0.05, gapFill = false): [number, number][] {
  const { sims, margins, rows, cols } = grid(matrix);
  const rowCore = new Int32Array(rows).fill(-1);
  const colCore = new Int32Array(cols).fill(-1);
  for (const [r, c] of anchors) {
    rowCore[r] = c;
    colCore[c] = r;
  }
  return growAlongDiagonals(sims, margins, rows, cols, rowCore, colCore, pathThreshold, floor, gapFill).map((p) => [p.r, p.c] as [number, number]).sort((x, y) => x[0] - y[0]);
}

describe('growAlongDiagonals', () => {
  it.each([
    {
      name: 'grows a chain down and up the diagonal of an anchor while the margin holds',
      matrix: [[1.1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 1.05, 0], [0, 0, 0, 1.2]],
      anchors: [[1, 1]] as [number, number][],
      expected: [[0, 0], [2, 2], [3, 3]],
    },
    {
      name: 'stops where the margin falls below pathThreshold (and does not jump the gap)',
      matrix: [[2, 0, 0, 0], [0, 0.9, 0, 0], [0, 0, 1.2, 0], [0, 0, 0, 0]],
      anchors: [[0, 0]] as [number, number][],
      expected: [],
    },
    {
      name: 'an isolated candidate off every anchor diagonal gets no help',
      matrix: [[2, 0, 0, 0], [0, 0, 0, 1.25], [0, 0, 0, 0], [0, 0, 0, 0]],
      anchors: [[0, 0]] as [number, number][],
      expected: [],
    },
    {
      name: 'fills a one-sentence gap between two aligned pairs on the floor alone',
      matrix: [[2, 0, 0], [0, 0.6, 0], [0, 0, 2]],
      anchors: [[0, 0], [2, 2]] as [number, number][],
      expected: [[1, 1]],
    },
    {
      name: 'never gives a sentence a second partner: the better margin wins a shared column',
      matrix: [[2, 0, 0], [0, 1.1, 0], [0, 1.4, 0], [0, 0, 2]],
      anchors: [[0, 0], [3, 2]] as [number, number][],
      expected: [[2, 1]],
    },
  ])('$name', ({ matrix, anchors, expected }) => {
    expect(run(matrix, anchors)).toEqual(expected);
  });

  it('leaves a gap below the floor empty even between two aligned pairs', () => {
    expect(run([[2, 0, 0], [0, 0.3, 0], [0, 0, 2]], [[0, 0], [2, 2]], 1, 0.05)).toEqual([]);
  });

  it('does not read the first column as sandwiched when the row above has no partner', () => {
    // Row 0 has no partner (-1, which is not "aligned to column -1"), row 2 is aligned to column 1:
    // (1, 0) has no aligned pair before it on its diagonal, and its margin is below pathThreshold.
    expect(run([[0, 0, 0], [0.6, 0, 0], [0, 2, 0]], [[2, 1]], 1, 0.05)).toEqual([]);
  });

  it.each([
    { name: 'fills an uncontested gap below the floor with gap filling on', gapFill: true, matrix: [[2, 0, 0], [0, 0.3, 0], [0, 0, 2]], expected: [[1, 1]] },
    { name: 'leaves the same gap empty with gap filling off', gapFill: false, matrix: [[2, 0, 0], [0, 0.3, 0], [0, 0, 2]], expected: [] },
    { name: 'leaves a gap with no shared n-gram (similarity 0) empty', gapFill: true, matrix: [[2, 0, 0], [0, 0, 0], [0, 0, 2]], expected: [] },
    // Row 1 prefers column 3 at margin 1.5 >= pathThreshold: the gap pair is contested.
    { name: 'leaves a gap empty when one of its sentences has a better candidate elsewhere', gapFill: true, matrix: [[2, 0, 0, 0], [0, 0.3, 0, 1.5], [0, 0, 2, 0]], expected: [] },
    // Row 1's other candidate (0.5) is below pathThreshold: no evidence contests the position.
    { name: 'fills a gap whose sentences have only weaker candidates elsewhere', gapFill: true, matrix: [[2, 0, 0, 0], [0, 0.3, 0, 0.5], [0, 0, 2, 0]], expected: [[1, 1]] },
  ])('$name', ({ matrix, gapFill, expected }) => {
    const anchors: [number, number][] = [[0, 0], [2, 2]];
    expect(run(matrix, anchors, 1, 0.05, gapFill)).toEqual(expected);
  });
});
