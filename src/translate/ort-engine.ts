// The default engine: the encoder on the main thread, the decoder loop (greedy or beams) in a pool of worker
// threads, one decoder session each. onnxruntime-node's `run` is synchronous on the thread that
// calls it, so sessions on one thread take turns however many there are; workers are what let two
// batches decode on two cores at once (measured: docs/translation.md, bench/RESULTS-translate.md).
import { DEFAULT_LENGTH_CAP, maxNewTokens, outputFlags, type GenerationSettings, type TranslationOutput, type Translator } from './engine.ts';
import type { JobTiming } from './decode-protocol.ts';
import { DecodePool } from './decode-pool.ts';
import { encodeBatch, paddedLength } from './greedy.ts';
import { readMarianSettings } from './marian-config.ts';
import type { ModelDtype, ResolvedModel } from './model.ts';
import type * as ort from 'onnxruntime-node';
import { createSession, DEFAULT_SESSION_TUNING } from './sessions.ts';
import { loadTokenizer } from './tokenizer.ts';

export interface OrtEngineOptions {
  /** Decode workers, each decoding one batch at a time with its own decoder session. Default DEFAULT_ORT_CONCURRENCY. */
  readonly concurrency?: number;
  /** intraOpNumThreads of every session (encoder and decoders). Default DEFAULT_ORT_THREADS. */
  readonly threads?: number;
  /** onnxruntime CPU memory arena. Default false (see sessions.ts). */
  readonly memArena?: boolean;
  /** Pre-packed GEMM weights. Default true (see sessions.ts). */
  readonly prepacking?: boolean;
  /** Default: DEFAULT_LENGTH_CAP, no forced steps. */
  readonly generation?: GenerationSettings;
  /**
   * Load the onnxruntime sessions on the first `translate` call instead of now. Default false. The
   * stage only calls `translate` when something is not in the cache, so a fully cached rerun never
   * pays for loading ~0.5-1 GB of weights.
   */
  readonly lazy?: boolean;
  /** Bench only: no en_score where it would cost a JavaScript pass over the logits (fp32, q8). Default false. */
  readonly noScores?: boolean;
  /** One-line status messages for a person: "loading model …" and how long it took. */
  readonly onStatus?: (message: string) => void;
  /** Called after each batch is decoded, with the worker that did it and when (tests, benchmarks). */
  readonly onBatchDecoded?: (event: { readonly worker: number; readonly rows: number; readonly timing: JobTiming }) => void;
}

/**
 * One decode worker with two intra-op threads (plus the encoder on the main thread). Two one-thread
 * workers decode ~20% faster on 2 cores but hold a second decoder copy: 1.85 GB peak RSS on the
 * opus-mt model against 1.3 GB, over the 1.5 GB budget (bench/RESULTS-translate.md).
 */
export const DEFAULT_ORT_CONCURRENCY = 1;
export const DEFAULT_ORT_THREADS = 2;

export interface EngineShape {
  readonly concurrency: number;
  readonly threads: number;
}

/**
 * Default decode workers x threads per dtype. int8 weights are a quarter of fp32's, so two one-thread
 * workers (each with its own decoder copy) fit in the 1.5 GB budget: a real 1000-sentence `fralign
 * translate` peaked at 1405 MiB, against 1185 MiB for 1 x 2, and 2 x 1 decoded 1.4x faster in the
 * same process (bench/translate-rss.ts, bench/RESULTS-translate.md). fp32 keeps one two-thread worker.
 */
export const DEFAULT_ENGINE_SHAPES: Readonly<Record<ModelDtype, EngineShape>> = {
  int8: { concurrency: 2, threads: 1 },
  fp32: { concurrency: DEFAULT_ORT_CONCURRENCY, threads: DEFAULT_ORT_THREADS },
  q8: { concurrency: 2, threads: 1 },
};

