// The translate stage over an output folder: DIR/sentences.jsonl in, the same file back with `en`
// filled (atomically), the model and counts in DIR/manifest.json, the cache under DIR/.cache/.
import path from 'node:path';
import { markOutputsStale, outputPath, readJsonlFile, updateManifest, writeJsonlAtomic } from '../output/index.ts';
import { shardOfSentence, type Shard } from '../pipeline/shard.ts';
import type { Segment } from '../types.ts';
import { segmentRecords } from '../output/records.ts';
import { setupTranslation, type TranslationSetupOptions } from './setup.ts';
import { translateSegmentsWithStats, type TranslateProgress, type TranslateStats } from './stage.ts';
import type { ResolvedModel } from './model.ts';

export interface TranslateStageOptions extends Omit<TranslationSetupOptions, 'cacheDir'> {
  /** Default false. */
  readonly includeBoilerplate?: boolean;
  /** Default `<outDir>/.cache/translations`. */
  readonly cacheDir?: string;
  readonly onProgress?: (progress: TranslateProgress) => void;
  readonly signal?: AbortSignal;
  /** `--shard K/N`: translate only the sentences whose hash falls in this shard (others from the cache). */
  readonly shard?: Shard;
}

export interface TranslateStageResult {
  readonly model: ResolvedModel;
  readonly stats: TranslateStats;
  readonly ms: number;
  /** Beams per sentence in effect (1 = greedy). */
  readonly beams: number;
}

function inShard(shard: Shard): (source: string) => boolean {
  return (source) => shardOfSentence(source, shard.count) === shard.index;
}

export function defaultCacheDir(outDir: string): string {
  return path.join(outDir, '.cache', 'translations');
}

/** Translates the segments of an existing DIR/sentences.jsonl in place. */
export async function runTranslateStage(outDir: string, options: TranslateStageOptions = {}): Promise<TranslateStageResult> {
  const started = performance.now();
  const file = outputPath(outDir, 'sentences');
  const segments = await readJsonlFile<Segment>(file, `run \`fralign split <articles> --out ${outDir}\` first`);
  const setup = await setupTranslation({ ...options, cacheDir: options.cacheDir ?? defaultCacheDir(outDir) });
  try {
    const { segments: translated, stats } = await translateSegmentsWithStats(segments, {
      translator: setup.translator,
      cache: setup.cache,
      batchSize: setup.batchSize,
      includeBoilerplate: options.includeBoilerplate ?? false,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.shard ? { translates: inShard(options.shard) } : {}),
    });
    await markOutputsStale(outDir, 'translate');
    await writeJsonlAtomic(file, segmentRecords(translated));
    const ms = Math.round(performance.now() - started);
    const { id, path: modelPath, hash, dtype, derived } = setup.model;
    await updateManifest(outDir, {
      model: {
        id,
        // Relative to the run folder: a shared manifest must not carry this machine's absolute paths.
        path: path.relative(outDir, modelPath) || '.',
        hash,
        dtype,
        ...(derived
          ? {
              derived: {
                rewrite: derived.rewrite,
                encoder: path.relative(modelPath, setup.model.files.encoder),
                decoder: path.relative(modelPath, setup.model.files.decoder),
                source_sha256: derived.sourceSha256,
              },
            }
          : {}),
      },
      stages: {
        translate: {
          status: 'done',
          ms,
          options: { ...setup.effective, include_boilerplate: options.includeBoilerplate ?? false, ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}) },
          counts: { ...stats },
        },
      },
    });
    return { model: setup.model, stats, ms, beams: setup.generation.beams ?? 1 };
  } finally {
    await setup.translator.close();
  }
}
