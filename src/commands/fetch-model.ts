// `fralign fetch-model [id]`: download a model into models/ ahead of time (needs network once).
import { defineCommand } from 'citty';
import cliProgress from 'cli-progress';
import { DEFAULT_MODEL_ID, DEFAULT_MODELS_DIR, resolveModel } from '../translate/model.ts';
import { parseDtype } from './translate-args.ts';

export default defineCommand({
  meta: {
    name: 'fetch-model',
    description: `Download a MarianMT ONNX model into models/<id> (default ${DEFAULT_MODEL_ID}); a no-op when it is already there`,
  },
  args: {
    id: { type: 'positional', required: false, description: `Hugging Face model id (default ${DEFAULT_MODEL_ID})` },
    dtype: { type: 'string', description: 'Weights: int8 (default: fetches fp32 and derives the int8 files once), fp32 or q8' },
    'models-dir': { type: 'string', description: 'Where model folders live (default: $FRALIGN_MODELS, else <project>/models in a clone, ~/.cache/fralign/models installed)' },
    quiet: { type: 'boolean', description: 'No progress output', default: false, alias: 'q' },
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const bars = quiet ? undefined : new cliProgress.MultiBar({ format: '{file} [{bar}] {percentage}%', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
    const byFile = new Map<string, cliProgress.SingleBar>();
    try {
      const model = await resolveModel({
        modelId: typeof args.id === 'string' && args.id !== '' ? args.id : DEFAULT_MODEL_ID,
        modelsDir: args['models-dir'] ?? DEFAULT_MODELS_DIR,
        dtype: parseDtype(args.dtype),
        ...(bars
          ? {
              onDownloadProgress: ({ file, loaded, total }) => {
                const bar = byFile.get(file) ?? bars.create(total, 0, { file });
                byFile.set(file, bar);
                bar.setTotal(total);
                bar.update(loaded, { file });
              },
            }
          : {}),
      });
      bars?.stop();
      if (!quiet) console.error(`fetch-model: ${model.id} (${model.dtype}) ${model.source === 'downloaded' ? 'downloaded to' : 'already in'} ${model.path}; sha256 ${model.hash.slice(0, 16)}…`);
      return 0;
    } finally {
      bars?.stop();
    }
  },
});
