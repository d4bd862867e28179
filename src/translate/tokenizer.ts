// The Marian tokenizer, loaded by transformers.js from the resolved folder (never from the network).
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { FralignError } from '../errors.ts';
import { refetchAdvice } from './advice.ts';
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
  // transformers.js parses tokenizer.json from a buffer and, for an empty or cut file, quotes
  // bytes that are not the file's: read it here first, so the message is about the file.
  let text: string;
  try {
    text = await readFile(model.files.tokenizer, 'utf8');
  } catch (error) {
    throw new FralignError('MODEL_INVALID', `${model.files.tokenizer}: cannot read the tokenizer (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${refetchAdvice(model.files.tokenizer)}`, { cause: error });
  }
  if (text.trim() === '') throw new FralignError('MODEL_INVALID', `${model.files.tokenizer}: empty file (${Buffer.byteLength(text)} bytes); expected the tokenizer's JSON; ${refetchAdvice(model.files.tokenizer)}`);
  try {
    JSON.parse(text);
  } catch (error) {
    throw new FralignError('MODEL_INVALID', `${model.files.tokenizer}: not valid JSON (${(error as Error).message.slice(0, 120)}; ${Buffer.byteLength(text)} bytes, cut short?); ${refetchAdvice(model.files.tokenizer)}`, { cause: error });
  }
  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(model.path, { local_files_only: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${model.files.tokenizer}: cannot load the tokenizer (${detail}); ${refetchAdvice(model.files.tokenizer)}`, { cause: error });
  }
  return {
    encode: (text) => tokenizer.encode(text),
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
  };
}
