// The stories stage's compact structures give the answers of the plain ones they replaced: term
// frequencies in a flat hash table, near-duplicates joined without listing every pair, sentences in
// one flat array per document.
import { describe, expect, it } from 'vitest';
import { UnionFind } from '../src/stories/cluster.ts';
import { documentEvidence, sentenceSets } from '../src/stories/evidence.ts';
import { DEFAULT_MINHASH, linkNearDuplicates, minHashSignature, nearDuplicatePairs } from '../src/stories/minhash.ts';
import { TermTable } from '../src/stories/term-table.ts';

/** Deterministic pseudo-random 32-bit values (xorshift). */
function values(count: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  });
}

describe('TermTable', () => {
  it.each([
    ['a few terms', 10],
    ['enough terms to grow the table several times', 50_000],
  ])('%s: the same counts as a Map, 0 and -1 for unseen terms', (_name, distinct) => {
    const terms = [...values(distinct, 7), 0, 0xffffffff];
    const table = new TermTable(4);
    const counts = new Map<number, number>();
    terms.forEach((t, k) => {
      const times = 1 + (k % 3);
      for (let r = 0; r < times; r++) table.add(t);
      counts.set(t, (counts.get(t) ?? 0) + times);
    });
    expect(table.size).toBe(counts.size);
    for (const [t, n] of counts) expect(table.df(t)).toBe(n);
    const unseen = values(100, 99).filter((t) => !counts.has(t));
    for (const t of unseen) {
      expect(table.df(t)).toBe(0);
      expect(table.id(t)).toBe(-1);
    }
  });
});

describe('linkNearDuplicates', () => {
  const text = (n: number, variant: number) =>
    Array.from({ length: 40 }, (_, w) => `mot${(n * 97 + w) % 500}${w === variant ? `x${variant}` : ''}`);
  // Stories of copies: 300 verbatim copies of one text (one band bucket holds them all), near-copies
  // (one word changed), and unrelated texts.
  const texts = [
    ...Array.from({ length: 300 }, () => text(1, -1)),
    ...Array.from({ length: 40 }, (_, v) => text(2, v)),
    ...Array.from({ length: 60 }, (_, k) => text(10 + k, -1)),
  ];
  const signatures = texts.map((tokens) => minHashSignature(tokens, DEFAULT_MINHASH));

  it('joins exactly the documents the listed near-duplicate pairs connect', () => {
    const listed = new UnionFind(texts.length);
    for (const [i, j] of nearDuplicatePairs(signatures, 0.8, DEFAULT_MINHASH)) listed.union(i, j);
    const linked = new UnionFind(texts.length);
    linkNearDuplicates(signatures, 0.8, DEFAULT_MINHASH, linked);
    for (let i = 0; i < texts.length; i++) expect(linked.find(i)).toBe(listed.find(i));
    expect(linked.find(299)).toBe(0);
  });

  it('joins a bucket of 300 verbatim copies in about one step per copy, not one per pair', () => {
    let steps = 0;
    const sets = new UnionFind(texts.length);
    const counting = { find: (i: number) => (steps++, sets.find(i)), union: (a: number, b: number) => (steps++, sets.union(a, b)) };
    linkNearDuplicates(signatures.slice(0, 300), 0.8, DEFAULT_MINHASH, counting);
    // Pair by pair this would be 16 bands × 300·299/2 = 717,600 comparisons.
    expect(steps).toBeLessThanOrEqual(16 * 300);
    expect(sets.find(299)).toBe(0);
  });
});

describe('documentEvidence sentences', () => {
  it('keeps each sentence\'s distinct terms, ascending, in one flat array', () => {
    const evidence = documentEvidence({ id: 'd', title: null, sentences: ['Le maire de Quimper parle.', '', 'Quimper vote 2024 budget budget.'] });
    const sets = sentenceSets(evidence).map((set) => [...set]);
    expect(sets).toHaveLength(3);
    expect(sets[1]).toEqual([]);
    for (const set of sets) expect(set).toEqual([...set].sort((x, y) => x - y));
    expect(new Set(sets[2]).size).toBe(sets[2]!.length);
    expect(sets[0]!.length).toBeGreaterThan(0);
  });
});
