// Translation speed benchmark on a model with opus-mt-fr-en's architecture and random weights.
// Every sentence decodes exactly STEPS tokens (end-of-sentence ignored), so runs compare equal work.
//
//   npx tsx bench/translate.ts [--model models/opus-mt-fr-en-random] [--sentences 200] [--steps 32]
//                              [--repeats 3] [--quick] [--out bench/RESULTS-translate.md]
//
// Make the model first (offline, Python): python3 scripts/models/make_models.py opus-random --out models/opus-mt-fr-en-random
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TranslationCache } from '../src/translate/cache.ts';
import type { GenerationSettings, Translator } from '../src/translate/engine.ts';
import { PROJECT_ROOT, resolveModel, type ModelDtype, type ResolvedModel } from '../src/translate/model.ts';
import { createOrtTranslator, DEFAULT_ORT_CONCURRENCY, DEFAULT_ORT_THREADS } from '../src/translate/ort-engine.ts';
import { createReferenceTranslator } from '../src/translate/reference-engine.ts';
import { DEFAULT_BATCH_SIZE, translateSegments } from '../src/translate/stage.ts';
import { asSegments, distinctSentences, seedSentences } from './lib/sentences.ts';
import { machineLine, median, peakRssMiB, timeRuns } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-random') },
    sentences: { type: 'string', default: '200' },
    steps: { type: 'string', default: '32' },
    repeats: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'RESULTS-translate.md') },
    /** Internal: run one engine shape once and print peak RSS as JSON (spawned by the parent). */
    'rss-child': { type: 'boolean', default: false },
    /** With --rss-child: decode workers and threads per session (default: the engine's defaults). */
    concurrency: { type: 'string', default: String(DEFAULT_ORT_CONCURRENCY) },
    threads: { type: 'string', default: String(DEFAULT_ORT_THREADS) },
  },
});

const STEPS = Number(args.steps);
const REPEATS = Number(args.repeats);
const COUNT = Number(args.sentences);
const generation: GenerationSettings = { lengthCap: { base: STEPS, perSourceToken: 0 }, forceSteps: STEPS };

interface Row {
  readonly name: string;
  readonly sentencesPerS: number;
  readonly tokensPerS: number;
  readonly times: readonly number[];
}

/** Feeds the sentences through `translator` in batches, as the stage would (in-memory cache, no dedupe hits). */
async function runStage(translator: Translator, sentences: readonly string[], batchSize: number): Promise<void> {
  await translateSegments(asSegments(sentences), { translator, batchSize });
}

async function measure(name: string, make: () => Promise<Translator>, sentences: readonly string[], batchSize: number, repeats = REPEATS): Promise<Row> {
  const translator = await make();
  try {
    await runStage(translator, sentences.slice(0, Math.min(16, sentences.length)), batchSize); // warm-up
    const times = await timeRuns(repeats, () => runStage(translator, sentences, batchSize));
    const t = median(times);
    const row = { name, sentencesPerS: sentences.length / t, tokensPerS: (sentences.length * STEPS) / t, times };
    console.error(`${name}: ${row.sentencesPerS.toFixed(1)} sentences/s (${times.map((x) => x.toFixed(2)).join(', ')} s)`);
    return row;
  } finally {
    await translator.close();
  }
}

async function loadModel(dtype: ModelDtype): Promise<ResolvedModel> {
  return resolveModel({ modelPath: args.model, dtype, offline: true });
}

async function rssChild(sentences: readonly string[]): Promise<void> {
  const model = await loadModel('fp32');
  const translator = await createOrtTranslator(model, { concurrency: Number(args.concurrency), threads: Number(args.threads), generation });
  await runStage(translator, sentences, DEFAULT_BATCH_SIZE);
  await translator.close();
  console.log(JSON.stringify({ peakRssMiB: peakRssMiB() }));
}

