// How much the bound on third versions (AlignOptions.witnesses) changes the alignment of a story
// with many versions: one story of N distinct rewrites (bench/story-data.ts), aligned with every
// third version read (witnesses Infinity) and with a bound: the share of pairs both keep, the time,
// and precision / recall against the generator's own gold over the document pairs that retell the
// same seed (two sentences are a true pair when they come from the same sentence of the same seed
// paragraph; across seeds, which tell one story five ways, there is no such gold). The dev suite cannot measure it
// (its collections have at most 16 versions, within the default bound).
// Usage: npx tsx scripts/eval-witnesses.ts [--sizes 30,60] [--bounds 4,8,16]
import { parseArgs } from 'node:util';
import { storySources, storyVersions } from '../bench/story-data.ts';
import { alignSegments } from '../src/align/index.ts';
import { segmentDocument } from '../src/segment/index.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '30,60' }, bounds: { type: 'string', default: '4,8,16' } } });
const key = (a: string, b: string): string => (a < b ? `${a}\t${b}` : `${b}\t${a}`);

console.log('| versions | witnesses | pairs | kept of the unbounded pairs | extra pairs | P / R / F1 (generator gold) | align s |\n|---|---|---|---|---|---|---|');
for (const size of (values.sizes as string).split(',').map(Number)) {
  const versions = [...storyVersions('rewrites', size)];
  const segments = versions.flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
  const seedOf = new Map(versions.map((v, n) => [v.id, n % 5]));
  const source = storySources(versions, segments);
  const bySource = new Map<string, string[]>();
  for (const [id, s] of source) if (s !== null) bySource.set(s, [...(bySource.get(s) ?? []), id]);
  const gold = new Set<string>();
  for (const ids of bySource.values()) for (const x of ids) for (const y of ids) if (x < y && x.split(':')[0] !== y.split(':')[0]) gold.add(key(x, y));
  const run = (witnesses: number): { keys: Set<string>; seconds: number; prf: string } => {
    const started = performance.now();
    const pairs = alignSegments(segments, { witnesses }).pairs;
    const keys = new Set(pairs.map((p) => key(p.a, p.b)));
    const sameSeed = [...keys].filter((k) => {
      const [a, b] = k.split('\t').map((id) => seedOf.get(id.split(':')[0] as string)) as [number, number];
      return a === b;
    });
    const hits = sameSeed.filter((k) => gold.has(k)).length;
    const precision = hits / sameSeed.length;
    const recall = hits / gold.size;
    return { keys, seconds: (performance.now() - started) / 1000, prf: `${precision.toFixed(3)} / ${recall.toFixed(3)} / ${((2 * precision * recall) / (precision + recall)).toFixed(3)}` };
  };
  const full = run(Infinity);
  console.log(`| ${size} | all | ${full.keys.size} | - | - | ${full.prf} | ${full.seconds.toFixed(1)} |`);
  for (const bound of (values.bounds as string).split(',').map(Number)) {
    const bounded = run(bound);
    const kept = [...full.keys].filter((k) => bounded.keys.has(k)).length;
    console.log(`| ${size} | ${bound} | ${bounded.keys.size} | ${kept} (${((100 * kept) / full.keys.size).toFixed(2)} %) | ${bounded.keys.size - kept} | ${bounded.prf} | ${bounded.seconds.toFixed(1)} |`);
  }
}
