// Evidence from the other versions of a story: a third version that pairs the two sentences of a
// pair with different sentences contradicts it (unless another confirms it), and words the
// versions swap for each other in confident pairs are learned and matched.
import { describe, expect, it } from 'vitest';
import { bridgeCandidates, inconsistentPairs } from '../src/align/consistency.ts';
import { learnSubstitutions } from '../src/align/lexicon.ts';
import { alignSegments } from '../src/align/index.ts';
import { documentSegments as document } from '../bench/align-data.ts';

// Segments 0-1 are document A, 2-3 document B, 4-5 document C, 6-7 document D.
const docOf = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
const texts = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'd0', 'd1'];

describe('inconsistentPairs (cycle consistency across versions)', () => {
  it.each([
    { name: 'a third version pairing the two sentences with different sentences drops the pair', pairs: [[0, 2], [0, 4], [2, 5]], dropped: true },
    { name: 'a third version pairing both with the same sentence keeps it', pairs: [[0, 2], [0, 4], [2, 4]], dropped: false },
    { name: 'no third version with partners for both sentences: the pair stays', pairs: [[0, 2], [0, 4]], dropped: false },
    { name: 'one confirming version outweighs a contradicting one', pairs: [[0, 2], [0, 4], [2, 5], [0, 6], [2, 6]], dropped: false },
  ])('$name', ({ pairs, dropped }) => {
    const indexed = pairs.map(([i, j]) => ({ i: i as number, j: j as number, similarity: 0.5 }));
    // The pair under test is the first, (0, 2); all similarities equal, so both rules agree.
    expect(inconsistentPairs(indexed, docOf, texts, true).has(0)).toBe(dropped);
    expect(inconsistentPairs(indexed, docOf, texts, false).has(0)).toBe(dropped);
  });

  // The triangle (0, 2), (0, 4), (2, 5): C pairs a0 and b0 with different sentences, so one of
  // the three links is wrong. The legs have no contradiction of their own (c0, c1 have no B or A
  // partner besides), so only (0, 2) is at stake.
  it.each([
    { name: 'a pair more similar than both legs survives (a leg is the error)', similarities: [0.8, 0.3, 0.4], dropped: false },
    { name: 'a pair less similar than one leg is dropped', similarities: [0.35, 0.3, 0.4], dropped: true },
    { name: 'a pair less similar than both legs is dropped', similarities: [0.2, 0.3, 0.4], dropped: true },
    { name: 'a pair as similar as a leg is dropped (no tie goes to the contradicted pair)', similarities: [0.4, 0.3, 0.4], dropped: true },
  ])('strongestSurvives: $name', ({ similarities, dropped }) => {
    const indexed = [[0, 2], [0, 4], [2, 5]].map(([i, j], n) => ({ i: i as number, j: j as number, similarity: similarities[n] as number }));
    const out = inconsistentPairs(indexed, docOf, texts, true);
    expect([out.has(0), out.has(1), out.has(2)]).toEqual([dropped, false, false]);
    // Round 3's rule drops (0, 2) whatever the similarities.
    expect(inconsistentPairs(indexed, docOf, texts, false).has(0)).toBe(true);
  });

  it('does not count a wire copy of one of the two documents as a witness', () => {
    // D is a copy of A: d0 has a0's text. It "confirms" (0, 2) only because it repeats A.
    const copyTexts = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'a0', 'a1'];
    const pairs = [[0, 2], [0, 4], [2, 5], [0, 6], [2, 6]].map(([i, j]) => ({ i: i as number, j: j as number, similarity: 0.5 }));
    expect(inconsistentPairs(pairs, docOf, copyTexts, true).has(0)).toBe(true);
    expect(inconsistentPairs(pairs, docOf, texts, true).has(0)).toBe(false);
  });
});

describe('bridgeCandidates (a third version links two sentences)', () => {
  const found = (pairs: readonly (readonly [number, number, boolean?])[]): { i: number; j: number; oneToOne: boolean }[] => pairs.map(([i, j, one]) => ({ i, j, oneToOne: one ?? true }));
  it.each([
    { name: 'two sentences paired with the same sentence of a third version, free in each other\'s document, are a candidate', pairs: found([[0, 4], [2, 4]]), expected: [{ i: 0, j: 2 }] },
    { name: 'not when one of them already has a partner in the other document', pairs: found([[0, 4], [2, 4], [0, 3]]), expected: [] },
    { name: 'not through a span or second partner (only one-to-one legs)', pairs: found([[0, 4, false], [2, 4]]), expected: [] },
    { name: 'not when the third version\'s sentence is a copy of one of them', pairs: found([[0, 6], [2, 6]]), texts: ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'a0', 'd1'], expected: [] },
  ])('$name', ({ pairs, texts: own, expected }) => {
    expect(bridgeCandidates(pairs, docOf, own ?? texts)).toEqual(expected);
  });
});

