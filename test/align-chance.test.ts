// The chance floor (chance.ts): a pair must be more similar than the run's chance pairs are, the
// median of its nonzero cross-document similarities plus chanceFloor x their MAD. What a user
// notices: an analysis piece beside two reports, sharing a word fragment with one of their
// sentences, is not "aligned" to it on that fragment; the reports' own pairs all stay.
import { describe, expect, it } from 'vitest';
import { documentSegments as document } from '../bench/align-data.ts';
import { chanceSimilarity } from '../src/align/chance.ts';
import { alignSegments, DEFAULT_ALIGN_OPTIONS } from '../src/align/index.ts';
import { resolveAlignOptions } from '../src/align/options.ts';
import { collectionFeatures, documentPairSimilarities, similarityBlock } from '../src/align/similarity.ts';
import type { Segment } from '../src/types.ts';

const REPORT = [
  'La Corée du Nord a tiré un missile balistique vers la mer du Japon mardi matin.',
  'Le projectile a parcouru environ mille kilomètres avant de tomber hors de la zone économique japonaise.',
  'Tokyo a convoqué une réunion de crise et dénoncé une provocation inacceptable.',
  'Séoul affirme avoir détecté le lancement depuis la province de Pyongan du Sud.',
  'Washington appelle Pyongyang à reprendre le dialogue sans conditions préalables.',
  'Il s’agit du cinquième tir de ce type depuis le début de l’année.',
];
const OTHER_REPORT = [
  'Mardi matin, la Corée du Nord a tiré un missile balistique vers la mer du Japon.',
  'Le projectile a parcouru près de mille kilomètres avant de tomber hors de la zone économique du Japon.',
  'Tokyo a réuni une cellule de crise et dénoncé une provocation inacceptable.',
  'Séoul dit avoir détecté le tir depuis la province de Pyongan du Sud.',
  'Washington demande à Pyongyang de reprendre le dialogue sans conditions.',
  'C’est le cinquième tir de ce genre depuis janvier.',
];
const ANALYSIS = [
  'Les économistes s’interrogent sur la croissance fragile du Japon cette année.',
  'Le régime de Pyongyang consacre une part croissante de son budget à l’armée.',
  'Les marchés asiatiques ont peu réagi, habitués à ces tensions régionales.',
  'Les exportations de semi-conducteurs restent le moteur de l’économie sud-coréenne.',
];
const story: Segment[] = [...document('a', REPORT), ...document('b', OTHER_REPORT), ...document('c', ANALYSIS)];
const pairsOf = (chanceFloor: number): string[] => alignSegments(story, { chanceFloor }).pairs.map((p) => `${p.a}-${p.b}`);

describe('chanceFloor: pairs no more similar than chance pairs are not alignments', () => {
  const reportPairs = REPORT.map((_, n) => `a:${n}-b:${n}`);
  it.each([
    { label: 'off (0)', chanceFloor: 0, fragmentPair: true },
    { label: `the default (${DEFAULT_ALIGN_OPTIONS.chanceFloor})`, chanceFloor: DEFAULT_ALIGN_OPTIONS.chanceFloor, fragmentPair: false },
  ])('chanceFloor $label: "Pyongan du Sud" / "sud-coréenne" (similarity 0.08) aligned: $fragmentPair; every report pair kept', ({ chanceFloor, fragmentPair }) => {
    const pairs = pairsOf(chanceFloor);
    expect(pairs).toEqual(expect.arrayContaining(reportPairs));
    expect(pairs.includes('a:3-c:3')).toBe(fragmentPair);
  });
});

const bestIndex = (xs: readonly number[]): number => xs.reduce((best, x, n) => (x > 0 && (best === -1 || x > (xs[best] as number)) ? n : best), -1);

