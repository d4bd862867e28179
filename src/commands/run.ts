// `fralign run`: the whole job — split, translate (when a model is available), align, HTML report.
import { defineCommand } from 'citty';
import { isFralignError } from '../errors.ts';
import { runAlignStage } from '../align/stage.ts';
import { openRunFolder, updateManifest } from '../output/index.ts';
import { runReportStage } from '../pipeline/report.ts';
import { runSplitStage } from '../pipeline/split.ts';
import { runTranslateStage } from '../translate/run-stage.ts';
import { downloadReporter, progressReporter } from './progress.ts';
import { inputArgs, printFailures, splitArgs, summariseSplit } from './shared.ts';
import { alignArgs, alignOptionsFromArgs } from './align.ts';
import { translateArgs, translateOptionsFromArgs, summariseTranslation } from './translate-args.ts';

export default defineCommand({
  meta: {
    name: 'run',
    description: 'The whole job: split → translate fr→en (skipped, with a note, when no model is available) → align → DIR/report.html',
  },
  args: {
    inputs: { type: 'positional', description: 'Article files (.txt), folders (searched for *.txt), or .jsonl files', required: false, valueHint: 'INPUTS...' },
    out: { type: 'string', description: 'Output folder', default: 'out', alias: 'o' },
    ...splitArgs,
    ...translateArgs,
    ...alignArgs,
    translate: { type: 'boolean', description: 'Translate when a model is available; --no-translate skips it', default: true },
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const say = (line: string): void => {
      if (!quiet) console.log(line);
    };
    const inputs = inputArgs(args._);
    // Parsed first, so a bad align flag fails before any stage runs.
    const alignOptions = alignOptionsFromArgs(args);
    const out = await openRunFolder(args.out, { create: true });

    const split = await runSplitStage(inputs, out, { meta: args.meta });
    printFailures(split.failures);
    say(`split: ${summariseSplit(split.counts, split.failures.length)}`);

    if (!args.translate) {
      await skipTranslation(out, 'skipped by --no-translate');
      say('translate: skipped (--no-translate)');
    } else {
      const progress = progressReporter(quiet);
      try {
        const options = translateOptionsFromArgs(args);
        const result = await runTranslateStage(out, {
          ...options,
          onProgress: progress.update,
          ...(quiet ? {} : { onDownloadProgress: downloadReporter() }),
        });
        progress.stop();
        say(`translate: ${summariseTranslation(result)}`);
      } catch (error) {
        progress.stop();
        // No model here and none downloadable: the French pipeline still runs; an explicit
        // --model that is wrong is the user's mistake and stops the run.
        if (!isFralignError(error) || error.code !== 'MODEL_MISSING' || args.model !== undefined) throw error;
        await skipTranslation(out, error.message);
        console.error(`fralign: translation skipped: ${error.message}`);
      }
    }

    const aligned = await runAlignStage(out, alignOptions);
    const multi = aligned.groups.filter((g) => g.docs.length > 1).length;
    say(`align: ${aligned.pairs.length} sentence pairs across ${aligned.documents} documents, ${aligned.groups.length} fact groups (${multi} reported by several outlets)`);

    const report = await runReportStage(out);
    say(`report: ${report.file} (${Math.round(report.bytes / 1024)} KiB)`);
    return split.failures.length > 0 ? 1 : 0;
  },
});

async function skipTranslation(outDir: string, note: string): Promise<void> {
  await updateManifest(outDir, { stages: { translate: { status: 'skipped', ms: 0, note } } });
}
