// `fralign translate --out DIR`: fills `en` in DIR/sentences.jsonl with the local fr→en model.
// Resumable: finished batches are in DIR/.cache/translations, so a rerun after Ctrl-C or kill -9
// only translates what is left and writes the same bytes as an uninterrupted run.
import { defineCommand } from 'citty';
import cliProgress from 'cli-progress';
import { FralignError } from '../errors.ts';
import { MODEL_DTYPES, type ModelDtype } from '../translate/model.ts';
import { runTranslateStage } from '../translate/run-stage.ts';
import type { TranslateProgress } from '../translate/stage.ts';

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_PROGRESS_EVERY_S = 10;

export function parseDtype(value: string | undefined): ModelDtype {
  const dtype = value ?? 'fp32';
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

/** A progress reporter on stderr: a bar on a terminal, a line every few seconds otherwise. */
function progressReporter(quiet: boolean): { update: (p: TranslateProgress) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = performance.now();
  let firstCached: number | undefined;
  const rate = (p: TranslateProgress): number => (p.done - (firstCached ?? 0)) / Math.max(0.001, (performance.now() - started) / 1000);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'translate [{bar}] {value}/{total} sentences | {rate}/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update: (p) => {
        firstCached ??= p.cached;
        if (!startedBar) {
          bar.start(p.total, p.done, { rate: '0.0' });
          startedBar = true;
        } else bar.update(p.done, { rate: rate(p).toFixed(1) });
      },
      stop: () => {
        if (startedBar) bar.stop();
      },
    };
  }
  let lastLine = 0;
  return {
    update: (p) => {
      firstCached ??= p.cached;
      const now = performance.now();
      if (now - lastLine < PLAIN_PROGRESS_EVERY_S * 1000 && p.done < p.total) return;
      lastLine = now;
      console.error(`translate: ${p.done}/${p.total} sentences (${p.cached} cached), ${rate(p).toFixed(1)}/s`);
    },
    stop: () => {},
  };
}

export default defineCommand({
  meta: {
    name: 'translate',
    description: 'Translate DIR/sentences.jsonl fr→en with the local MarianMT model (resumable; cache in DIR/.cache/)',
  },
  args: {
    out: { type: 'string', description: 'Run folder holding sentences.jsonl (made by `fralign split`)', default: 'out', alias: 'o' },
    model: { type: 'string', valueHint: 'FOLDER', description: 'Model folder (default: models/Xenova/opus-mt-fr-en, downloaded on first use)' },
    offline: { type: 'boolean', description: 'Never download the model (default: false)', default: false },
    dtype: { type: 'string', description: 'Weights: fp32 (default, batch-independent) or q8 (one sentence per batch)' },
    'batch-size': { type: 'string', description: 'Sentences per batch (default: 16 for fp32, 1 for q8)' },
    concurrency: { type: 'string', description: 'ONNX sessions decoding different batches at once (default: 2)' },
    threads: { type: 'string', description: 'Threads per session (default: 1)' },
    'include-boilerplate': { type: 'boolean', description: 'Also translate boilerplate lines (default: false)', default: false },
    quiet: { type: 'boolean', description: 'No progress output', default: false, alias: 'q' },
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const progress = progressReporter(quiet);
    const controller = new AbortController();
    // First Ctrl-C: finish the batches in flight (they land in the cache), then stop. A second one
    // finds no listener and kills the process the default way.
    const onSigint = (): void => {
      if (!quiet) console.error('\ntranslate: interrupted, saving finished batches… (Ctrl-C again to kill)');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      const result = await runTranslateStage(args.out, {
        ...(args.model === undefined ? {} : { modelPath: args.model }),
        offline: Boolean(args.offline),
        dtype: parseDtype(args.dtype),
        batchSize: parseOptionalInt(args['batch-size'], '--batch-size'),
        concurrency: parseOptionalInt(args.concurrency, '--concurrency'),
        threads: parseOptionalInt(args.threads, '--threads'),
        includeBoilerplate: Boolean(args['include-boilerplate']),
        onProgress: progress.update,
        signal: controller.signal,
        ...(quiet ? {} : { onDownloadProgress: downloadReporter() }),
      });
      progress.stop();
      if (!quiet) {
        const s = result.stats;
        console.log(
          `translated ${s.translated_segments} segments (${s.unique_sources} distinct, ${s.cache_hits} from cache, ` +
            `${s.split_segments} split, ${s.length_capped_segments} hit the length cap) with ${result.model.id} ${result.model.dtype} in ${(result.ms / 1000).toFixed(1)} s`,
        );
      }
      return 0;
    } finally {
      progress.stop();
      process.removeListener('SIGINT', onSigint);
    }
  },
});

/** One bar per downloaded file, on stderr. */
function downloadReporter(): (p: { file: string; loaded: number; total: number }) => void {
  const bars = new cliProgress.MultiBar(
    { format: '{file} [{bar}] {percentage}% {value}/{total} bytes', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  return ({ file, loaded, total }) => {
    let bar = byFile.get(file);
    if (!bar) {
      bar = bars.create(total, 0, { file });
      byFile.set(file, bar);
    }
    bar.setTotal(total);
    bar.update(loaded, { file });
    if (loaded >= total) bar.stop();
  };
}