describe('learnSubstitutions (words the versions swap)', () => {
  const anchor = (x: string, y: string): { x: string[]; y: string[] } => ({ x: x.split(' '), y: y.split(' ') });
  it.each([
    { name: 'a swap seen in two distinct anchor pairs is learned, the smaller spelling standing for both', anchors: [anchor('polic fusill homm', 'polic abattu homm'), anchor('suspect fusill hier', 'suspect abattu hier')], expected: [['fusill', 'abattu']] },
    { name: 'seen once is chance', anchors: [anchor('polic fusill homm', 'polic abattu homm')], expected: [] },
    { name: 'the same anchor repeated (wire copies) counts once', anchors: [anchor('polic fusill homm', 'polic abattu homm'), anchor('polic fusill homm', 'polic abattu homm')], expected: [] },
    { name: 'numbers are never swapped', anchors: [anchor('bless #3', 'bless #4'), anchor('mort #3', 'mort #4')], expected: [] },
  ])('$name', ({ anchors, expected }) => {
    expect([...learnSubstitutions(anchors, { minCount: 2, minDice: 0.5 })]).toEqual(expected);
  });
});


describe('alignSegments with other versions as evidence', () => {
  it('drops a look-alike pair when the true partners were cut and a third version pairs both sentences elsewhere', () => {
    // a cut the flood sentence, b cut the pool sentence: a's pool sentence and b's flood sentence are
    // each other's best remaining match (same council, same Monday); c has both facts apart.
    const a = document('a', ['Le conseil municipal a voté lundi le budget de la nouvelle piscine.', 'Le maire a salué un vote à la quasi-unanimité des élus.']);
    const b = document('b', ['Le maire a salué un vote à la quasi-unanimité des élus.', 'Le conseil municipal a débattu lundi des dégâts de la crue.']);
    const c = document('c', ['Lundi, le conseil municipal a voté le budget de la nouvelle piscine.', 'Le conseil municipal a aussi débattu lundi des dégâts de la crue.', 'Le maire a salué un vote à la quasi-unanimité.']);
    const pairs = (consistency: boolean): string[] => alignSegments([...a, ...b, ...c], { consistency }).pairs.map((p) => `${p.a}-${p.b}`);
    expect(pairs(false)).toContain('a:0-b:1');
    expect(pairs(true)).not.toContain('a:0-b:1');
    for (const kept of ['a:1-b:0', 'a:0-c:0', 'b:1-c:1', 'a:1-c:2', 'b:0-c:2']) expect(pairs(true)).toContain(kept);
  });

  it('aligns two paraphrases through a third version that pairs each of them', () => {
    // a:0 prefers b's council sentence about the library (more words in common), so a:0 and b:0 are
    // no mutual best; c words the pool vote close to both, and each pairs with c:0.
    const library = 'Le conseil municipal a aussi voté lundi le budget de la médiathèque.';
    const a = document('a', ['Le conseil municipal a voté lundi le budget de la nouvelle piscine.', 'Les travaux dureront deux ans selon la mairie.', 'La piscine actuelle fermera en juin.', library]);
    const b = document('b', ['Lundi, les élus ont adopté les crédits de la future piscine.', 'Les travaux dureront deux ans, précise la mairie.', 'Le bassin actuel fermera en juin.', library]);
    const c = document('c', ['Le conseil municipal a adopté lundi les crédits de la nouvelle piscine.', 'Les travaux dureront deux ans selon la mairie.', 'La piscine actuelle fermera ses portes en juin.']);
    // Positional support held at margin 1: at the default (0.8) the aligned a:1-b:1 (the works
    // sentence) already brings a:0-b:0 in along the diagonal; this test is about the third version.
    // chanceFloor 0: a bridge needs the floor, and in versions this short the paraphrase pair
    // (similarity 0.19) sits below the collection's chance similarity (0.24 at chanceFloor 4).
    const pairs = (consistency: boolean): Map<string, number> => new Map(alignSegments([...a, ...b, ...c], { consistency, pathThreshold: 1, chanceFloor: 0 }).pairs.map((p) => [`${p.a}-${p.b}`, p.grade]));
    expect(pairs(false).has('a:0-b:0')).toBe(false);
    expect(pairs(true).get('a:0-b:0')).toBe(1);
    for (const kept of ['a:0-c:0', 'b:0-c:0', 'a:3-b:3']) expect(pairs(true).has(kept)).toBe(true);
  });
});