export async function createOrtTranslator(model: ResolvedModel, options: OrtEngineOptions = {}): Promise<Translator> {
  const shape = DEFAULT_ENGINE_SHAPES[model.dtype];
  const concurrency = options.concurrency ?? shape.concurrency;
  const tuning = {
    threads: options.threads ?? shape.threads,
    memArena: options.memArena ?? DEFAULT_SESSION_TUNING.memArena,
    prepacking: options.prepacking ?? DEFAULT_SESSION_TUNING.prepacking,
  };
  const generation = options.generation ?? { lengthCap: DEFAULT_LENGTH_CAP };
  const settings = readMarianSettings(model.files);
  const tokenizer = await loadTokenizer(model);
  const loadSessions = async (): Promise<{ pool: DecodePool; encoder: ort.InferenceSession }> => {
    const started = performance.now();
    options.onStatus?.(`loading model ${model.id} (${model.dtype}, ${concurrency} decode worker${concurrency === 1 ? '' : 's'})…`);
    const loaded = await loadSessionsQuietly();
    options.onStatus?.(`model loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return loaded;
  };
  const loadSessionsQuietly = async (): Promise<{ pool: DecodePool; encoder: ort.InferenceSession }> => {
    // The encoder runs once per batch, a small share of the work next to the step-by-step decoder,
    // so one copy on the main thread is enough and saves a copy of its weights per worker. It is
    // loaded last: loading needs transient memory in proportion to the file, and the encoder file is
    // the smaller one (2 workers on opus-mt: peak after loading 1598 MiB this way, 1737 MiB encoder first).
    const pool = await DecodePool.start(concurrency, { decoderFile: model.files.decoder, dtype: model.dtype, settings, tuning });
    try {
      return { pool, encoder: await createSession(model.files.encoder, model.dtype, tuning, 'encoder') };
    } catch (error) {
      await pool.close();
      throw error;
    }
  };
  let sessions: Promise<{ pool: DecodePool; encoder: ort.InferenceSession }> | undefined = options.lazy ? undefined : loadSessions();
  if (sessions) await sessions;

  let closed = false;
  const beams = generation.beams ?? 1;
  if (!Number.isInteger(beams) || beams < 1) throw new Error(`internal: ${beams} beams`);
  if (beams > 1 && generation.forceSteps !== undefined) throw new Error('internal: forced-length decoding is greedy only');
  return {
    name: beams > 1 ? `ort-beam${beams}` : 'ort-greedy',
    maxSourceTokens: settings.maxPositions,
    parallelism: concurrency,
    countTokens: (text) => tokenizer.encode(text).length,
    batchKey: (sourceTokens) => paddedLength(sourceTokens, settings.maxPositions),
    async translate(batch: readonly string[]): Promise<TranslationOutput[]> {
      if (closed) throw new Error('ort translator used after close()');
      if (batch.length === 0) return [];
      const inputs = batch.map((text) => tokenizer.encode(text));
      const tooLong = inputs.findIndex((ids) => ids.length > settings.maxPositions);
      if (tooLong >= 0) {
        // The stage splits long sentences first; reaching this is a bug, not a user error.
        throw new Error(`source of ${inputs[tooLong]?.length} tokens exceeds the model's ${settings.maxPositions}; split it first`);
      }
      sessions ??= loadSessions();
      const { pool, encoder } = await sessions;
      // Rows that pad to different lengths are decoded as separate batches, so a row's tokens never
      // depend on which rows it was sent with (PAD_MULTIPLE in greedy.ts says why).
      const groups = new Map<number, number[]>();
      inputs.forEach((ids, row) => {
        const length = paddedLength(ids.length, settings.maxPositions);
        const rows = groups.get(length);
        if (rows) rows.push(row);
        else groups.set(length, [row]);
      });
      const outputs: TranslationOutput[] = new Array<TranslationOutput>(batch.length);
      await Promise.all(
        [...groups].map(async ([padTo, rows]) => {
          const groupInputs = rows.map((row) => inputs[row] as number[]);
          const budgets = groupInputs.map((ids) => maxNewTokens(ids.length, generation.lengthCap, settings.maxPositions));
          const encoded = await encodeBatch(encoder, settings, groupInputs, padTo);
          const { result, worker, timing } = await pool.decode(encoded, {
            maxNewTokens: budgets,
            ...(generation.forceSteps === undefined ? {} : { forceSteps: generation.forceSteps }),
            ...(options.noScores ? { noScores: true } : {}),
            ...(beams > 1 ? { beams } : {}),
          });
          options.onBatchDecoded?.({ worker, rows: rows.length, timing });
          result.tokens.forEach((ids, i) => {
            outputs[rows[i] as number] = {
              en: tokenizer.decode(ids),
              flags: outputFlags(ids, result.capped[i] === true),
              tokenIds: ids,
              ...(Number.isNaN(result.scores[i]) ? {} : { score: result.scores[i] as number }),
            };
          });
        }),
      );
      return outputs;
    },
    async close(): Promise<void> {
      closed = true;
      if (!sessions) return;
      // A load that failed has already cleaned up after itself.
      const loaded = await sessions.catch(() => undefined);
      if (!loaded) return;
      await loaded.pool.close();
      await loaded.encoder.release();
    },
  };
}
