// Speed and memory of beam search (`--beams N`) beside greedy, in one run, on the default int8
// weights and engine shape. Each configuration runs in a fresh child process (load, warm-up, then
// the timed passes), so its peak RSS (VmHWM) is its own.
//
//   npx tsx bench/translate-beams.ts [--model models/opus-mt-fr-en-diverse] [--sentences 64] [--repeats 3] [--beams 1,2,4]
//
// Two models: the opus-mt-shaped random one (the real model's size; random weights never produce an
// end token, so every hypothesis runs to the length cap, 16 + 1.5 x source tokens: the most work a
// sentence can cost) and the committed tiny model (real end tokens, so the early-stop rules count).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LENGTH_CAP, type Translator } from '../src/translate/engine.ts';
import { PROJECT_ROOT, resolveModel } from '../src/translate/model.ts';
import { createOrtTranslator } from '../src/translate/ort-engine.ts';
import { DEFAULT_BATCH_SIZE, translateSegments } from '../src/translate/stage.ts';
import { asSegments, distinctSentences, seedSentences } from './lib/sentences.ts';
import { machineLine, median, peakRssMiB, timeRuns } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-diverse') },
    tiny: { type: 'string', default: path.join(PROJECT_ROOT, 'test', 'fixtures', 'models', 'tiny-marian') },
    sentences: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '3' },
    beams: { type: 'string', default: '1,2,4' },
    /** Internal: measure one (model, beams) in this process and print JSON. */
    child: { type: 'string' },
  },
});

interface Measured {
  readonly times: number[];
  readonly peakMiB: number;
  readonly capped: number;
}

async function child(folder: string, beams: number, sentences: readonly string[]): Promise<Measured> {
  const model = await resolveModel({ modelPath: folder, dtype: 'int8', offline: true });
  const translator: Translator = await createOrtTranslator(model, { generation: { lengthCap: DEFAULT_LENGTH_CAP, ...(beams > 1 ? { beams } : {}) } });
  try {
    const run = () => translateSegments(asSegments(sentences), { translator, batchSize: DEFAULT_BATCH_SIZE });
    await translateSegments(asSegments(sentences.slice(0, 8)), { translator, batchSize: DEFAULT_BATCH_SIZE }); // warm-up
    let out = await run();
    const times = await timeRuns(Number(args.repeats), async () => (out = await run()));
    return { times, peakMiB: peakRssMiB(), capped: out.filter((s) => s.en_flags?.includes('length-cap')).length };
  } finally {
    await translator.close();
  }
}

function spawnChild(folder: string, beams: number): Measured | string {
  const result = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, '--child', `${folder}::${beams}`, '--sentences', args.sentences, '--repeats', args.repeats], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) return `failed (exit ${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`;
  return JSON.parse(last) as Measured;
}

async function main(): Promise<void> {
  const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), Number(args.sentences));
  if (args.child) {
    const [folder, beams] = args.child.split('::') as [string, string];
    console.log(JSON.stringify(await child(folder, Number(beams), sentences)));
    return;
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    `Command: \`npx tsx bench/translate-beams.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``,
    `Machine: ${machineLine()}; load average at start ${load}. int8 weights, default engine shape, batch ${DEFAULT_BATCH_SIZE}, ${sentences.length} seed sentences, median of ${args.repeats} timed passes after a warm-up, each configuration in a fresh process (peak RSS = VmHWM).`,
    '',
    '| model | beams | sentences/s | time vs greedy | peak RSS MiB | RSS vs greedy | capped | runs (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const beamList = args.beams.split(',').map(Number);
  for (const folder of [args.model, args.tiny]) {
    if (!existsSync(path.join(folder, 'onnx', 'decoder_model_merged.onnx'))) {
      lines.push(`| ${path.relative(PROJECT_ROOT, folder)} | — | not measured: no model there (docs/test-models.md) | | | | | |`);
      continue;
    }
    let greedy: Measured | undefined;
    for (const beams of beamList) {
      const m = spawnChild(folder, beams);
      const name = path.relative(PROJECT_ROOT, folder);
      if (typeof m === 'string') {
        lines.push(`| ${name} | ${beams} | ${m} | | | | | |`);
        continue;
      }
      if (beams === 1) greedy = m;
      const t = median(m.times);
      const vs = greedy ? `${(t / median(greedy.times)).toFixed(2)}x` : '—';
      const rss = greedy ? `${(m.peakMiB / greedy.peakMiB).toFixed(2)}x` : '—';
      lines.push(`| ${name} | ${beams} | ${(sentences.length / t).toFixed(1)} | ${vs} | ${m.peakMiB.toFixed(0)} | ${rss} | ${m.capped}/${sentences.length} | ${m.times.map((x) => x.toFixed(2)).join(', ')} |`);
      console.error(lines.at(-1));
    }
  }
  lines.push('', `Load average when done: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}.`);
  console.log(lines.join('\n'));
}

await main();
