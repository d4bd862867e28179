// The few numbers the own decoding loop needs from config.json / generation_config.json, checked
// once so a wrong folder fails with a clear MODEL_INVALID instead of a shape error mid-run.
import { readFileSync } from 'node:fs';
import { FralignError } from '../errors.ts';
import { refetchAdvice } from './advice.ts';
import type { ModelFiles } from './model.ts';

export interface MarianSettings {
  readonly decoderStartTokenId: number;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  /** Tokens greedy decoding must never pick (Marian forbids its pad token via bad_words_ids). */
  readonly forbiddenTokenIds: readonly number[];
  /** Longest sequence the position embeddings cover, source and target alike. */
  readonly maxPositions: number;
  readonly decoderLayers: number;
  readonly decoderHeads: number;
  readonly headDim: number;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FralignError('MODEL_INVALID', `${file}: cannot read JSON (${detail}); ${refetchAdvice(file)}`);
  }
}

function intField(source: Record<string, unknown>, key: string, file: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new FralignError('MODEL_INVALID', `${file}: expected integer "${key}", got ${JSON.stringify(value)}; is this a MarianMT config?`);
  }
  return value;
}

/** Reads the settings; generation_config.json wins over config.json for generation fields, as in transformers. */
export function readMarianSettings(files: ModelFiles): MarianSettings {
  const config = readJson(files.config);
  const generation = files.generationConfig ? readJson(files.generationConfig) : {};
  const merged: Record<string, unknown> = { ...config, ...generation };
  const file = files.generationConfig ?? files.config;
  // Settings our greedy loop does not implement: refuse rather than silently decode differently.
  for (const key of ['repetition_penalty', 'no_repeat_ngram_size'] as const) {
    const value = merged[key];
    const neutral = key === 'repetition_penalty' ? 1 : 0;
    if (value !== undefined && value !== null && value !== neutral) {
      throw new FralignError('MODEL_INVALID', `${file}: ${key}=${JSON.stringify(value)} is not supported by fralign's greedy decoder; remove it from the model's generation config`);
    }
  }
  const eos = merged.eos_token_id;
  const eosTokenId = Array.isArray(eos) ? (eos[0] as unknown) : eos;
  const badWords = Array.isArray(merged.bad_words_ids) ? (merged.bad_words_ids as unknown[]) : [];
  const forbiddenTokenIds: number[] = [];
  for (const word of badWords) {
    if (!Array.isArray(word) || word.length !== 1 || typeof word[0] !== 'number') {
      throw new FralignError('MODEL_INVALID', `${file}: only single-token bad_words_ids are supported, got ${JSON.stringify(word)}`);
    }
    forbiddenTokenIds.push(word[0]);
  }
  const dModel = intField(config, 'd_model', files.config);
  const decoderHeads = intField(config, 'decoder_attention_heads', files.config);
  return {
    decoderStartTokenId: intField(merged, 'decoder_start_token_id', file),
    eosTokenId: intField({ eos_token_id: eosTokenId }, 'eos_token_id', file),
    padTokenId: intField(merged, 'pad_token_id', file),
    forbiddenTokenIds,
    maxPositions: intField(config, 'max_position_embeddings', files.config),
    decoderLayers: intField(config, 'decoder_layers', files.config),
    decoderHeads,
    headDim: dModel / decoderHeads,
  };
}
