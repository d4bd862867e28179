// `npm run bench`: every benchmark in one go, then bench/RESULTS.md from their outputs.
//   npm run bench [-- --quick]      (--quick: fewer configurations, one run each outside the goal rows)
// Not part of `npm test`: speed targets live here, not in timed tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLine } from './lib/stats.ts';

const ROOT = path.join(import.meta.dirname, '..');
const MODEL = path.join(ROOT, 'models', 'opus-mt-fr-en-random');
const quick = process.argv.includes('--quick');
// Corpus mode (bench/corpus.ts) needs no model: `npm run bench -- --corpus` runs only it.
const corpusSizes = quick ? '1000' : '1000,10000,100000,200000';
if (process.argv.includes('--corpus')) {
  tsx('corpus.ts', ['--sizes', corpusSizes]);
  process.exit(0);
}

function tsx(script: string, args: readonly string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(`bench/${script} failed with exit code ${result.status}`);
  return result.stdout;
}

if (!existsSync(path.join(MODEL, 'onnx', 'decoder_model_merged.onnx'))) {
  console.error(
    `bench: ${MODEL} is missing. Make the opus-mt-fr-en-shaped random model first (offline, Python):\n` +
      `  python3 scripts/models/make_models.py opus-random --out models/opus-mt-fr-en-random`,
  );
  process.exit(2);
}

// First line, so nobody starts it blind: how long the last run took (written into RESULTS.md below).
const resultsFile = path.join(ROOT, 'bench', 'RESULTS.md');
const lastDuration = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').match(/^Duration: (.+)$/mu)?.[1] : undefined;
console.log(
  `bench${quick ? ' --quick' : ''}: takes many minutes (translation rows x3, a sweep, batch-independence checks, RSS probes${quick ? '' : ', a real 1000-sentence fralign translate'}, alignment); ` +
    `last run: ${lastDuration ?? 'unknown'}. A loaded machine is slower in proportion to its load average.`,
);
const started = new Date();
const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const translateOut = path.join(ROOT, 'bench', 'RESULTS-translate.md');
tsx('translate.ts', ['--out', translateOut, ...(quick ? ['--quick'] : [])]);
const rssLines = quick ? '(skipped with --quick: run `npx tsx bench/translate-rss.ts`)' : tsx('translate-rss.ts', []);
const beamLines = tsx('translate-beams.ts', quick ? ['--repeats', '1', '--beams', '1,4'] : []);
const alignLines = tsx('align.ts', quick ? ['--runs', '1'] : []);
tsx('corpus.ts', ['--sizes', corpusSizes]);

const report = [
  '# Benchmark results',
  '',
  `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run.ts), ${started.toISOString().slice(0, 16)} UTC.`,
  `Machine: ${machineLine()}. Load average before: ${loadBefore}; after: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}.`,
  `Duration: ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min${quick ? ' (--quick)' : ''}, load average ${loadBefore} before.`,
  'Figures are medians of repeated runs in this one invocation; compare ratios within it, not absolute times across machines.',
  '',
  '## Alignment at scale (bench/align.ts)',
  '',
  '```',
  alignLines.trim(),
  '```',
  '',
  'Details and history: [RESULTS-align.md](RESULTS-align.md).',
  '',
  readFileSync(path.join(ROOT, 'bench', 'RESULTS-corpus.md'), 'utf8').replace(/^# .*\n/u, '## Corpus mode (bench/corpus.ts)\n'),
  '',
  readFileSync(translateOut, 'utf8').replace(/^# .*\n/u, '## Translation (bench/translate.ts)\n'),
  '## A real `fralign translate` process (bench/translate-rss.ts)',
  '',
  rssLines.trim(),
  '',
  '## Beam search beside greedy (bench/translate-beams.ts)',
  '',
  beamLines.trim(),
  '',
].join('\n');
writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), report);
console.log(`bench: wrote ${path.join('bench', 'RESULTS.md')}`);
