// One engine configuration in a fresh process: load, warm up on 16 sentences, time one pass over N
// sentences at exactly 32 decoder steps each, and print speed and memory as one JSON line. The
// memory choices in docs/translation.md were measured with it (peak RSS via getrusage maxRSS, which
// is fine here: the parent is the small tsx launcher, not a loaded benchmark).
//
//   npx tsx bench/lib/probe-engine.ts WORKERS THREADS BATCH PREPACK(0|1) ARENA(0|1) SENTENCES [DTYPE]
//   e.g. npx tsx bench/lib/probe-engine.ts 2 1 16 1 0 128 int8     (DTYPE: int8 (default), fp32, q8)
import path from 'node:path';
import { PROJECT_ROOT, resolveModel, type ModelDtype } from '../../src/translate/model.ts';
import { createOrtTranslator } from '../../src/translate/ort-engine.ts';
import { translateSegments } from '../../src/translate/stage.ts';
import { asSegments, distinctSentences, seedSentences } from './sentences.ts';

const [workers, threads, batch, prepack, arena, count] = process.argv.slice(2, 8).map(Number) as [number, number, number, number, number, number];
const dtype = (process.argv[8] ?? 'int8') as ModelDtype;
const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
const model = await resolveModel({ modelPath: path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-random'), offline: true, dtype });
const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), count);
const translator = await createOrtTranslator(model, {
  concurrency: workers,
  threads,
  prepacking: prepack === 1,
  memArena: arena === 1,
  generation: { lengthCap: { base: 32, perSourceToken: 0 }, forceSteps: 32 },
});
const peakAfterLoad = process.resourceUsage().maxRSS / 1024;
const rssAfterLoad = mib(process.memoryUsage().rss);
await translateSegments(asSegments(sentences.slice(0, 16)), { translator, batchSize: batch });
const started = performance.now();
await translateSegments(asSegments(sentences), { translator, batchSize: batch });
const seconds = (performance.now() - started) / 1000;
const rssBeforeClose = mib(process.memoryUsage().rss);
await translator.close();
console.log(
  JSON.stringify({
    dtype, workers, threads, batch, prepack, arena, sentences: count,
    sentencesPerS: +(count / seconds).toFixed(1),
    seconds: +seconds.toFixed(2),
    peakAfterLoadMiB: Math.round(peakAfterLoad),
    rssAfterLoadMiB: rssAfterLoad,
    rssBeforeCloseMiB: rssBeforeClose,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
