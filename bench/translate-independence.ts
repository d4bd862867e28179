// Batch-independence check on its own (a few minutes, the translate bench's check without the speed
// rows): the same sentences decoded at batch 1, 7 and 16, in input, shuffled and reversed order, must
// give identical tokens. Run it on the diverse model (bench/translate.ts says how to make it): on the
// random one every sentence decodes to the same tokens and the check cannot fail.
//
//   npx tsx bench/translate-independence.ts [--model models/opus-mt-fr-en-diverse] [--dtype int8] [--sentences 200] [--steps 32]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, resolveModel, type ModelDtype } from '../src/translate/model.ts';
import { createOrtTranslator } from '../src/translate/ort-engine.ts';
import { batchIndependence, independenceLine } from './lib/independence.ts';
import { distinctSentences, seedSentences } from './lib/sentences.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(PROJECT_ROOT, 'models', 'opus-mt-fr-en-diverse') },
    dtype: { type: 'string', default: 'int8' },
    sentences: { type: 'string', default: '200' },
    steps: { type: 'string', default: '32' },
  },
});
const steps = Number(args.steps);
const sentences = distinctSentences(await seedSentences(PROJECT_ROOT), Number(args.sentences));
const model = await resolveModel({ modelPath: args.model, dtype: args.dtype as ModelDtype, offline: true });
const translator = await createOrtTranslator(model, { generation: { lengthCap: { base: steps, perSourceToken: 0 }, forceSteps: steps } });
const variants = [[7, 'input'], [16, 'shuffled'], [16, 'reversed']] as const;
const result = await batchIndependence(`${path.basename(args.model)}, ${args.dtype}`, translator, sentences, variants);
await translator.close();
console.log(independenceLine(result));
process.exitCode = result.differingTokens === 0 ? 0 : 1;
