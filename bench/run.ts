// `npm run bench`: every benchmark in one go, then bench/RESULTS.md from their outputs.
//   npm run bench [-- --quick]      (--quick: fewer configurations, for a smoke run)
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
const corpusSizes = quick ? '1000' : '1000,10000,100000';
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

const started = new Date();
const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const translateOut = path.join(ROOT, 'bench', 'RESULTS-translate.md');
tsx('translate.ts', ['--out', translateOut, ...(quick ? ['--quick'] : [])]);
const alignLines = tsx('align.ts', quick ? ['--runs', '1'] : []);
tsx('corpus.ts', ['--sizes', corpusSizes]);

const report = [
  '# Benchmark results',
  '',
  `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run.ts), ${started.toISOString().slice(0, 16)} UTC.`,
  `Machine: ${machineLine()}. Load average before: ${loadBefore}; after: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}.`,
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
].join('\n');
writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), report);
console.log(`bench: wrote ${path.join('bench', 'RESULTS.md')}`);
