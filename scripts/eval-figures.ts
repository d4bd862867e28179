// The aligner's dev-suite figures at full precision, to check that a change leaves them where they
// were (docs/alignment.md, "Scaling"): fralign's defaults on every external task (both unit kinds)
// and on the seeds gold, plus a fingerprint (sha256) of every pair written, per task. With
// --compare FILE (an earlier --json), prints each F1's change and the largest one, and exits 1 when
// it exceeds --tolerance (default 0.002). Reads ../shared/eval (and says so when it is absent).
// Usage: npx tsx scripts/eval-figures.ts [--json FILE] [--compare FILE] [--tolerance 0.002] [--tasks t1,t2] [--options JSON]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { alignSegments, type AlignOptions } from '../src/align/index.ts';
import type { Segment } from '../src/types.ts';
import { evaluateOnTask, exitWithError, loadTask, requireEvalSuite, type Units } from './align-dev/external.ts';
import { loadSeeds, seedsScores } from './align-dev/seeds.ts';
import { prf } from './align-dev/evaluate.ts';

const TASKS = ['news-versions-dev', 'bible-sent-story-hard-dev', 'bible-sent-hard-dev', 'bible-sent-dev', 'bible-verse-story-hard-dev', 'bible-verse-hard-dev', 'bible-verse-dev', 'stsb-fr-dev-align'];
const { values } = parseArgs({ options: { json: { type: 'string' }, compare: { type: 'string' }, tolerance: { type: 'string', default: '0.002' }, tasks: { type: 'string' }, options: { type: 'string' } } });
/** --options '{"witnesses": 16}': AlignOptions over the defaults (an ad-hoc comparison, not the defaults' figures). */
const options = JSON.parse(values.options ?? '{}') as AlignOptions;
requireEvalSuite();

interface Row {
  readonly name: string;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly pairs: number;
  readonly sha256: string;
}
const rows: Row[] = [];
const started = performance.now();
for (const name of values.tasks?.split(',') ?? TASKS) {
  const task = loadTask(name);
  for (const units of ['task', 'fralign'] as Units[]) {
    const hash = createHash('sha256');
    let pairs = 0;
    const score = evaluateOnTask(task, units, (segments: readonly Segment[]) => {
      const result = alignSegments(segments, options).pairs;
      for (const p of result) hash.update(`${p.a}\t${p.b}\t${p.score}\n`);
      pairs += result.length;
      return result;
    });
    rows.push({ name: `${name} (${units === 'task' ? "task's units" : 'fralign split'})`, f1: score.f1, precision: score.precision, recall: score.recall, pairs, sha256: hash.digest('hex') });
  }
}
const seeds = await loadSeeds().catch(exitWithError);
const seedPairs = alignSegments(seeds.segments, options).pairs;
const scores = seedsScores(seeds, seedPairs);
const seedsHash = createHash('sha256');
for (const p of seedPairs) seedsHash.update(`${p.a}\t${p.b}\t${p.score}\n`);
const seedsDigest = seedsHash.digest('hex');
for (const [label, s] of [['grade 2', prf(scores.grade2)], ['grade >= 1', prf(scores.any)]] as const) {
  rows.push({ name: `seeds gold, ${label}`, f1: s.f1, precision: s.precision, recall: s.recall, pairs: seedPairs.length, sha256: seedsDigest });
}
const seconds = (performance.now() - started) / 1000;
const before = values.compare === undefined ? undefined : new Map((JSON.parse(readFileSync(values.compare, 'utf8')) as { rows: Row[] }).rows.map((r) => [r.name, r]));
console.log(`| set | P | R | F1 | pairs | ${before ? 'F1 change | same pairs |' : ''}\n|---|---|---|---|---|${before ? '---|---|' : ''}`);
let worst = 0;
for (const r of rows) {
  const old = before?.get(r.name);
  const change = old === undefined ? '' : ` ${(r.f1 - old.f1 >= 0 ? '+' : '') + (r.f1 - old.f1).toFixed(4)} | ${old.sha256 === r.sha256 ? 'yes' : 'no'} |`;
  if (old !== undefined) worst = Math.max(worst, Math.abs(r.f1 - old.f1));
  console.log(`| ${r.name} | ${r.precision.toFixed(4)} | ${r.recall.toFixed(4)} | ${r.f1.toFixed(4)} | ${r.pairs} |${change}`);
}
console.log(`\n${rows.length} sets in ${seconds.toFixed(1)} s${before ? `; largest F1 change ${worst.toFixed(4)} (tolerance ${values.tolerance})` : ''}`);
if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ rows, seconds }, null, 1) + '\n');
if (before !== undefined && worst > Number(values.tolerance)) process.exit(1);
