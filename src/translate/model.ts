// Where the translation model comes from: an explicit folder, then models/<id> under the project,
// then (unless offline) a download into models/ through transformers.js. The result names the
// exact files the engines load and a hash of them, which the run manifest and the cache key use.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FralignError } from '../errors.ts';
import { downloadModel, type DownloadProgress } from './download.ts';
import { ensureInt8File, expectedDeriveSeconds } from './int8-model.ts';
import { INT8_REWRITE_VERSION } from './int8-rewrite.ts';

export const DEFAULT_MODEL_ID = 'Xenova/opus-mt-fr-en';

/**
 * Weight formats fralign can run (docs/translation.md):
 * - int8 (default): derived from the fp32 files by fralign's own rewrite, activations quantised per
 *   row, and rows batched only with rows of the same padded length, so tokens and scores do not
 *   depend on the batch (0 of 200 sentences differ on the diverse opus-shaped model);
 * - fp32: the exported files as they are;
 * - q8: the export's `_quantized` files (per-tensor activation scales: batch-dependent, batch 1 only).
 */
export type ModelDtype = 'int8' | 'fp32' | 'q8';
export const MODEL_DTYPES: readonly ModelDtype[] = ['int8', 'fp32', 'q8'];
export const DEFAULT_DTYPE: ModelDtype = 'int8';

/** transformers.js's file-name suffix per dtype (utils/dtypes.js DEFAULT_DTYPE_SUFFIX_MAPPING); int8 is derived from fp32. */
const DTYPE_SUFFIX: Readonly<Record<ModelDtype, string>> = { int8: '', fp32: '', q8: '_quantized' };

/** The dtype whose files are downloaded and read for `dtype`. */
export function sourceDtype(dtype: ModelDtype): 'fp32' | 'q8' {
  return dtype === 'q8' ? 'q8' : 'fp32';
}

/** The project root (two levels above this file), where models/ lives. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Where `<id>/` model folders live: $FRALIGN_MODELS when set; else, in a clone, `<project>/models`;
 * else (an installed package, which ships no src/) `$XDG_CACHE_HOME/fralign/models` (default
 * `~/.cache/fralign/models`): a global install's folder is often not writable and npx's is discarded.
 */
export const DEFAULT_MODELS_DIR = process.env.FRALIGN_MODELS ? path.resolve(process.env.FRALIGN_MODELS) : defaultModelsDir();

function defaultModelsDir(): string {
  if (existsSync(path.join(PROJECT_ROOT, 'src'))) return path.join(PROJECT_ROOT, 'models');
  const cache = process.env.XDG_CACHE_HOME ? path.resolve(process.env.XDG_CACHE_HOME) : path.join(homedir(), '.cache');
  return path.join(cache, 'fralign', 'models');
}

export interface ResolveModelOptions {
  /** An explicit model folder (`--model`); wins over everything else. Default: none. */
  readonly modelPath?: string;
  /** Hub id to look for under `modelsDir` and to download. Default: DEFAULT_MODEL_ID. */
  readonly modelId?: string;
  /** Folder holding `<id>/` model folders. Default: `<project>/models`. */
  readonly modelsDir?: string;
  /** Never download; a missing model is MODEL_MISSING. Default: false. */
  readonly offline?: boolean;
  /** Default: DEFAULT_DTYPE ('int8'). */
  readonly dtype?: ModelDtype;
  /** Download progress (bytes per file), only called when a download happens. */
  readonly onDownloadProgress?: (progress: DownloadProgress) => void;
  /** One-line status messages meant for a person (the one-time int8 derivation and its expected duration). */
  readonly onStatus?: (message: string) => void;
}

export interface ModelFiles {
  readonly config: string;
  readonly generationConfig?: string;
  readonly tokenizer: string;
  readonly tokenizerConfig: string;
  readonly encoder: string;
  readonly decoder: string;
}

export interface ResolvedModel {
  /** Hub id, or the folder name for an explicit `--model` folder. */
  readonly id: string;
  /** Absolute path of the model folder. */
  readonly path: string;
  readonly dtype: ModelDtype;
  /** Absolute paths of the files the engines load. */
  readonly files: ModelFiles;
  /** sha256 (hex) over the files above, in a fixed order: what the manifest and the cache key record. */
  readonly hash: string;
  /** How it was found. */
  readonly source: 'explicit' | 'local' | 'downloaded';
  /** For int8: the fp32 files the engine's files were derived from (the manifest records them). */
  readonly derived?: DerivedModelInfo;
}

export interface DerivedModelInfo {
  readonly rewrite: string;
  /** The fp32 source files and their sha256 (hex); the derived files' names carry the first 16 digits. */
  readonly sourceFiles: { readonly encoder: string; readonly decoder: string };
  readonly sourceSha256: { readonly encoder: string; readonly decoder: string };
  /** True when this resolution wrote the derived files (first use of the model). */
  readonly created: boolean;
}

/** Relative file names inside a model folder for one dtype. */
export function modelFileNames(dtype: ModelDtype): Readonly<Record<keyof ModelFiles, string>> {
  const suffix = DTYPE_SUFFIX[dtype];
  return {
    config: 'config.json',
    generationConfig: 'generation_config.json',
    tokenizer: 'tokenizer.json',
    tokenizerConfig: 'tokenizer_config.json',
    encoder: `onnx/encoder_model${suffix}.onnx`,
    decoder: `onnx/decoder_model_merged${suffix}.onnx`,
  };
}