describe('chanceSimilarity: median + multiplier x MAD of the chance pairs (nonzero, neither sentence\'s best partner)', () => {
  const features = collectionFeatures(story, ['a', 'b', 'c'], resolveAlignOptions());
  const values: number[] = [];
  for (let d = 0; d < 3; d++) {
    const block = similarityBlock(features, d);
    for (let e = d + 1; e < 3; e++) {
      const b0 = features.docStart[e] as number;
      const sims = documentPairSimilarities(features, block, b0, block.rowEnd - block.rowStart, (features.docStart[e + 1] as number) - b0);
      const rows = block.rowEnd - block.rowStart;
      const cols = sims.length / rows;
      // Each sentence's most similar partner in the other document is left out (first on ties).
      const rowBest = Array.from({ length: rows }, (_, r) => bestIndex(Array.from({ length: cols }, (_, c) => sims[r * cols + c] as number)));
      const colBest = Array.from({ length: cols }, (_, c) => bestIndex(Array.from({ length: rows }, (_, r) => sims[r * cols + c] as number)));
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if ((sims[r * cols + c] as number) > 0 && rowBest[r] !== c && colBest[c] !== r) values.push(sims[r * cols + c] as number);
    }
  }
  const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.ceil(xs.length / 2) - 1] as number;
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  it.each([1, 4, 6])('multiplier %d: within a histogram bin of the exact figure', (multiplier) => {
    expect(chanceSimilarity(features, multiplier)).toBeCloseTo(m + multiplier * mad, 3);
  });
  it('is 0 when off, and for a collection with nothing in common across documents', () => {
    expect(chanceSimilarity(features, 0)).toBe(0);
    const unrelated = collectionFeatures([...document('a', ['Le chat dort.']), ...document('b', ['Pluie demain.'])], ['a', 'b'], resolveAlignOptions());
    expect(chanceSimilarity(unrelated, 4)).toBe(0);
  });
});

describe('chanceSimilarity: no chance population, no floor', () => {
  it('two one-sentence briefs with the same sentence: 0 (their one pair could be the only true pair), and they align', () => {
    const briefs = [...document('a', ['La Corée du Nord a tiré un missile vers la mer du Japon.']), ...document('b', ['La Corée du Nord a tiré un missile vers la mer du Japon.'])];
    expect(chanceSimilarity(collectionFeatures(briefs, ['a', 'b'], resolveAlignOptions()), 4)).toBe(0);
    expect(alignSegments(briefs, { chanceFloor: 4 }).pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['a:0-b:0']);
  });
});

describe('chanceSimilarity: best partners are not chance pairs', () => {
  // Three short versions of one brief: most nonzero pairs are true pairs. Over all of them the
  // median is a true pair and the bound exceeded every similarity (round 6's first form: nothing
  // aligned); over the chance pairs proper the versions align.
  const library = 'Le conseil municipal a aussi voté lundi le budget de la médiathèque.';
  const briefs = [
    ...document('a', ['Le conseil municipal a voté lundi le budget de la nouvelle piscine.', 'Les travaux dureront deux ans selon la mairie.', 'La piscine actuelle fermera en juin.', library]),
    ...document('b', ['Lundi, les élus ont adopté les crédits de la future piscine.', 'Les travaux dureront deux ans, précise la mairie.', 'Le bassin actuel fermera en juin.', library]),
    ...document('c', ['Le conseil municipal a adopté lundi les crédits de la nouvelle piscine.', 'Les travaux dureront deux ans selon la mairie.', 'La piscine actuelle fermera ses portes en juin.']),
  ];
  it('at the default, every sentence of three short versions keeps its partner in the other two (bar one paraphrase pair)', () => {
    expect(chanceSimilarity(collectionFeatures(briefs, ['a', 'b', 'c'], resolveAlignOptions()), DEFAULT_ALIGN_OPTIONS.chanceFloor)).toBeLessThan(0.5);
    const pairs = alignSegments(briefs).pairs.map((p) => `${p.a}-${p.b}`);
    expect(pairs).toEqual(expect.arrayContaining(['a:1-b:1', 'a:2-b:2', 'a:3-b:3', 'a:0-c:0', 'a:1-c:1', 'a:2-c:2', 'b:0-c:0', 'b:1-c:1', 'b:2-c:2']));
  });
});
