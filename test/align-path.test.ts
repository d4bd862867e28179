// Positional support: a pair next to an aligned pair on the diagonal needs a lower margin; an
// isolated one does not get that help; a one-sentence gap between two aligned pairs is filled.
import { describe, expect, it } from 'vitest';
import { growAlongDiagonals } from '../src/align/path.ts';

/** rows x cols margins (similarity = margin / 10, so the floor can be set on the same scale). */
function grid(rows: readonly (readonly number[])[]): { sims: Float64Array; margins: Float64Array; rows: number; cols: number } {
  const margins = Float64Array.from(rows.flat());
  return { sims: margins.map((m) => m / 10), margins, rows: rows.length, cols: (rows[0] as number[]).length };
}

function run(matrix: readonly (readonly number[])[], anchors: readonly [number, number][], pathThreshold = 1, floor = 0.05): [number, number][] {
  const { sims, margins, rows, cols } = grid(matrix);
  const rowCore = new Int32Array(rows).fill(-1);
  const colCore = new Int32Array(cols).fill(-1);
  for (const [r, c] of anchors) {
    rowCore[r] = c;
    colCore[c] = r;
  }
  return growAlongDiagonals(sims, margins, rows, cols, rowCore, colCore, pathThreshold, floor).map((p) => [p.r, p.c] as [number, number]).sort((x, y) => x[0] - y[0]);
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
});