/** The required files missing from `folder` (relative names); empty when it is a usable model folder. */
export function missingModelFiles(folder: string, dtype: ModelDtype): string[] {
  const names = modelFileNames(dtype);
  return (Object.keys(names) as (keyof ModelFiles)[])
    .filter((key) => key !== 'generationConfig')
    .map((key) => names[key])
    .filter((name) => !existsSync(path.join(folder, name)));
}

function filesIn(folder: string, dtype: ModelDtype): ModelFiles {
  const names = modelFileNames(dtype);
  const generationConfig = path.join(folder, names.generationConfig);
  return {
    config: path.join(folder, names.config),
    ...(existsSync(generationConfig) ? { generationConfig } : {}),
    tokenizer: path.join(folder, names.tokenizer),
    tokenizerConfig: path.join(folder, names.tokenizerConfig),
    encoder: path.join(folder, names.encoder),
    decoder: path.join(folder, names.decoder),
  };
}

/** sha256 over the files (name + bytes each), streamed so a 300 MB model does not sit in memory twice. */
export async function hashModelFiles(files: ModelFiles): Promise<string> {
  const hash = createHash('sha256');
  const ordered: [string, string | undefined][] = [
    ['config', files.config],
    ['generation_config', files.generationConfig],
    ['tokenizer', files.tokenizer],
    ['tokenizer_config', files.tokenizerConfig],
    ['encoder', files.encoder],
    ['decoder', files.decoder],
  ];
  for (const [name, file] of ordered) {
    if (file === undefined) continue;
    hash.update(`${name}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function invalidFolder(folder: string, dtype: ModelDtype, missing: readonly string[]): FralignError {
  return new FralignError(
    'MODEL_INVALID',
    `${folder}: not a MarianMT ONNX model folder for dtype ${dtype} (missing ${missing.join(', ')}); ` +
      `point --model at a transformers.js export (config.json, tokenizer.json, onnx/*.onnx) or run \`fralign fetch-model\``,
  );
}

/** Finds (or downloads) the model and hashes its files. See ResolveModelOptions for the order. */
export async function resolveModel(options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  if (options.modelPath !== undefined) {
    const folder = path.resolve(options.modelPath);
    if (!existsSync(folder)) {
      throw new FralignError('MODEL_MISSING', `--model ${options.modelPath}: folder ${folder} does not exist; give a model folder or drop --model to use ${DEFAULT_MODEL_ID}`);
    }
    const missing = missingModelFiles(folder, dtype);
    if (missing.length > 0) throw invalidFolder(folder, dtype, missing);
    return finish(path.basename(folder), folder, dtype, 'explicit', options.onStatus);
  }

  const id = options.modelId ?? DEFAULT_MODEL_ID;
  const modelsDir = path.resolve(options.modelsDir ?? DEFAULT_MODELS_DIR);
  const folder = path.join(modelsDir, id);
  let source: ResolvedModel['source'] = 'local';
  let missing = missingModelFiles(folder, dtype);
  if (missing.length > 0) {
    if (options.offline) {
      throw new FralignError(
        'MODEL_MISSING',
        `model ${id} (${dtype}) not found in ${folder} (missing ${missing.join(', ')}) and --offline forbids downloading; ` +
          `run \`fralign fetch-model ${id}${dtype === DEFAULT_DTYPE ? '' : ` --dtype ${dtype}`}\` on a connected machine or copy the model folder there`,
      );
    }
    await downloadModel({ id, modelsDir, dtype: sourceDtype(dtype), ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}) });
    missing = missingModelFiles(folder, dtype);
    if (missing.length > 0) throw invalidFolder(folder, dtype, missing);
    source = 'downloaded';
  }
  return finish(id, folder, dtype, source, options.onStatus);
}

/** Names the files the engine loads (deriving the int8 twins on first use) and hashes them. */
async function finish(id: string, folder: string, dtype: ModelDtype, source: ResolvedModel['source'], onStatus?: (message: string) => void): Promise<ResolvedModel> {
  const files = filesIn(folder, dtype);
  if (dtype !== 'int8') return { id, path: folder, dtype, files, hash: await hashModelFiles(files), source };
  // Announced once, before the first file is rewritten: it takes long enough to look like a hang.
  let announced: number | undefined;
  const announce = (): void => {
    if (announced !== undefined) return;
    announced = performance.now();
    const bytes = statSync(files.encoder).size + statSync(files.decoder).size;
    onStatus?.(`deriving int8 weights from the fp32 files of ${id} (${Math.round(bytes / 1e6)} MB), once: expect ~${expectedDeriveSeconds(bytes)} s on 2 idle cores, more on a busy machine; later runs reuse them`);
  };
  // The encoder first: deriving needs memory in proportion to the file, and nothing else is loaded yet.
  const encoder = await ensureInt8File(files.encoder, 'encoder', announce);
  const decoder = await ensureInt8File(files.decoder, 'decoder', announce);
  if (announced !== undefined) onStatus?.(`int8 weights derived in ${((performance.now() - announced) / 1000).toFixed(1)} s`);
  const derivedFiles: ModelFiles = { ...files, encoder: encoder.file, decoder: decoder.file };
  return {
    id,
    path: folder,
    dtype,
    files: derivedFiles,
    // The cache key hashes the files actually run, derived ones included.
    hash: await hashModelFiles(derivedFiles),
    source,
    derived: {
      rewrite: `int8-rows-v${INT8_REWRITE_VERSION}`,
      sourceFiles: { encoder: files.encoder, decoder: files.decoder },
      sourceSha256: { encoder: encoder.sourceSha256, decoder: decoder.sourceSha256 },
      created: encoder.created || decoder.created,
    },
  };
}
