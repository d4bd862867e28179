// The one interface both translation engines implement, and the output-length cap they share.
import type { TranslationFlag } from '../types.ts';
import { isLooping } from './quality.ts';

export interface TranslationOutput {
  readonly en: string;
  /** 'length-cap' when decoding stopped at the cap instead of at end-of-sentence; 'repeat' when it looped. */
  readonly flags: readonly TranslationFlag[];
  /** Generated token ids without the start and end tokens (for equivalence tests). */
  readonly tokenIds: readonly number[];
  /** Mean log-probability of the chosen tokens (own loop only; the reference engine leaves it out). */
  readonly score?: number;
}

/** The flags both engines derive from a decoded row. */
export function outputFlags(tokenIds: readonly number[], capped: boolean): TranslationFlag[] {
  const flags: TranslationFlag[] = [];
  if (capped) flags.push('length-cap');
  if (isLooping(tokenIds)) flags.push('repeat');
  return flags;
}

export interface Translator {
  /** Short engine name for the manifest/bench ('ort-greedy', 'transformers-generate'). */
  readonly name: string;
  /** Longest source (in tokens, end token included) the model accepts; longer text must be split first. */
  readonly maxSourceTokens: number;
  /** How many `translate` calls can usefully run at once (one per session). */
  readonly parallelism: number;
  /** Number of source tokens of `text`, end token included. */
  countTokens(text: string): number;
  /**
   * Sources whose token counts give different keys are never decoded in one model batch (the ORT
   * engine splits a mixed batch by padded length, so a row's tokens cannot depend on its
   * batch-mates); the stage fills batches within one key. Absent: any sources may share a batch.
   */
  batchKey?(sourceTokens: number): number;
  /** Translates one model batch; outputs are in input order. */
  translate(batch: readonly string[]): Promise<TranslationOutput[]>;
  close(): Promise<void>;
}

/**
 * Output cap: min(model limit, base + perSourceToken * sourceTokens) new tokens. opus-mt can loop on
 * repeated words; the cap bounds that, and every sentence that hits it is flagged 'length-cap'.
 */
export interface LengthCap {
  /** Default 16. */
  readonly base: number;
  /** Default 1.5 (English is rarely longer than 1.5x the French in Marian's shared vocabulary). */
  readonly perSourceToken: number;
}

export const DEFAULT_LENGTH_CAP: LengthCap = { base: 16, perSourceToken: 1.5 };

/** New-token budget for a source of `sourceTokens` tokens; the decoder's positions bound it too. */
export function maxNewTokens(sourceTokens: number, cap: LengthCap, maxPositions: number): number {
  const wanted = Math.floor(cap.base + cap.perSourceToken * sourceTokens);
  return Math.max(1, Math.min(maxPositions - 1, wanted));
}

/** Options that change what a model produces: part of the translation cache key. */
export interface GenerationSettings {
  readonly lengthCap: LengthCap;
  /** Bench only: ignore end-of-sentence and decode exactly this many steps. Default: off. */
  readonly forceSteps?: number;
  /**
   * Beams per sentence (`--beams`): 1 = greedy, more = beam search as transformers' generate does
   * it (beam.ts). Default 1 (DEFAULT_BEAMS; docs/translation.md says why).
   */
  readonly beams?: number;
}

export const DEFAULT_BEAMS = 1;
