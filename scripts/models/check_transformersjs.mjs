// Acceptance check for generated model folders: load them with @huggingface/transformers offline
// and compare greedy translations with the expected English.
//
//   node scripts/models/check_transformersjs.mjs tiny [folder] [pairs.tsv]
//     fp32 must reproduce every pair exactly one at a time through the pipeline and in batches through
//     `generate` cut at the first end token; q8 agreement and raw pipeline batches are reported.
//   node scripts/models/check_transformersjs.mjs random [folder]
//     loads an opus-random folder and times batches of 8 seed sentences (the output is meaningless).
//
// Run from the repository root. Exit code 0 = pass, 1 = mismatch, 2 = usage/load error.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const [mode = 'tiny', folderArg, pairsArg] = process.argv.slice(2);
const folder = path.resolve(
  folderArg ?? (mode === 'tiny' ? 'test/fixtures/models/tiny-marian' : 'models/opus-mt-fr-en-random'),
);

// Offline: resolve the model id as a folder under localModelPath, never from a hub.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(folder) + path.sep;
const modelId = path.basename(folder);

const load = (dtype) => pipeline('translation', modelId, { dtype, device: 'cpu' });
const texts = (out) => out.map((o) => o.translation_text);

/**
 * transformers.js 4.3 `generate` keeps decoding rows that already produced the end token (it only
 * stops when every row has), and the pipeline's decode drops the end token, so whatever a row
 * generates after its end leaks into the text. This runs `generate` and cuts each row at its first
 * end token, as fralign's engines do, to tell model problems from that behaviour.
 */
async function generateCut(translator, batch) {
  const { eos_token_id: eos } = translator.model.config;
  const inputs = translator.tokenizer(batch, { padding: true });
  const output = await translator.model.generate({ ...inputs, do_sample: false, num_beams: 1 });
  return output.tolist().map((row) => {
    const ids = row.slice(1).map(Number);
    const end = ids.indexOf(eos);
    return translator.tokenizer.decode(end === -1 ? ids : ids.slice(0, end), { skip_special_tokens: true });
  });
}

async function checkTiny() {
  const pairsFile = path.resolve(pairsArg ?? 'test/fixtures/tiny-pairs.tsv');
  const pairs = readFileSync(pairsFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
  const french = pairs.map(([fr]) => fr);
  const english = pairs.map(([, en]) => en);
  let failed = false;
  for (const dtype of ['fp32', 'q8']) {
    const translator = await load(dtype);
    const started = performance.now();
    const single = [];
    for (const fr of french) single.push(texts(await translator(fr))[0]);
    const singleMs = performance.now() - started;
    const batched = [];
    const batchSize = 8;
    const batchStarted = performance.now();
    for (let i = 0; i < french.length; i += batchSize) {
      batched.push(...texts(await translator(french.slice(i, i + batchSize))));
    }
    const batchMs = performance.now() - batchStarted;
    const all = texts(await translator(french));
    const cut = [];
    for (let i = 0; i < french.length; i += batchSize) cut.push(...(await generateCut(translator, french.slice(i, i + batchSize))));
    const cutAll = await generateCut(translator, french);
    const exact = single.filter((en, i) => en === english[i]).length;
    const batchSame = batched.filter((en, i) => en === single[i]).length;
    const allSame = all.filter((en, i) => en === single[i]).length;
    const cutExact = cut.filter((en, i) => en === english[i]).length;
    const cutAllExact = cutAll.filter((en, i) => en === english[i]).length;
    const n = pairs.length;
    console.log(
      `${dtype}: pipeline one-by-one exact ${exact}/${n} (${singleMs.toFixed(0)} ms); ` +
        `pipeline batches of ${batchSize} equal to one-by-one ${batchSame}/${n} (${batchMs.toFixed(0)} ms), ` +
        `one batch of ${n}: ${allSame}/${n}; ` +
        `generate cut at first end token: batches of ${batchSize} exact ${cutExact}/${n}, one batch of ${n} exact ${cutAllExact}/${n}`,
    );
    const mismatches = single.map((en, i) => [i, en]).filter(([i, en]) => en !== english[i]);
    for (const [i, en] of mismatches.slice(0, 5)) {
      console.log(`  line ${i + 1}: expected ${JSON.stringify(english[i])}\n           got      ${JSON.stringify(en)}`);
    }
    // Pipeline batches are reported, not required (see generateCut); cut batches must be exact.
    if (dtype === 'fp32' && (exact !== n || cutExact !== n || cutAllExact !== n)) {
      failed = true;
    }
    await translator.dispose();
  }
  return failed ? 1 : 0;
}

async function checkRandom() {
  const seeds = readdirSync('seeds')
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => readFileSync(path.join('seeds', name), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 20)
    .slice(0, 8)
    .map((line) => line.slice(0, 200));
  for (const dtype of ['fp32', 'q8']) {
    const loadStarted = performance.now();
    const translator = await load(dtype);
    const loadMs = performance.now() - loadStarted;
    for (const maxNewTokens of [16, 64]) {
      const started = performance.now();
      const out = texts(await translator(seeds, { max_new_tokens: maxNewTokens }));
      const ms = performance.now() - started;
      console.log(
        `${dtype}: load ${loadMs.toFixed(0)} ms; batch of ${seeds.length}, max_new_tokens ${maxNewTokens}: ` +
          `${ms.toFixed(0)} ms; first output ${JSON.stringify(out[0].slice(0, 60))}`,
      );
    }
    await translator.dispose();
  }
  return 0;
}

try {
  process.exitCode = mode === 'tiny' ? await checkTiny() : await checkRandom();
} catch (error) {
  console.error(`check_transformersjs: could not run ${mode} on ${folder}: ${error?.stack ?? error}`);
  process.exitCode = 2;
}
