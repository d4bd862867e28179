// Two robustness checks the defaults rule requires of a setting (the same behaviour
// test/align-robustness.test.ts guards at the defaults): an exact wire copy of one version leaves
// the other pairs as they were, and two stories sharing only a headline align the headline only.
// A setting that gains on the dev suite but fails these is not eligible.
import { alignSegments, type AlignOptions } from '../../src/align/index.ts';
import type { Segment } from '../../src/types.ts';
import { documentSegments as document } from '../../bench/align-data.ts';


/** An exact copy of one seed keeps >= 95% of the other pairs (and adds <= 5%), each score within 10%. */
export function duplicateKeepsPairs(seeds: readonly Segment[], options: AlignOptions): boolean {
  const original = seeds.filter((s) => s.doc === '001_a381a8de4f316d59' && s.kind !== 'boilerplate');
  const before = alignSegments(seeds, options).pairs;
  const after = alignSegments([...seeds, ...document('zz-wire-copy', original.map((s) => s.fr))], options).pairs.filter((p) => p.b_doc !== 'zz-wire-copy');
  const afterByKey = new Map(after.map((p) => [`${p.a}\t${p.b}`, p]));
  const kept = before.filter((p) => afterByKey.has(`${p.a}\t${p.b}`));
  return kept.length >= 0.95 * before.length && afterByKey.size <= 1.05 * before.length && kept.every((p) => Math.abs((afterByKey.get(`${p.a}\t${p.b}`)?.score ?? 0) - p.score) / p.score < 0.1);
}

/** Two versions of different stories that share only a headline align the headline and nothing else. */
export function headlineOnly(seeds: readonly Segment[], options: AlignOptions): boolean {
  const headline = 'La Russie achète des millions de roquettes et d’obus à la Corée du Nord';
  const a = document('a', [headline, ...seeds.filter((s) => s.doc === '001_a381a8de4f316d59' && s.kind !== 'boilerplate').slice(1, 9).map((s) => s.fr)], true);
  const b = document('b', [
    headline,
    'Les prix du blé ont encore augmenté cette semaine à Chicago, portés par une récolte décevante en Argentine.',
    'Les agriculteurs français redoutent un été sec après un hiver sans pluie.',
    'La coopérative de Beauce a annoncé des stocks en baisse de vingt pour cent.',
    'Le ministre de l’Agriculture recevra les syndicats jeudi à Paris.',
    'Les boulangers craignent une hausse du prix de la baguette à la rentrée.',
    'Les exportations vers l’Afrique du Nord ont reculé depuis le printemps.',
  ], true);
  const pairs = alignSegments([...a, ...b], options).pairs;
  return pairs.length === 1 && pairs[0]?.a === 'a:0' && pairs[0]?.b === 'b:0';
}

export function robust(seeds: readonly Segment[], options: AlignOptions): boolean {
  return duplicateKeepsPairs(seeds, options) && headlineOnly(seeds, options);
}
