// Where the decoder's time goes: onnxruntime's per-operator profile of the greedy loop (64 sentences,
// batches of 16, 32 forced steps, one thread), for the derived int8 decoder and the export's q8 one.
// Used to find what the int8 rewrite should not do (docs/translation.md, "Speed of the int8 graph").
//
//   npx tsx bench/translate-profile.ts [--model models/opus-mt-fr-en-random]
import * as ort from 'onnxruntime-node';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, resolveModel } from '../src/translate/model.ts';
import { readMarianSettings } from '../src/translate/marian-config.ts';
import { loadTokenizer } from '../src/translate/tokenizer.ts';
import { encodeBatch, decodeGreedy } from '../src/translate/greedy.ts';
import { sessionOptions } from '../src/translate/sessions.ts';
import { distinctSentences, seedSentences } from './lib/sentences.ts';
const at = process.argv.indexOf('--model');
const folder = at > 0 ? path.resolve(process.argv[at + 1] as string) : path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-random');
const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), 64);
for (const dtype of ['int8', 'q8'] as const) {
  const model = await resolveModel({ modelPath: folder, dtype, offline: true });
  const settings = readMarianSettings(model.files);
  const tok = await loadTokenizer(model);
  const opts = { ...sessionOptions({ threads: 1, memArena: false, prepacking: true }), enableProfiling: true, profileFilePrefix: path.join(mkdtempSync('/tmp/prof-'), dtype) };
  const enc = await ort.InferenceSession.create(model.files.encoder, sessionOptions({ threads: 1, memArena: false, prepacking: true }));
  const dec = await ort.InferenceSession.create(model.files.decoder, opts);
  const t0 = performance.now();
  for (let b = 0; b < 64; b += 16) {
    const inputs = sentences.slice(b, b + 16).map((s) => tok.encode(s));
    const encoded = await encodeBatch(enc, settings, inputs);
    await decodeGreedy(dec, settings, encoded, { maxNewTokens: inputs.map(() => 32), forceSteps: 32, noScores: true });
  }
  const wall = performance.now() - t0;
  dec.endProfiling();
  const dir = path.dirname(opts.profileFilePrefix);
  const file = path.join(dir, readdirSync(dir)[0] as string);
  const events = JSON.parse(readFileSync(file, 'utf8')) as { cat: string; name: string; dur: number; args?: { op_name?: string } }[];
  const byOp = new Map<string, number>();
  let total = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
    const op = e.args?.op_name ?? '?';
    byOp.set(op, (byOp.get(op) ?? 0) + e.dur);
    total += e.dur;
  }
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').reduce((s, e) => s + e.dur, 0);
  // Kernel times nest: an If's time includes the kernels of the branch it ran.
  console.log(`${dtype}: wall ${wall.toFixed(0)} ms, decoder model_run ${(runs / 1000).toFixed(0)} ms, kernels ${(total / 1000).toFixed(0)} ms (If included)`);
  console.log([...byOp].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([op, us]) => `  ${op} ${(us / 1000).toFixed(0)}`).join('\n'));
  await enc.release();
  await dec.release();
}
