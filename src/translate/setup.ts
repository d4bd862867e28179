// Turning user-level options into a ready engine + cache: resolve the model, fix the generation
// settings, pick batch defaults that keep translations reproducible, open the cache for that key.
import { FralignError } from '../errors.ts';
import { cacheKey, TranslationCache } from './cache.ts';
import { DEFAULT_BEAMS, DEFAULT_LENGTH_CAP, type GenerationSettings, type LengthCap, type Translator } from './engine.ts';
import { DEFAULT_DTYPE, resolveModel, type ResolvedModel, type ResolveModelOptions } from './model.ts';
import { createOrtTranslator, DEFAULT_ENGINE_SHAPES } from './ort-engine.ts';
import { readMarianSettings } from './marian-config.ts';
import { createReferenceTranslator } from './reference-engine.ts';
import { DEFAULT_BATCH_SIZE } from './stage.ts';

export type EngineName = 'ort' | 'transformers';

export interface TranslationSetupOptions extends ResolveModelOptions {
  /** Default 'ort' (own greedy loop); 'transformers' runs transformers.js `generate`. */
  readonly engine?: EngineName;
  /** Sentences per batch. Default 16 for int8 and fp32; q8 allows only 1 (see below). */
  readonly batchSize?: number;
  /** Decode workers. Default DEFAULT_ENGINE_SHAPES[dtype].concurrency. */
  readonly concurrency?: number;
  /** intraOpNumThreads per session. Default DEFAULT_ENGINE_SHAPES[dtype].threads. */
  readonly threads?: number;
  /** Default DEFAULT_LENGTH_CAP. */
  readonly lengthCap?: LengthCap;
  /**
   * Beams per sentence: 1 = greedy, N > 1 = beam search (ort engine only), 'model' = the model's
   * generation_config num_beams. Default DEFAULT_BEAMS (1; docs/translation.md says why).
   */
  readonly beams?: number | 'model';
  /** Folder of the persistent translation cache; undefined keeps it in memory only. */
  readonly cacheDir?: string;
}

export interface TranslationSetup {
  readonly model: ResolvedModel;
  readonly translator: Translator;
  readonly cache: TranslationCache;
  readonly batchSize: number;
  readonly generation: GenerationSettings;
  /** The options in effect, defaults filled in (for the manifest). */
  readonly effective: Readonly<Record<string, unknown>>;
}

function positiveInt(value: number | undefined, fallback: number, flag: string): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) throw new FralignError('USAGE', `${flag} must be a positive integer, got ${String(value)}`);
  return result;
}

/**
 * q8 weights (the export's `_quantized` files) are dynamically quantised per tensor: activation
 * scales are computed over the whole batch, so a sentence's translation can change with its
 * batch-mates. The cache (and resume) assume a sentence translates the same whatever surrounds it,
 * so q8 runs one sentence per batch. int8 (the default) scales each row on its own and batches freely.
 */
export function defaultBatchSize(dtype: ResolvedModel['dtype']): number {
  return dtype === 'q8' ? 1 : DEFAULT_BATCH_SIZE;
}

export async function setupTranslation(options: TranslationSetupOptions = {}): Promise<TranslationSetup> {
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  const batchSize = positiveInt(options.batchSize, defaultBatchSize(dtype), '--batch-size');
  if (dtype === 'q8' && batchSize > 1) {
    throw new FralignError(
      'USAGE',
      `--dtype q8 with --batch-size ${batchSize}: q8 translations depend on the other sentences of a batch, which would make the cache and resume unreliable; use --batch-size 1 with q8, or the default int8 (batch-independent)`,
    );
  }
  const shape = DEFAULT_ENGINE_SHAPES[dtype];
  const concurrency = positiveInt(options.concurrency, shape.concurrency, '--concurrency');
  const threads = positiveInt(options.threads, shape.threads, '--threads');
  const engine = options.engine ?? 'ort';
  if (options.beams !== undefined && options.beams !== 'model') positiveInt(options.beams, DEFAULT_BEAMS, '--beams');
  const model = await resolveModel(options);
  const beams = options.beams === 'model' ? readMarianSettings(model.files).beam.numBeams : (options.beams ?? DEFAULT_BEAMS);
  if (beams > 1 && engine !== 'ort') {
    throw new FralignError('USAGE', `--beams ${beams} needs the default engine; the transformers.js reference engine decodes greedily only`);
  }
  const generation: GenerationSettings = { lengthCap: options.lengthCap ?? DEFAULT_LENGTH_CAP, ...(beams > 1 ? { beams } : {}) };
  const translator =
    // lazy: the sessions load on the first batch the cache cannot answer, so a fully cached rerun skips them.
    engine === 'ort' ? await createOrtTranslator(model, { concurrency, threads, generation, lazy: true, ...(options.onStatus ? { onStatus: options.onStatus } : {}) }) : await createReferenceTranslator(model, { threads, generation });
  const cache = options.cacheDir === undefined ? TranslationCache.inMemory() : TranslationCache.open(options.cacheDir, cacheKey(model.hash, model.dtype, generation));
  return {
    model,
    translator,
    cache,
    batchSize,
    generation,
    effective: { engine, dtype, batch_size: batchSize, concurrency, threads, length_cap: generation.lengthCap, beams },
  };
}
