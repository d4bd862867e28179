// `fralign translate DIR`: fills `en` in DIR/sentences.jsonl with the local fr→en model.
// Resumable: finished batches are in DIR/.cache/translations, so a rerun after Ctrl-C or kill -9
// only translates what is left and writes the same bytes as an uninterrupted run.
import { defineCommand } from 'citty';
import { openRunFolder } from '../output/index.ts';
import { whileInterruptible } from '../output/signals.ts';
import { runTranslateStage } from '../translate/run-stage.ts';
import { downloadReporter, progressReporter } from './progress.ts';
import { summariseTranslation, translateArgs, translateOptionsFromArgs } from './translate-args.ts';
import { runDirAlias, runDirArg } from './contract.ts';

export default defineCommand({
  meta: {
    name: 'translate',
    description: 'Translate DIR/sentences.jsonl fr→en with the local MarianMT model (resumable; cache in DIR/.cache/)',
  },
  args: {
    dir: { type: 'positional', required: false, description: 'Run folder holding sentences.jsonl (made by `fralign split`)' },
    ...runDirAlias,
    ...translateArgs,
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const dir = runDirArg('translate', args);
    const options = translateOptionsFromArgs(args);
    await openRunFolder(dir, { create: false });
    const progress = progressReporter(quiet);
    const controller = new AbortController();
    // First Ctrl-C / SIGTERM / SIGHUP: finish the batches in flight (they land in the cache), then
    // stop with one line saying what is saved; a second one stops at once (src/output/signals.ts).
    try {
      const result = await whileInterruptible(
        () => controller.abort(),
        () =>
          runTranslateStage(dir, {
            ...options,
            onProgress: progress.update,
            onStatus: progress.status,
            signal: controller.signal,
            ...(quiet ? {} : { onDownloadProgress: downloadReporter() }),
          }),
      );
      progress.stop();
      if (!quiet) console.error(`translate: ${summariseTranslation(result)}`);
      return 0;
    } finally {
      progress.stop();
    }
  },
});
