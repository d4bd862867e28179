// The reference engine: transformers.js `generate` (greedy) over the same files. Slower; used to check
// the own loop token for token and as the baseline of the benchmark.
import type { Tensor } from '@huggingface/transformers';
import path from 'node:path';
import { configureTransformersEnv } from './download.ts';
import { DEFAULT_LENGTH_CAP, maxNewTokens, outputFlags, type GenerationSettings, type TranslationOutput, type Translator } from './engine.ts';
import { readMarianSettings } from './marian-config.ts';
import { sourceDtype, type ResolvedModel } from './model.ts';

export interface ReferenceEngineOptions {
  /** intraOpNumThreads of the model's sessions. Default 1. */
  readonly threads?: number;
  readonly generation?: GenerationSettings;
}

interface Seq2SeqModel {
  generate(inputs: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<unknown>;
}

export async function createReferenceTranslator(model: ResolvedModel, options: ReferenceEngineOptions = {}): Promise<Translator> {
  const generation = options.generation ?? { lengthCap: DEFAULT_LENGTH_CAP };
  const settings = readMarianSettings(model.files);
  const { AutoModelForSeq2SeqLM, AutoTokenizer } = await configureTransformersEnv(path.dirname(model.path), false);
  const tokenizer = await AutoTokenizer.from_pretrained(model.path, { local_files_only: true });
  const seq2seq = (await AutoModelForSeq2SeqLM.from_pretrained(model.path, {
    local_files_only: true,
    // transformers.js cannot run fralign's derived int8 files: an int8 model is referenced by its fp32 source.
    dtype: sourceDtype(model.dtype),
    device: 'cpu',
    session_options: { intraOpNumThreads: options.threads ?? 1, interOpNumThreads: 1 },
  })) as unknown as Seq2SeqModel;

  return {
    name: 'transformers-generate',
    maxSourceTokens: settings.maxPositions,
    parallelism: 1,
    countTokens: (text) => tokenizer.encode(text).length,
    async translate(batch: readonly string[]): Promise<TranslationOutput[]> {
      if (batch.length === 0) return [];
      const lengths = batch.map((text) => tokenizer.encode(text).length);
      const budgets = lengths.map((n) => {
        const budget = maxNewTokens(n, generation.lengthCap, settings.maxPositions);
        return generation.forceSteps === undefined ? budget : Math.min(budget, generation.forceSteps);
      });
      // One budget per call: decode to the largest and cut each row to its own budget afterwards.
      // Greedy decoding is causal, so the first k tokens do not depend on how far decoding goes.
      const longest = Math.max(...budgets);
      const inputs = tokenizer([...batch], { padding: true });
      const output = (await seq2seq.generate({
        ...inputs,
        max_new_tokens: longest,
        ...(generation.forceSteps === undefined ? {} : { min_new_tokens: longest }),
        do_sample: false,
        num_beams: 1,
        // Marian's config forces the end token at max_length, which would replace the last token at
        // the cap; fralign cuts and flags instead (like the own loop), so switch that off.
        forced_eos_token_id: null,
      })) as Tensor;
      const rows = output.tolist() as bigint[][];
      return rows.map((row, i) => {
        const ids: number[] = [];
        let ended = false;
        // Position 0 is the decoder start token.
        for (const value of row.slice(1)) {
          if (ids.length >= (budgets[i] as number)) break;
          const id = Number(value);
          if (id === settings.eosTokenId && generation.forceSteps === undefined) {
            ended = true;
            break;
          }
          // Rows that ended early are padded after their end token.
          ids.push(id);
        }
        const capped = generation.forceSteps === undefined && !ended && ids.length >= (budgets[i] as number);
        return { en: tokenizer.decode(ids, { skip_special_tokens: true }), flags: outputFlags(ids, capped), tokenIds: ids };
      });
    },
    async close(): Promise<void> {
      await seq2seq.dispose();
    },
  };
}
