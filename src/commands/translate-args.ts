// The translation flags shared by `fralign translate` and `fralign run`, and their parsing.
import { FralignError } from '../errors.ts';
import { capConcurrency, capThreads } from './shared.ts';
import { DEFAULT_DTYPE, MODEL_DTYPES, type ModelDtype } from '../translate/model.ts';
import { DEFAULT_ENGINE_SHAPES } from '../translate/ort-engine.ts';
import { DEFAULT_BATCH_SIZE } from '../translate/stage.ts';
import { DEFAULT_BEAMS } from '../translate/engine.ts';
import type { TranslateStageOptions, TranslateStageResult } from '../translate/run-stage.ts';

export const translateArgs = {
  model: { type: 'string', valueHint: 'FOLDER', description: 'Model folder (default: models/Xenova/opus-mt-fr-en, downloaded on first use)' },
  'models-dir': { type: 'string', valueHint: 'FOLDER', description: 'Folder holding <id>/ model folders (default: $FRALIGN_MODELS, else <project>/models in a clone, ~/.cache/fralign/models installed)' },
  offline: { type: 'boolean', description: 'Never download the model', default: false },
  dtype: {
    type: 'string',
    description: 'Weights: int8 (default: derived from fp32 once, per-row activation scales, batch-independent: docs/translation.md), fp32 (the exported files as they are), or q8 (the export\'s per-tensor int8, one sentence per batch)',
  },
  'batch-size': { type: 'string', description: `Sentences per batch (default: ${DEFAULT_BATCH_SIZE} for int8 and fp32, 1 for q8)` },
  concurrency: {
    type: 'string',
    description: `Decode worker threads, each with its own decoder copy (default: ${DEFAULT_ENGINE_SHAPES.int8.concurrency} for int8, ${DEFAULT_ENGINE_SHAPES.fp32.concurrency} for fp32, whose copies are 4x larger)`,
  },
  threads: { type: 'string', description: `onnxruntime threads per session (default: ${DEFAULT_ENGINE_SHAPES.int8.threads} for int8, ${DEFAULT_ENGINE_SHAPES.fp32.threads} for fp32)` },
  beams: {
    type: 'string',
    valueHint: 'N|model',
    description: `Beams per sentence: 1 = greedy (default: ${DEFAULT_BEAMS}), N > 1 = beam search as transformers generate does it, model = the model's generation_config num_beams (4 for opus-mt); docs/translation.md`,
  },
  'include-boilerplate': { type: 'boolean', description: 'Also translate boilerplate lines', default: false },
  quiet: { type: 'boolean', description: 'No progress or summary output, only errors', default: false, alias: 'q' },
} as const;

export interface TranslateFlagValues {
  readonly model?: string | undefined;
  readonly 'models-dir'?: string | undefined;
  readonly offline?: boolean | undefined;
  readonly dtype?: string | undefined;
  readonly 'batch-size'?: string | undefined;
  readonly concurrency?: string | undefined;
  readonly threads?: string | undefined;
  readonly 'include-boilerplate'?: boolean | undefined;
  readonly beams?: string | undefined;
}

/** Beams beyond this are refused: memory and time grow with N, and no MT setup uses more. */
export const MAX_BEAMS = 16;

export function parseBeams(value: string | undefined): number | 'model' {
  if (value === undefined) return DEFAULT_BEAMS;
  if (value === 'model') return 'model';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_BEAMS) {
    throw new FralignError('USAGE', `--beams ${value}: expected an integer from 1 to ${MAX_BEAMS}, or "model" (the model's generation_config num_beams)`);
  }
  return parsed;
}

export function parseDtype(value: string | undefined): ModelDtype {
  const dtype = value ?? DEFAULT_DTYPE;
  if (!(MODEL_DTYPES as readonly string[]).includes(dtype)) {
    throw new FralignError('USAGE', `--dtype ${dtype}: expected one of ${MODEL_DTYPES.join(', ')}`);
  }
  return dtype as ModelDtype;
}

export function parseOptionalInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new FralignError('USAGE', `${flag} ${value}: expected a positive integer`);
  return parsed;
}

export function translateOptionsFromArgs(args: TranslateFlagValues): TranslateStageOptions {
  return {
    ...(args.model === undefined ? {} : { modelPath: args.model }),
    ...(args['models-dir'] === undefined ? {} : { modelsDir: args['models-dir'] }),
    offline: Boolean(args.offline),
    dtype: parseDtype(args.dtype),
    batchSize: parseOptionalInt(args['batch-size'], '--batch-size'),
    concurrency: capConcurrency(parseOptionalInt(args.concurrency, '--concurrency')),
    threads: capThreads(parseOptionalInt(args.threads, '--threads')),
    includeBoilerplate: Boolean(args['include-boilerplate']),
    beams: parseBeams(args.beams),
  };
}

export function summariseTranslation(result: TranslateStageResult): string {
  const s = result.stats;
  return (
    `${s.translated_segments} segments (${s.unique_sources} distinct, ${s.cache_hits} from cache, ` +
    `${s.split_segments} split, ${s.length_capped_segments} hit the length cap, ${s.repeat_segments} looped) with ${result.model.id} ${result.model.dtype}${result.beams > 1 ? ` (${result.beams} beams)` : ''} in ${(result.ms / 1000).toFixed(1)} s` +
    (s.source_en_segments + s.source_other_segments > 0 ? `; not French: ${s.source_en_segments} English copied, ${s.source_other_segments} other left untranslated` : '') +
    (Object.keys(s.checks).length > 0 ? `; checks flagged ${Object.entries(s.checks).map(([flag, n]) => `${n} ${flag}`).join(', ')} (fralign inspect --flagged)` : '')
  );
}
