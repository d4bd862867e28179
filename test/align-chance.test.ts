// The chance floor (chance.ts): a pair must be more similar than the run's chance pairs are, the
// median of its nonzero cross-document similarities plus chanceFloor x their MAD. What a user
// notices: an analysis piece beside two reports, sharing a word fragment with one of their
// sentences, is not "aligned" to it on that fragment; the reports' own pairs all stay.
import { describe, expect, it } from 'vitest';
import { documentSegments as document } from '../bench/align-data.ts';
import { chanceSimilarity } from '../src/align/chance.ts';
import { alignSegments } from '../src/align/index.ts';
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
    { chanceFloor: 0, fragmentPair: true },
    { chanceFloor: 4, fragmentPair: false },
  ])('chanceFloor $chanceFloor: "Pyongan du Sud" / "sud-coréenne" aligned: $fragmentPair; every report pair kept', ({ chanceFloor, fragmentPair }) => {
    const pairs = pairsOf(chanceFloor);
    expect(pairs).toEqual(expect.arrayContaining(reportPairs));
    expect(pairs.includes('a:3-c:3')).toBe(fragmentPair);
  });
});

describe('chanceSimilarity: median + multiplier x MAD of the nonzero cross-document similarities', () => {
  const features = collectionFeatures(story, ['a', 'b', 'c'], resolveAlignOptions());
  const values: number[] = [];
  for (let d = 0; d < 3; d++) {
    const block = similarityBlock(features, d);
    for (let e = d + 1; e < 3; e++) {
      const b0 = features.docStart[e] as number;
      const sims = documentPairSimilarities(features, block, b0, block.rowEnd - block.rowStart, (features.docStart[e + 1] as number) - b0);
      for (const v of sims) if (v > 0) values.push(v);
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
