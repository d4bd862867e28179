// Peak memory and cached-rerun time of a REAL `fralign translate` process (not an in-process probe):
// a run folder of N seed-derived sentences, `/usr/bin/time -v node bin/fralign.js translate`, then
// the same command again with everything in the cache.
//
//   npx tsx bench/translate-rss.ts [--model models/opus-mt-fr-en-random] [--sentences 1000] [--dtype int8]
//                                  [--concurrency N --threads N]   (default: the dtype's default engine shape)
//
// The random model never produces an end token, so every sentence decodes to its length cap
// (16 + 1.5 x source tokens): more work per sentence than a real model would do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/translate/model.ts';
import { asSegments, distinctSentences, seedSentences } from './lib/sentences.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-random') },
    sentences: { type: 'string', default: '1000' },
    dtype: { type: 'string', default: 'int8' },
    concurrency: { type: 'string' },
    threads: { type: 'string' },
  },
});

interface Measured {
  readonly seconds: number;
  readonly peakMiB: number;
  readonly status: number | null;
  readonly summary: string;
}

const shapeArgs = [...(args.concurrency ? ['--concurrency', args.concurrency] : []), ...(args.threads ? ['--threads', args.threads] : [])];

function timed(outDir: string): Measured {
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, path.join(PROJECT_ROOT, 'bin', 'fralign.js'), 'translate', '--out', outDir, '--model', args.model, '--dtype', args.dtype, '--offline', ...shapeArgs],
    { encoding: 'utf8', cwd: PROJECT_ROOT },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = child.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/u);
  return { seconds, peakMiB: peak ? Number(peak[1]) / 1024 : NaN, status: child.status, summary: child.stdout.trim().split('\n').pop() ?? '' };
}

if (!existsSync(args.model)) {
  console.error(`bench/translate-rss: no model at ${args.model}; see docs/test-models.md`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('bench/translate-rss: /usr/bin/time is missing (Debian package `time`)');
  process.exit(2);
}
const outDir = mkdtempSync(path.join(tmpdir(), 'fralign-rss-'));
try {
  const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), Number(args.sentences));
  writeFileSync(path.join(outDir, 'sentences.jsonl'), asSegments(sentences).map((s) => `${JSON.stringify(s)}\n`).join(''));
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const first = timed(outDir);
  const rerun = timed(outDir);
  const ok = first.status === 0 && rerun.status === 0;
  console.log(
    [
      `Command: \`npx tsx bench/translate-rss.ts --sentences ${args.sentences} --dtype ${args.dtype}${shapeArgs.length ? ` ${shapeArgs.join(' ')}` : ''}\` (load average at start ${load}${ok ? '' : '; A RUN FAILED'})`,
      `- first run: ${first.seconds.toFixed(1)} s, peak RSS ${first.peakMiB.toFixed(0)} MiB (/usr/bin/time -v) — target < 1536 MiB: ${first.peakMiB < 1536 ? 'met' : 'NOT met'}`,
      `  (${first.summary})`,
      `- fully cached rerun: ${rerun.seconds.toFixed(1)} s, peak RSS ${rerun.peakMiB.toFixed(0)} MiB: ${(first.seconds / rerun.seconds).toFixed(1)}x faster (no session is loaded when nothing is left to translate)`,
    ].join('\n'),
  );
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
