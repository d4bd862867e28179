// How much the bound on third versions (AlignOptions.witnesses) changes the alignment of a story
// with many versions: one story of N distinct rewrites (bench/story-data.ts), aligned with every
// third version read (witnesses Infinity) and with a bound; the share of pairs both keep, and the
// time. The dev suite cannot measure it (its stories have at most 5 versions, within any bound).
// Usage: npx tsx scripts/eval-witnesses.ts [--sizes 30,60] [--bounds 4,8,16]
import { parseArgs } from 'node:util';
import { storyVersions } from '../bench/story-data.ts';
import { alignSegments } from '../src/align/index.ts';
import { segmentDocument } from '../src/segment/index.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '30,60' }, bounds: { type: 'string', default: '4,8,16' } } });
console.log('| versions | witnesses | pairs | kept of the unbounded pairs | extra pairs | align s |\n|---|---|---|---|---|---|');
for (const size of (values.sizes as string).split(',').map(Number)) {
  const segments = [...storyVersions('rewrites', size)].flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
  const run = (witnesses: number): { keys: Set<string>; seconds: number } => {
    const started = performance.now();
    const pairs = alignSegments(segments, { witnesses }).pairs;
    return { keys: new Set(pairs.map((p) => `${p.a}\t${p.b}`)), seconds: (performance.now() - started) / 1000 };
  };
  const full = run(Infinity);
  console.log(`| ${size} | all | ${full.keys.size} | - | - | ${full.seconds.toFixed(1)} |`);
  for (const bound of (values.bounds as string).split(',').map(Number)) {
    const bounded = run(bound);
    const kept = [...full.keys].filter((k) => bounded.keys.has(k)).length;
    console.log(`| ${size} | ${bound} | ${bounded.keys.size} | ${kept} (${((100 * kept) / full.keys.size).toFixed(2)} %) | ${bounded.keys.size - kept} | ${bounded.seconds.toFixed(1)} |`);
  }
}
