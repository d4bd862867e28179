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
  /** Beam-search settings from the generation config (beam.ts), transformers' defaults where absent. */
  readonly beam: BeamSettings;
}

/**
 * What transformers' `generate` reads for beam search, with its defaults (GenerationConfig):
 * num_beams 1, length_penalty 1.0, early_stopping false, max_length 20, no forced end token,
 * renormalize_logits false. opus-mt-fr-en sets num_beams 4, max_length 512, forced_eos_token_id 0
 * and renormalize_logits true.
 */
export interface BeamSettings {
  /** The model's own num_beams (`--beams model`). */
  readonly numBeams: number;
  readonly lengthPenalty: number;
  readonly earlyStopping: boolean | 'never';
  /** Whole decoder sequence, start token included. */
  readonly maxLength: number;
  /** Forced as the last token when a hypothesis reaches maxLength - 1 tokens (ForcedEOSTokenLogitsProcessor). */
  readonly forcedEosTokenId?: number;
  /** Log-softmax again after the banned tokens are removed (LogitNormalization). */
  readonly renormalizeLogits: boolean;
}

function numberOr(value: unknown, fallback: number, key: string, file: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FralignError('MODEL_INVALID', `${file}: expected a number for "${key}", got ${JSON.stringify(value)}`);
  return value;
}

function beamSettings(merged: Record<string, unknown>, file: string): BeamSettings {
  const early = merged.early_stopping ?? false;
  if (early !== true && early !== false && early !== 'never') {
    throw new FralignError('MODEL_INVALID', `${file}: expected early_stopping true, false or "never", got ${JSON.stringify(early)}`);
  }
  const numBeams = numberOr(merged.num_beams, 1, 'num_beams', file);
  const maxLength = numberOr(merged.max_length, 20, 'max_length', file);
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new FralignError('MODEL_INVALID', `${file}: expected a positive integer num_beams, got ${JSON.stringify(merged.num_beams)}`);
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new FralignError('MODEL_INVALID', `${file}: expected an integer max_length of at least 2, got ${JSON.stringify(merged.max_length)}`);
  const forced = merged.forced_eos_token_id;
  const forcedEos = Array.isArray(forced) ? (forced[0] as unknown) : forced;
  if (forcedEos !== undefined && forcedEos !== null && !Number.isInteger(forcedEos)) {
    throw new FralignError('MODEL_INVALID', `${file}: expected an integer forced_eos_token_id, got ${JSON.stringify(forced)}`);
  }
  return {
    numBeams,
    lengthPenalty: numberOr(merged.length_penalty, 1, 'length_penalty', file),
    earlyStopping: early,
    maxLength,
    ...(typeof forcedEos === 'number' ? { forcedEosTokenId: forcedEos } : {}),
    renormalizeLogits: merged.renormalize_logits === true,
  };
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
  const neutrals = { repetition_penalty: 1, no_repeat_ngram_size: 0, min_length: 0, min_new_tokens: 0, num_beam_groups: 1, diversity_penalty: 0 } as const;
  for (const [key, neutral] of Object.entries(neutrals)) {
    const value = merged[key];
    if (value !== undefined && value !== null && value !== neutral) {
      throw new FralignError('MODEL_INVALID', `${file}: ${key}=${JSON.stringify(value)} is not supported by fralign's decoder; remove it from the model's generation config`);
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
    beam: beamSettings(merged, file),
  };
}
