// Scale benchmark for the aligner: synthetic versions of the seed story (drop/reorder/synonym swap).
// Usage: npx tsx bench/align.ts [--versions 50] [--sentences 60] [--runs 3] [--baseline]
// --baseline also times the char 3-5-gram TF-IDF mutual-best baseline (scripts/align-dev) on the
// same corpus in the same run, so the speed is reported as a ratio (the machine is shared and noisy).
import { parseArgs } from 'node:util';
import { charTfidfMutualBest } from '../scripts/align-dev/baselines.ts';
import { alignSegments } from '../src/align/index.ts';
import { segmentSeeds, synthesiseVersions } from './align-data.ts';

const { values } = parseArgs({ options: { versions: { type: 'string', default: '50' }, sentences: { type: 'string', default: '60' }, runs: { type: 'string', default: '3' }, baseline: { type: 'boolean', default: false } } });
const versions = Number(values.versions);
const sentences = Number(values.sentences);
const runs = Number(values.runs);

const { segments: seedSegments } = await segmentSeeds();
const corpus = synthesiseVersions(seedSegments, versions, sentences);
const times: number[] = [];
let summary = '';
for (let r = 0; r < runs; r++) {
  const started = performance.now();
  const result = alignSegments(corpus.segments);
  times.push((performance.now() - started) / 1000);
  const biggest = Math.max(...result.groups.map((g) => g.members.length));
  summary = `${result.pairs.length} pairs, ${result.groups.length} groups (largest ${biggest} members)`;
}
const medianOf = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const median = medianOf(times);
console.log(`${versions} versions x ${sentences} sentences = ${corpus.segments.length} segments (from a pool of ${corpus.pool} seed sentences): ${summary}`);
console.log(`alignSegments wall times (s): ${times.map((t) => t.toFixed(2)).join(', ')}; median ${median.toFixed(2)} s; node ${process.version}`);
if (values.baseline) {
  const base: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    charTfidfMutualBest(corpus.segments);
    base.push((performance.now() - started) / 1000);
  }
  console.log(`char TF-IDF mutual-best baseline wall times (s): ${base.map((t) => t.toFixed(2)).join(', ')}; median ${medianOf(base).toFixed(2)} s; fralign / baseline = ${(median / medianOf(base)).toFixed(2)}`);
}
