// The Marian tokenizer, loaded by transformers.js from the resolved folder (never from the network).
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { configureTransformersEnv } from './download.ts';
import type { ResolvedModel } from './model.ts';

export interface MarianTokenizer {
  /** Source ids, end token included. */
  encode(text: string): number[];
  /** Text of generated ids, special tokens removed. */
  decode(ids: readonly number[]): string;
}

export async function loadTokenizer(model: ResolvedModel): Promise<MarianTokenizer> {
  // An absolute folder is not a valid Hub id, so transformers.js reads it as a path.
  const { AutoTokenizer } = await configureTransformersEnv(path.dirname(model.path), false);
  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(model.path, { local_files_only: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${model.files.tokenizer}: cannot load the tokenizer (${detail}); re-fetch the model with \`fralign fetch-model\``, { cause: error });
  }
  return {
    encode: (text) => tokenizer.encode(text),
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
  };
}
