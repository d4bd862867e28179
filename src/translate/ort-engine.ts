// The default engine: a pool of one-thread onnxruntime-node decoder sessions (sharing one encoder
// session), each decoding whole batches with the own greedy loop. Two one-thread sessions on different batches beat one
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

function sessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
}

async function createSession(model: ResolvedModel, file: string, threads: number): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(file, sessionOptions(threads));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${file}: onnxruntime cannot load this ${model.dtype} ONNX file (${detail}); re-fetch the model`, { cause: error });
  }
}

/**
 * One encoder session shared by all workers (it runs once per batch, a small share of the time, and
 * onnxruntime allows concurrent runs of one session) and one decoder session per worker. Created one
 * after the other: loading a session briefly needs extra memory, and overlapping loads would add up
 * (peak RSS for the opus-sized model: 1.75 GB with two full pairs loaded at once, ~1.5 GB this way).
 */
async function createWorkers(model: ResolvedModel, concurrency: number, threads: number): Promise<MarianSessions[]> {
  const encoder = await createSession(model, model.files.encoder, threads);
  const workers: MarianSessions[] = [];
  for (let i = 0; i < concurrency; i++) workers.push({ encoder, decoder: await createSession(model, model.files.decoder, threads) });
  return workers;
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
  const pool = new SessionPool(await createWorkers(model, concurrency, threads));

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
      const sessions = new Set(pool.all.flatMap((s) => [s.encoder, s.decoder]));
      await Promise.all([...sessions].map((session) => session.release()));
    },
  };
}
