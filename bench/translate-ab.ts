// Interleaved A/B of the goal rows (a few minutes): the int8 default, the raw per-tensor q8 loop
// (the ceiling) and int8 without en_score, each run ROUNDS times in alternating order in one process,
// so a change in machine load hits all three alike (bench/translate.ts measures them back to back,
// and on a shared machine its first row now and then pays for a slow window: 0.66 and 0.87 there,
// docs/translation.md).
//
//   npx tsx bench/translate-ab.ts [SENTENCES=200] [ROUNDS=5]
import path from 'node:path';
import os from 'node:os';
import { PROJECT_ROOT, resolveModel } from '../src/translate/model.ts';
import { createOrtTranslator } from '../src/translate/ort-engine.ts';
import { translateSegments } from '../src/translate/stage.ts';
import { asSegments, distinctSentences, seedSentences } from './lib/sentences.ts';
const N = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);
const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), N);
const generation = { lengthCap: { base: 32, perSourceToken: 0 }, forceSteps: 32 };
const folder = path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-random');
const int8 = await resolveModel({ modelPath: folder, dtype: 'int8', offline: true });
const q8 = await resolveModel({ modelPath: folder, dtype: 'q8', offline: true });
const configs = [
  ['int8 2x1 (default, en_score)', () => createOrtTranslator(int8, { concurrency: 2, threads: 1, generation })],
  ['q8 raw 2x1 (ceiling, no en_score)', () => createOrtTranslator(q8, { concurrency: 2, threads: 1, generation, noScores: true })],
  ['int8 2x1 no en_score', () => createOrtTranslator(int8, { concurrency: 2, threads: 1, generation, noScores: true })],
] as const;
const times: Record<string, number[]> = {};
const translators: (readonly [string, Awaited<ReturnType<(typeof configs)[number][1]>>])[] = [];
for (const [name, make] of configs) {
  const t = await make();
  translators.push([name, t] as const);
  await translateSegments(asSegments(sentences.slice(0, 16)), { translator: t, batchSize: 16 }); // warm-up
}
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? translators : [...translators].reverse();
  for (const [name, t] of order) {
    const start = performance.now();
    await translateSegments(asSegments(sentences), { translator: t, batchSize: 16 });
    (times[name] ??= []).push((performance.now() - start) / 1000);
  }
}
const med = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (const [name] of configs) {
  const runs = times[name] ?? [];
  console.log(`${name}: ${(N / med(runs)).toFixed(1)} sentences/s (median of ${runs.length}), runs ${runs.map((x) => x.toFixed(2)).join(', ')} s`);
}
const ratio = med(times[configs[1][0]] ?? []) / med(times[configs[0][0]] ?? []);
console.log(`int8 default / q8 ceiling: ${ratio.toFixed(2)} (target >= 0.85)`);
console.log(`load average when done: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
for (const [, t] of translators) await t.close();
