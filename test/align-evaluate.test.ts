// The scorer, gold resolution and cross-validation behind the figures in docs/alignment.md.
import { describe, expect, it } from 'vitest';
import { leaveOneDocumentOut, prf, scorePairs, type PredictedPair } from '../scripts/align-dev/evaluate.ts';
import { parseGold, resolveGold, type ResolvedGoldPair } from '../scripts/align-dev/gold.ts';
import type { Segment } from '../src/types.ts';

const gold: ResolvedGoldPair[] = [
  { a: 'x:0', b: 'y:0', grade: 2 },
  { a: 'x:1', b: 'y:1', grade: 1 },
  { a: 'x:2', b: 'z:0', grade: 2 },
];

describe('scorePairs', () => {
  it.each<[string, PredictedPair[], { two: [number, number, number]; any: [number, number, number] }]>([
    ['perfect', [{ a: 'x:0', b: 'y:0' }, { a: 'x:1', b: 'y:1' }, { a: 'x:2', b: 'z:0' }], { two: [2, 0, 0], any: [3, 0, 0] }],
    // A gold grade-1 pair found is neutral for grade 2: neither a hit nor a false positive.
    ['only the partial pair', [{ a: 'x:1', b: 'y:1' }], { two: [0, 0, 2], any: [1, 0, 2] }],
    ['a wrong pair', [{ a: 'x:0', b: 'y:1' }], { two: [0, 1, 2], any: [0, 1, 3] }],
    // Side order and duplicates do not matter.
    ['reversed and repeated', [{ a: 'y:0', b: 'x:0' }, { a: 'x:0', b: 'y:0' }], { two: [1, 0, 1], any: [1, 0, 2] }],
  ])('%s', (_, predicted, expected) => {
    const scores = scorePairs(predicted, gold);
    expect([scores.grade2.tp, scores.grade2.fp, scores.grade2.fn]).toEqual(expected.two);
    expect([scores.any.tp, scores.any.fp, scores.any.fn]).toEqual(expected.any);
  });

  it('counts how often the predicted grade matches the gold', () => {
    const scores = scorePairs([{ a: 'x:0', b: 'y:0', grade: 2 }, { a: 'x:1', b: 'y:1', grade: 2 }], gold);
    expect(scores.gradeAgreement).toEqual({ agree: 1, total: 2 });
  });

  it.each([
    [{ tp: 2, fp: 2, fn: 0 }, 0.5, 1, 2 / 3],
    [{ tp: 0, fp: 0, fn: 3 }, 0, 0, 0],
  ])('prf(%j)', (counts, precision, recall, f1) => {
    const result = prf(counts);
    expect(result.precision).toBeCloseTo(precision, 9);
    expect(result.recall).toBeCloseTo(recall, 9);
    expect(result.f1).toBeCloseTo(f1, 9);
  });
});

describe('leaveOneDocumentOut', () => {
  it('chooses the setting on the other documents and scores it on the held-out one', () => {
    // Setting "strict" predicts only x–y pairs; "loose" adds a wrong x–z pair and the right one.
    const predict = (setting: string): PredictedPair[] =>
      setting === 'strict' ? [{ a: 'x:0', b: 'y:0' }, { a: 'x:1', b: 'y:1' }] : [{ a: 'x:0', b: 'y:0' }, { a: 'x:1', b: 'y:1' }, { a: 'x:2', b: 'z:0' }, { a: 'x:3', b: 'z:1' }];
    const cv = leaveOneDocumentOut(['x', 'y', 'z'], ['strict', 'loose'], predict, gold);
    // Holding out y leaves only x–z pairs to choose on: loose finds x:2–z:0, strict finds nothing.
    expect(cv.folds.map((f) => [f.doc, f.chosen])).toEqual([['x', 'strict'], ['y', 'loose'], ['z', 'strict']]);
    // Fold z scores strict on the x–z pairs: it misses x:2–z:0.
    expect(cv.folds[2]?.heldOut.any).toEqual({ tp: 0, fp: 0, fn: 1 });
  });
});

describe('gold files', () => {
  const text = 'Première phrase ici. Deuxième phrase là. Deuxième phrase là-bas.';
  const segment = (index: number, start: number, end: number, kind: Segment['kind'] = 'body'): Segment => ({ id: `d:${index}`, doc: 'd', index, start, end, kind, fr: text.slice(start, end) });
  const segments = [segment(0, 0, 20), segment(1, 21, 41), segment(2, 42, 65, 'boilerplate')];
  const other: Segment = { id: 'e:0', doc: 'e', index: 0, start: 0, end: 5, kind: 'body', fr: 'Autre' };
  const texts = new Map([['d', text], ['e', 'Autre']]);
  const line = (quote: string, doc = 'd'): string => JSON.stringify({ a: { doc, quote }, b: { doc: 'e', quote: 'Autre' }, grade: 2 });

  it('resolves a quote to the segment holding its first character, and flags boilerplate', () => {
    const resolved = resolveGold(parseGold(`${line('Première')}\n${line('phrase là-bas')}\n`, 'g.jsonl'), texts, [...segments, other]);
    expect(resolved.pairs).toEqual([{ a: 'd:0', b: 'e:0', grade: 2 }, { a: 'd:2', b: 'e:0', grade: 2 }]);
    expect(resolved.onBoilerplate).toEqual(['d: phrase là-bas']);
  });

  it.each([
    [line('Absente'), 'gold quote "Absente" not found in d'],
    [line('Deuxième phrase'), 'occurs twice in d; lengthen it until unique'],
    [line('Première', 'zz'), 'gold names document "zz", which is not among the inputs'],
    ['{"a":1}', 'g.jsonl:1: expected {"a":{"doc","quote"}'],
    ['not json', 'g.jsonl:1: not valid JSON'],
  ])('fails loudly on %s', (content, message) => {
    expect(() => resolveGold(parseGold(content, 'g.jsonl'), texts, [...segments, other])).toThrow(message);
  });
});