function table(rows: readonly Row[]): string {
  const lines = ['| configuration | sentences/s | tokens/s | runs (s) |', '| --- | ---: | ---: | --- |'];
  for (const row of rows) lines.push(`| ${row.name} | ${row.sentencesPerS.toFixed(1)} | ${row.tokensPerS.toFixed(0)} | ${row.times.map((t) => t.toFixed(2)).join(', ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(args.model)) {
    console.error(`bench/translate: no model at ${args.model}; make it with\n  python3 scripts/models/make_models.py opus-random --out models/opus-mt-fr-en-random`);
    process.exitCode = 2;
    return;
  }
  const loadAtStart = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), COUNT);
  if (args['rss-child']) return rssChild(sentences);

  const fp32 = await loadModel('fp32');
  const q8 = await loadModel('q8').catch(() => undefined);
  const ort = (model: ResolvedModel, concurrency: number, threads: number) => () => createOrtTranslator(model, { concurrency, threads, generation });
  const reference = (model: ResolvedModel) => () => createReferenceTranslator(model, { threads: 2, generation });

  const rows: Row[] = [];
  // The naive baseline is slow: fewer sentences, one run.
  const naiveCount = Math.min(sentences.length, args.quick ? 8 : 24);
  rows.push(await measure(`transformers.js generate, one sentence at a time (fp32, ${naiveCount} sentences, 1 run)`, reference(fp32), sentences.slice(0, naiveCount), 1, 1));
  const generate8 = await measure('transformers.js generate, batch 8 (fp32, 2 threads)', reference(fp32), sentences, 8);
  rows.push(generate8);
  const defaults = await measure(
    `**fralign defaults**: own loop fp32, batch ${DEFAULT_BATCH_SIZE}, ${DEFAULT_ORT_CONCURRENCY} worker(s) x ${DEFAULT_ORT_THREADS} thread(s)`,
    ort(fp32, DEFAULT_ORT_CONCURRENCY, DEFAULT_ORT_THREADS),
    sentences,
    DEFAULT_BATCH_SIZE,
  );
  rows.push(defaults);

  const sweep: Row[] = [];
  const batches = args.quick ? [8, 32] : [8, 16, 32, 64];
  // [decode workers, intra-op threads per session]; the encoder always runs on the main thread.
  const shapes: [number, number][] = [[2, 1], [1, 2], [1, 1]];
  for (const batch of batches) {
    for (const [concurrency, threads] of shapes) {
      sweep.push(await measure(`own loop fp32, batch ${batch}, ${concurrency} worker(s) x ${threads} thread(s)`, ort(fp32, concurrency, threads), sentences, batch));
    }
  }
  if (q8) {
    sweep.push(await measure('own loop q8, batch 1, 2 workers x 1 thread (the only q8 mode fralign allows)', ort(q8, 2, 1), sentences, 1));
    sweep.push(await measure('own loop q8, batch 16, 2 workers x 1 thread (batch-dependent; not allowed)', ort(q8, 2, 1), sentences, 16));
  }

  // Batch independence: tokens of each sentence decoded in batches of 16 vs one at a time.
  const reproducibility: string[] = [];
  const sample = sentences.slice(0, args.quick ? 16 : 64);
  for (const [label, model] of [['fp32', fp32], ['q8', q8]] as const) {
    if (!model) continue;
    const translator = await createOrtTranslator(model, { generation });
    const batched: number[][] = [];
    for (let i = 0; i < sample.length; i += 16) batched.push(...(await translator.translate(sample.slice(i, i + 16))).map((o) => [...o.tokenIds]));
    let tokens = 0;
    let differing = 0;
    let sentencesDiffering = 0;
    for (const [i, text] of sample.entries()) {
      const [alone] = await translator.translate([text]);
      const a = alone?.tokenIds ?? [];
      const b = batched[i] ?? [];
      const diff = a.filter((id, k) => id !== b[k]).length + Math.abs(a.length - b.length);
      tokens += a.length;
      differing += diff;
      if (diff > 0) sentencesDiffering++;
    }
    await translator.close();
    reproducibility.push(`- ${label}: ${differing} of ${tokens} tokens (${sentencesDiffering} of ${sample.length} sentences) differ between batch 16 and one at a time`);
    console.error(reproducibility.at(-1));
  }

  // Cached rerun: same sentences, persistent cache, engine already loaded (the stage's own cost).
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'fralign-bench-'));
  const translator = await createOrtTranslator(fp32, { generation });
  const segments = asSegments(sentences);
  const started = performance.now();
  await translateSegments(segments, { translator, cache: TranslationCache.open(cacheDir, 'bench') });
  const firstS = (performance.now() - started) / 1000;
  const rerunTimes = await timeRuns(REPEATS, () => translateSegments(segments, { translator, cache: TranslationCache.open(cacheDir, 'bench') }));
  await translator.close();
  rmSync(cacheDir, { recursive: true, force: true });
  const rerunS = median(rerunTimes);

  // Peak RSS of each engine shape alone (load + one pass at the default batch size), in a fresh process.
  const rssOf = (concurrency: number, threads: number): number => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, '--rss-child', '--model', args.model, '--sentences', String(COUNT), '--steps', String(STEPS), '--concurrency', String(concurrency), '--threads', String(threads)],
      { encoding: 'utf8' },
    );
    return child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').pop() as string) as { peakRssMiB: number }).peakRssMiB : NaN;
  };
  const rssRows = shapes.map(([concurrency, threads]) => `- ${concurrency} worker(s) x ${threads} thread(s): ${rssOf(concurrency, threads).toFixed(0)} MiB`);
  const rss = rssOf(DEFAULT_ORT_CONCURRENCY, DEFAULT_ORT_THREADS);

  console.error(rssRows.join('\n'));
  const speedup = defaults.sentencesPerS / generate8.sentencesPerS;
  const goals = [
    `- defaults >= 40 sentences/s at ${STEPS} tokens: ${defaults.sentencesPerS.toFixed(1)} — ${defaults.sentencesPerS >= 40 ? 'met' : 'NOT met'}`,
    `- defaults >= 4x transformers.js generate at batch 8 (same run): ${speedup.toFixed(2)}x — ${speedup >= 4 ? 'met' : 'NOT met'}`,
    `- peak RSS of the defaults (fresh process) < 1.5 GB: ${rss.toFixed(0)} MiB — ${rss < 1536 ? 'met' : 'NOT met'}`,
    `- cached rerun >= 50x faster than the first run: first ${firstS.toFixed(2)} s, rerun median ${(rerunS * 1000).toFixed(1)} ms, ${(firstS / rerunS).toFixed(0)}x — ${firstS / rerunS >= 50 ? 'met' : 'NOT met'}`,
  ];
  const report = [
    '# Translation benchmark',
    '',
    `Command: \`npx tsx bench/translate.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``,
    '',
    `Machine: ${machineLine()}. Load average (1/5/15 min) at start: ${loadAtStart}; at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} (a load above ~0.5 before the run means other processes shared the cores: figures are then lower bounds).`,
    '',
    `Model: \`${path.relative(PROJECT_ROOT, fp32.path)}\` (opus-mt-fr-en's architecture, random weights), ${sentences.length} distinct seed-derived sentences,`,
    `exactly ${STEPS} decoder steps per sentence (end-of-sentence ignored), median of ${REPEATS} runs after a warm-up; tokens/s = sentences x ${STEPS} / time.`,
    '',
    '## Goals',
    '',
    ...goals,
    '',
    '## Baselines and defaults',
    '',
    table(rows),
    '',
    '## Sweep: batch size x decode workers x threads per session',
    '',
    table(sweep),
    '',
    '## Batch independence (why q8 runs one sentence per batch)',
    '',
    ...reproducibility,
    '',
    '## Peak RSS per engine shape (fresh process: load, then one pass at the default batch size)',
    '',
    ...rssRows,
    '',
    `Peak RSS of this whole benchmark process (all configurations, both dtypes loaded at times): ${peakRssMiB().toFixed(0)} MiB.`,
    '',
  ].join('\n');
  writeFileSync(args.out, report);
  console.error(`wrote ${args.out}`);
  console.error(goals.join('\n'));
}

await main();
