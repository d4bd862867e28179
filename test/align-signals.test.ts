// The building blocks of the similarity: French text units, sparse vectors, the margin, spans.
import { describe, expect, it } from 'vitest';
import { columnNeighbourMeans, ratioMargin, rowNeighbourMeans } from '../src/align/margin.ts';
import { resolveAlignOptions } from '../src/align/options.ts';
import { collectionFeatures, pairSimilarity, similarityBlock, spanSimilarity } from '../src/align/similarity.ts';
import { cosine, tfidfVectors } from '../src/align/sparse.ts';
import { charNgrams, contentTerms, foldAccents, numbersIn, stemFrench } from '../src/align/text.ts';
import type { Segment } from '../src/types.ts';

describe('French stemming (Snowball) and the general normalisation', () => {
  it.each([
    ['achète', 'acheter'],
    ['roquettes', 'roquette'],
    ['renseignements', 'renseignement'],
    ['américains', 'américaine'],
  ])('%s and %s share a stem', (x, y) => {
    expect(stemFrench(x)).toBe(stemFrench(y));
  });

  it.each([
    // Elisions split, stopwords and reporting verbs dropped, accents folded.
    ['l’armée a déclaré qu’elle', ['arme']],
    ['Le ministère russe achète des obus', ['minister', 'russ', 'achet', 'obus']],
    // Hyphenated compounds stem per part.
    ['les nord-coréens', ['nord', 'coreen']],
    // Numbers are terms, whether written in digits or in words.
    ['trois drones et 3 missiles', ['dron', 'missil', '#3', '#3']],
    // No lexicon of places: a capital is its own word.
    ['Moscou achète', ['moscou', 'achet']],
  ] as const)('contentTerms(%j) = %j', (sentence, terms) => {
    expect(contentTerms(sentence)).toEqual(terms);
  });

  it('folds accents and case', () => {
    expect(foldAccents('Corée ÉTÉ')).toBe('coree ete');
  });

  it('reads numbers in digits (with French separators) and number words', () => {
    expect(numbersIn('1 000 obus, 2,5 millions et trois drones')).toEqual(['1000', '25', '1e6', '3']);
  });

  it('makes character 3-5-grams of content words padded at word edges, without stopwords', () => {
    expect(charNgrams('les obus', 3, 5)).toEqual([' ob', 'obu', 'bus', 'us ', ' obu', 'obus', 'bus ', ' obus', 'obus ']);
    // A spelling variant still shares most n-grams.
    const [a, b, c] = tfidfVectors([charNgrams('Louhansk', 3, 5), charNgrams('Lougansk', 3, 5), charNgrams('Kharkiv', 3, 5)]);
    expect(cosine(a!, b!)).toBeGreaterThan(0.2);
    expect(cosine(a!, c!)).toBe(0);
  });
});

describe('sparse TF-IDF vectors', () => {
  it('gives cosine 1 for identical term lists and 0 for disjoint ones', () => {
    const [a, b, c] = tfidfVectors([['x', 'y'], ['x', 'y'], ['z']]);
    expect(cosine(a!, b!)).toBeCloseTo(1, 9);
    expect(cosine(a!, c!)).toBe(0);
  });
});

describe('ratio margin with neighbours in the other document', () => {
  // Rows: sentences of x's document; columns: sentences of y's document.
  const sims = Float64Array.from([0.9, 0.1, 0.0, 0.2, 0.6, 0.1]);

  it('averages the k best of each row and column; a document shorter than k counts 0 for the neighbours it lacks', () => {
    expect([...rowNeighbourMeans(sims, 2, 3, 2)].map((x) => +x.toFixed(6))).toEqual([0.5, 0.4]);
    expect([...columnNeighbourMeans(sims, 2, 3, 4)].map((x) => +x.toFixed(6))).toEqual([0.275, 0.175, 0.025]);
  });

  it('is the similarity over the mean of both neighbourhoods; 0 without neighbours', () => {
    expect(ratioMargin(0.9, 0.5, 0.55)).toBeCloseTo(0.9 / 0.525, 9);
    expect(ratioMargin(0.5, 0, 0)).toBe(0);
  });
});

describe('span similarity (many-to-many)', () => {
  const segment = (doc: string, index: number, fr: string): Segment => ({ id: `${doc}:${index}`, doc, index, start: 0, end: fr.length, kind: 'body', fr });
  const whole = 'La Russie achète des millions d’obus à la Corée du Nord, ce qui viole les résolutions de l’ONU.';
  const segments = [
    segment('a', 0, 'La Russie achète des millions d’obus à la Corée du Nord.'),
    segment('a', 1, 'Cet achat viole les résolutions de l’ONU.'),
    segment('b', 0, whole),
  ];
  const features = collectionFeatures(segments, ['a', 'b'], resolveAlignOptions());
  const block = similarityBlock(features, 0);

  it('matches the merged sentence better with the two halves together than with either half', () => {
    const together = spanSimilarity(features, block, [0, 1], [2]);
    expect(together).toBeGreaterThan(pairSimilarity(features, block, 0, 2));
    expect(together).toBeGreaterThan(pairSimilarity(features, block, 1, 2));
  });

  it('equals the pair similarity for one-sentence spans', () => {
    expect(spanSimilarity(features, block, [0], [2])).toBeCloseTo(pairSimilarity(features, block, 0, 2), 9);
  });
});
