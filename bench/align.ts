// Scale benchmark for the aligner: synthetic versions of the seed story (drop/reorder/synonym swap).
// Usage: npx tsx bench/align.ts [--versions 50] [--sentences 60] [--runs 3]
import { parseArgs } from 'node:util';
import { alignSegments } from '../src/align/index.ts';
import { segmentSeeds, synthesiseVersions } from './align-data.ts';

const { values } = parseArgs({ options: { versions: { type: 'string', default: '50' }, sentences: { type: 'string', default: '60' }, runs: { type: 'string', default: '3' } } });
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
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
console.log(`${versions} versions x ${sentences} sentences = ${corpus.segments.length} segments (from a pool of ${corpus.pool} seed sentences): ${summary}`);
console.log(`wall times (s): ${times.map((t) => t.toFixed(2)).join(', ')}; median ${median.toFixed(2)} s; node ${process.version}`);
