// Two robustness checks the defaults rule requires of a setting (the same behaviour
// test/align-robustness.test.ts guards at the defaults): an exact wire copy of one version leaves
// the other pairs as they were, and two stories sharing only a headline align the headline only.
// A setting that gains on the dev suite but fails these is not eligible.
import { alignSegments, type AlignOptions } from '../../src/align/index.ts';
import type { Segment } from '../../src/types.ts';
import { documentSegments as document, headlineOnlyVersions } from '../../bench/align-data.ts';


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
  const pairs = alignSegments(headlineOnlyVersions(seeds), options).pairs;
  return pairs.length === 1 && pairs[0]?.a === 'a:0' && pairs[0]?.b === 'b:0';
}

export function robust(seeds: readonly Segment[], options: AlignOptions): boolean {
  return duplicateKeepsPairs(seeds, options) && headlineOnly(seeds, options);
}
