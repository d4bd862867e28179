// The building blocks of the similarity: French text units, sparse vectors, signals, margin.
import { describe, expect, it } from 'vitest';
import { NeighbourTable, ratioMargin } from '../src/align/margin.ts';
import { combineSignals, diceOverlap, lengthRatio } from '../src/align/similarity.ts';
import { containment, cosine, tfidfVectors } from '../src/align/sparse.ts';
import { charNgrams, contentStems, foldAccents, numbersIn, properNames, stemFrench } from '../src/align/text.ts';
import { DEFAULT_WEIGHTS } from '../src/align/options.ts';
import { lexiconNamed } from '../src/align/lexicon.ts';

describe('French stemming (Snowball)', () => {
  it.each([
    ['achète', 'acheter'],
    ['roquettes', 'roquette'],
    ['renseignements', 'renseignement'],
    ['américains', 'américaine'],
    ['drones', 'drone'],
  ])('%s and %s share a stem', (x, y) => {
    expect(stemFrench(x)).toBe(stemFrench(y));
  });

  it.each([
    ['basic', 'Le ministère russe achète des obus', ['minister', '#russie', '#acheter', 'obus']],
    // Elisions split, stopwords and reporting verbs dropped.
    ['basic', 'l’armée a déclaré qu’elle', ['arme']],
    // Capitals and demonyms stand for their country.
    ['basic', 'Moscou et Pyongyang', ['#russie', '#coree', 'nord']],
    ['basic', 'les nord-coréens', ['nord', '#coree']],
    ['none', 'Moscou achète', ['moscou', 'achet']],
    // The news lexicon: a compound demonym is its country; broader terms follow the stem.
    ['news', 'les nord-coréens', ['#coree', 'nord']],
    ['news', 'Le ministère russe achète des obus', ['minister', '#russie', '#acheter', 'obus', '#armement']],
    ['news', 'la Russie se procure des munitions', ['#russie', 'procur', '#acheter', 'munit', '#armement']],
    // Metonymy: the seat of power stands for the country, phrases before words.
    ['news', 'la Maison Blanche et le Kremlin', ['#usa', '#russie']],
    ['news', 'des véhicules aériens sans pilote', ['dron']],
    // Officials are officials whatever the outlet calls them; reporting verbs carry no fact.
    ['news', 'un fonctionnaire indique', ['#officiel']],
    ['news', 'un responsable affirme', ['#officiel']],
  ] as const)('contentStems with the %s lexicon (%j) = %j', (lexicon, sentence, stems) => {
    expect(contentStems(sentence, lexiconNamed(lexicon))).toEqual(stems);
  });

  it('folds accents and case', () => {
    expect(foldAccents('Corée ÉTATS')).toBe('coree etats');
  });
});

describe('numbers and proper names', () => {
  it.each([
    ['plus de 30 missiles depuis 2017', ['30', '2017']],
    ['2,00 $US', ['200']],
    ['10 000 obus', ['10000']],
    ['des millions de roquettes', ['1e6']],
    ['trois fois plus', ['3']],
    ['aucun chiffre', []],
  ])('numbersIn(%j) = %j', (sentence, numbers) => {
    expect(numbersIn(sentence)).toEqual(numbers);
  });

  it.each([
    // The first word is capitalised anyway: not a name.
    ['La Russie achète', ['#russie']],
    ['Selon le New York Times', ['new', 'york', 'tim']],
    ['un vote à l’ONU hier', ['#onu']],
    // "Kim" opens the sentence; "un" is a stopword.
    ['Kim Jong-un écrit à Poutine', ['jong', 'poutin']],
    ['rien de propre ici', []],
  ])('properNames(%j) = %j', (sentence, names) => {
    expect(properNames(sentence)).toEqual(names);
  });

  it('makes padded character n-grams of content words', () => {
    expect(charNgrams('Les obus', 4)).toEqual([' obu', 'obus', 'bus ']);
  });
});

describe('sparse vectors', () => {
  const [a, b, c] = tfidfVectors([['obus', 'russie', 'coree'], ['obus', 'russie', 'coree'], ['ble', 'prix']]);
  it('gives cosine 1 for identical term lists and 0 for disjoint ones', () => {
    expect(cosine(a!, b!)).toBeCloseTo(1, 9);
    expect(cosine(a!, c!)).toBe(0);
  });

  it('weights rare terms above common ones (IDF)', () => {
    const [x, y, z] = tfidfVectors([['common', 'rare'], ['common', 'other'], ['common', 'rare']]);
    // x shares "rare" with z and "common" with y: the rare overlap counts for more.
    expect(cosine(x!, z!)).toBeGreaterThan(cosine(x!, y!));
  });

  it('measures containment of the shorter side, unlike cosine', () => {
    const [short, long] = tfidfVectors([['obus', 'coree'], ['obus', 'coree', 'onu', 'violation', 'sanction', 'vote']], false);
    expect(containment(short!, long!)).toBeCloseTo(1, 9);
    const [shortN, longN] = tfidfVectors([['obus', 'coree'], ['obus', 'coree', 'onu', 'violation', 'sanction', 'vote']]);
    expect(cosine(shortN!, longN!)).toBeLessThan(0.7);
  });
});

describe('signals', () => {
  it.each([
    [['30', '2017'], ['30'], 2 / 3],
    [['30'], ['31'], 0],
    [[], [], 0],
  ])('diceOverlap(%j, %j) = %d', (x, y, expected) => {
    expect(diceOverlap(x, y)).toBeCloseTo(expected, 9);
  });

  it.each([
    [10, 5, 0.5],
    [0, 0, 1],
    [3, 3, 1],
  ])('lengthRatio(%d, %d) = %d', (x, y, expected) => {
    expect(lengthRatio(x, y)).toBe(expected);
  });

  it('averages only the signals that apply, so a sentence without numbers is not punished', () => {
    const withoutNumbers = combineSignals({ stems: 0.5, contained: 0.5, chars: 0.5, length: 0.5 }, DEFAULT_WEIGHTS);
    expect(withoutNumbers).toBeCloseTo(0.5, 9);
    const disagreeingNumbers = combineSignals({ stems: 0.5, contained: 0.5, chars: 0.5, length: 0.5, numbers: 0 }, DEFAULT_WEIGHTS);
    expect(disagreeingNumbers).toBeLessThan(0.5);
  });
});

describe('margin scoring', () => {
  it.each([
    // A pair that stands out from both neighbourhoods scores above 1; a hub scores near 1 or below.
    [0.6, 0.3, 0.3, 2],
    [0.6, 0.6, 0.6, 1],
    [0.2, 0.4, 0.4, 0.5],
    [0.5, 0, 0, 0],
  ])('ratioMargin(%d, %d, %d) = %d', (sim, x, y, expected) => {
    expect(ratioMargin(sim, x, y)).toBeCloseTo(expected, 9);
  });

  it('keeps the k best similarities per (sentence, document) and averages them', () => {
    const table = new NeighbourTable(2, 2, 3);
    for (const sim of [0.1, 0.9, 0.5, 0.3]) table.offer(0, 1, sim);
    expect(table.meanTop(0, 1, 10)).toBeCloseTo((0.9 + 0.5 + 0.3) / 3, 9);
    // A document with only two sentences: k is capped, missing neighbours do not count as zeros.
    expect(table.meanTop(0, 1, 2)).toBeCloseTo((0.9 + 0.5) / 2, 9);
    expect(table.meanTop(1, 0, 10)).toBe(0);
  });
});
