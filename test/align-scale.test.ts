// Stories with many versions (issue 25): the third-version passes read a bounded set of versions
// per document pair, and the pairs come out one document pair at a time, equal to the batch result.
import { describe, expect, it } from 'vitest';
import { bridgeCandidates, inconsistentPairs, witnessDocuments } from '../src/align/consistency.ts';
import { alignSegments, alignStory } from '../src/align/index.ts';
import { storyVersions } from '../bench/story-data.ts';
import { segmentDocument } from '../src/segment/index.ts';

// Segments 0-1 are document A, 2-3 B, 4-5 C, 6-7 D.
const docOf = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
const texts = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'd0', 'd1'];
const pairsOf = (list: number[][]): { i: number; j: number; similarity: number; oneToOne: boolean }[] => list.map(([i, j]) => ({ i: i as number, j: j as number, similarity: 0.5, oneToOne: true }));

describe('witnessDocuments (the third versions a document consults)', () => {
  it('reads every version when the story has at most k + 1 of them', () => {
    expect(witnessDocuments(pairsOf([[0, 2], [0, 4]]), docOf, 4, 3)).toBeUndefined();
  });
  it.each([
    // A shares 2 pairs with C, 1 with B, 1 with D: with k = 1 its witness is C; B's is A (its only partner); ties go to the lower index.
    { k: 1, pairs: [[0, 4], [1, 5], [0, 2], [1, 6]], expected: [[2], [0], [0], [0]] },
    { k: 2, pairs: [[0, 4], [1, 5], [0, 2], [1, 6], [2, 6]], expected: [[2, 1], [0, 3], [0], [0, 1]] },
  ])('k = $k: the versions a document shares most kept pairs with', ({ k, pairs, expected }) => {
    const witnesses = witnessDocuments(pairsOf(pairs), docOf, 4, k);
    expect(witnesses?.map((set) => [...set])).toEqual(expected);
  });
});

describe('bounded third-version passes', () => {
  // (0, 2) is contradicted by C (a0 ~ c0, b0 ~ c1) and by nothing else.
  const contradicted = pairsOf([[0, 2], [0, 4], [2, 5]]);
  it.each([
    { name: 'a contradicting version among the witnesses drops the pair', witnesses: [new Set([2]), new Set([2]), new Set([0]), new Set([0])], dropped: true },
    { name: 'a contradicting version outside both documents\' witnesses is not read', witnesses: [new Set([3]), new Set([3]), new Set([0]), new Set([0])], dropped: false },
    { name: 'a witness of one side is enough', witnesses: [new Set([3]), new Set([2]), new Set([0]), new Set([0])], dropped: true },
    { name: 'no bound reads every version', witnesses: undefined, dropped: true },
  ])('consistency: $name', ({ witnesses, dropped }) => {
    expect(inconsistentPairs(contradicted, docOf, texts, false, witnesses).has(0)).toBe(dropped);
  });

  // a0 and b0 are both paired one-to-one with c0: a bridge (0, 2), if C is read.
  const legs = pairsOf([[0, 4], [2, 4]]);
  it.each([
    { name: 'a linking version among the witnesses proposes the bridge', witnesses: [new Set([2]), new Set([3]), new Set([0]), new Set([0])], bridges: [{ i: 0, j: 2 }] },
    { name: 'a linking version outside both documents\' witnesses does not', witnesses: [new Set([3]), new Set([3]), new Set([0]), new Set([0])], bridges: [] },
    { name: 'no bound reads every version', witnesses: undefined, bridges: [{ i: 0, j: 2 }] },
  ])('bridges: $name', ({ witnesses, bridges }) => {
    expect(bridgeCandidates(legs, docOf, texts, witnesses)).toEqual(bridges);
  });
});

describe('a story of many versions', () => {
  const segments = [...storyVersions('rewrites', 24)].flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
  it('streams the same pairs, in the same order, as the batch result', () => {
    const story = alignStory(segments);
    const streamed = [...story.pairs()];
    expect(streamed.length).toBe(story.pairCount);
    expect(streamed).toEqual(alignSegments(segments).pairs);
  });
  it('with the bound, keeps nearly every pair of the unbounded alignment (24 versions, 8 witnesses)', () => {
    const key = (p: { a: string; b: string }): string => `${p.a}\t${p.b}`;
    const full = new Set(alignSegments(segments, { witnesses: Infinity }).pairs.map(key));
    const bounded = new Set(alignSegments(segments, { witnesses: 8 }).pairs.map(key));
    const kept = [...full].filter((k) => bounded.has(k)).length;
    expect(kept / full.size).toBeGreaterThan(0.95);
    expect(bounded.size).toBeLessThanOrEqual(full.size * 1.01);
  });
});
