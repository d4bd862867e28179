// Downloading a model into models/ goes through transformers.js, which knows the Hub layout.
// With env.localModelPath and cache_dir both set to models/, its FileCache stores a file fetched for
// `<id>/<file>` at `models/<id>/<file>` (utils/hub.js buildResourcePaths: the cache key of the main
// revision is `<id>/<file>`) — the same place the local lookup reads, so the next run finds it.
import path from 'node:path';
import { FralignError } from '../errors.ts';
import type { ModelDtype } from './model.ts';

export interface DownloadProgress {
  /** File inside the model folder, e.g. `onnx/encoder_model.onnx`. */
  readonly file: string;
  readonly loaded: number;
  readonly total: number;
}

export interface DownloadOptions {
  readonly id: string;
  readonly modelsDir: string;
  readonly dtype: ModelDtype;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

type Transformers = typeof import('@huggingface/transformers');

/**
 * Loads transformers.js, points it at models/ and keeps it quiet (library code never prints).
 * Loaded on first use, not at import: it takes most of a second to load, which `fralign --help`,
 * `--no-translate` runs and every command that never translates should not pay.
 */
export async function configureTransformersEnv(modelsDir: string, allowRemote: boolean): Promise<Transformers> {
  const transformers = await import('@huggingface/transformers');
  const { env, LogLevel } = transformers;
  env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
  env.cacheDir = modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  // MarianTokenizer warns on every load that it is not a "fast" tokenizer; that is expected here.
  env.logLevel = LogLevel.ERROR;
  return transformers;
}

interface ProgressInfoLike {
  readonly status?: string;
  readonly file?: string;
  readonly loaded?: number;
  readonly total?: number;
}

/**
 * Fetches config, tokenizer and the encoder/merged-decoder ONNX files of `id` for `dtype` into
 * `<modelsDir>/<id>/` by loading them once through transformers.js (which downloads what is missing).
 */
export async function downloadModel(options: DownloadOptions): Promise<void> {
  const { id, modelsDir, dtype, onProgress } = options;
  const { AutoModelForSeq2SeqLM, AutoTokenizer } = await configureTransformersEnv(modelsDir, true);
  const progress_callback = (info: ProgressInfoLike): void => {
    if (info.status === 'progress' && info.file !== undefined && onProgress) {
      onProgress({ file: info.file, loaded: info.loaded ?? 0, total: info.total ?? 0 });
    }
  };
  const common = { cache_dir: modelsDir, progress_callback } as const;
  try {
    await AutoTokenizer.from_pretrained(id, common);
    const model = await AutoModelForSeq2SeqLM.from_pretrained(id, { ...common, dtype, device: 'cpu' });
    await model.dispose();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError(
      'MODEL_MISSING',
      `cannot download model ${id} (${dtype}) into ${path.join(modelsDir, id)}: ${detail}; ` +
        `check the network, or copy a transformers.js export of the model into that folder`,
      { cause: error },
    );
  }
}
