// The default engine: a pool of one-thread onnxruntime-node session pairs, each decoding whole
// batches with the own greedy loop. Two one-thread sessions on different batches beat one
// two-thread session on 2 cores (measured, docs/translation.md).
import * as ort from 'onnxruntime-node';
import { FralignError } from '../errors.ts';
import { DEFAULT_LENGTH_CAP, maxNewTokens, type GenerationSettings, type TranslationOutput, type Translator } from './engine.ts';
import { greedyDecode, type MarianSessions } from './greedy.ts';
import { readMarianSettings } from './marian-config.ts';
import type { ResolvedModel } from './model.ts';
import { loadTokenizer } from './tokenizer.ts';

export interface OrtEngineOptions {
  /** Session pairs working on different batches at once. Default 2. */
  readonly concurrency?: number;
  /** intraOpNumThreads of each session. Default 1. */
  readonly threads?: number;
  /** Default: DEFAULT_LENGTH_CAP, no forced steps. */
  readonly generation?: GenerationSettings;
}

export const DEFAULT_ORT_CONCURRENCY = 2;
export const DEFAULT_ORT_THREADS = 1;

async function createSessions(model: ResolvedModel, threads: number): Promise<MarianSessions> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
  try {
    const [encoder, decoder] = await Promise.all([
      ort.InferenceSession.create(model.files.encoder, options),
      ort.InferenceSession.create(model.files.decoder, options),
    ]);
    return { encoder, decoder };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${model.path}: onnxruntime cannot load the ${model.dtype} ONNX files (${detail}); re-fetch the model`, { cause: error });
  }
}

/** Hands out free session pairs; `translate` calls beyond the pool size wait their turn. */
class SessionPool {
  private readonly free: MarianSessions[];
  private readonly waiting: ((sessions: MarianSessions) => void)[] = [];

  constructor(readonly all: readonly MarianSessions[]) {
    this.free = [...all];
  }

  async use<T>(work: (sessions: MarianSessions) => Promise<T>): Promise<T> {
    const sessions = this.free.pop() ?? (await new Promise<MarianSessions>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(sessions);
    } finally {
      const next = this.waiting.shift();
      if (next) next(sessions);
      else this.free.push(sessions);
    }
  }
}

export async function createOrtTranslator(model: ResolvedModel, options: OrtEngineOptions = {}): Promise<Translator> {
  const concurrency = options.concurrency ?? DEFAULT_ORT_CONCURRENCY;
  const threads = options.threads ?? DEFAULT_ORT_THREADS;
  const generation = options.generation ?? { lengthCap: DEFAULT_LENGTH_CAP };
  const settings = readMarianSettings(model.files);
  const tokenizer = await loadTokenizer(model);
  const pool = new SessionPool(await Promise.all(Array.from({ length: concurrency }, () => createSessions(model, threads))));

  return {
    name: 'ort-greedy',
    maxSourceTokens: settings.maxPositions,
    parallelism: concurrency,
    countTokens: (text) => tokenizer.encode(text).length,
    async translate(batch: readonly string[]): Promise<TranslationOutput[]> {
      const inputs = batch.map((text) => tokenizer.encode(text));
      const tooLong = inputs.findIndex((ids) => ids.length > settings.maxPositions);
      if (tooLong >= 0) {
        // The stage splits long sentences first; reaching this is a bug, not a user error.
        throw new Error(`source of ${inputs[tooLong]?.length} tokens exceeds the model's ${settings.maxPositions}; split it first`);
      }
      const budgets = inputs.map((ids) => maxNewTokens(ids.length, generation.lengthCap, settings.maxPositions));
      const result = await pool.use((sessions) =>
        greedyDecode(sessions, settings, { inputs, maxNewTokens: budgets, ...(generation.forceSteps === undefined ? {} : { forceSteps: generation.forceSteps }) }),
      );
      return result.tokens.map((ids, i) => ({
        en: tokenizer.decode(ids),
        flags: result.capped[i] ? ['length-cap'] : [],
        tokenIds: ids,
      }));
    },
    async close(): Promise<void> {
      await Promise.all(pool.all.flatMap((s) => [s.encoder.release(), s.decoder.release()]));
    },
  };
}
