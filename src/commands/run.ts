// `fralign run`: the whole job — split, translate (when a model is available), stories, align
// within each story, HTML report. With --shard K/N it does one shard's part (see docs/scale.md).
import { defineCommand } from 'citty';
import { FralignError, isFralignError } from '../errors.ts';
import { runAlignStage } from '../align/stage.ts';
import { openRunFolder, updateManifest } from '../output/index.ts';
import { whileInterruptible } from '../output/signals.ts';
import { runReportStage } from '../pipeline/report.ts';
import { shardLabel } from '../pipeline/shard.ts';
import { runSplitStage } from '../pipeline/split.ts';
import { runStoriesStage } from '../stories/stage.ts';
import { runTranslateStage } from '../translate/run-stage.ts';
import { downloadReporter, progressReporter } from './progress.ts';
import { shardArgs, shardFromArgs, storiesArg, storiesModeFromArgs } from './shard-args.ts';
import { folderArg } from './contract.ts';
import { inputArgs, printFailures, splitArgs, summariseSplit } from './shared.ts';
import { alignArgs, alignOptionsFromArgs, storyFormsFromArgs } from './align.ts';
import { summariseStories } from './stories.ts';
import { releaseStageMemory } from './stage-memory.ts';
import { translateArgs, translateOptionsFromArgs, summariseTranslation } from './translate-args.ts';

export default defineCommand({
  meta: {
    name: 'run',
    description: 'The whole job: split → translate fr→en (skipped, with a note, when no model is available) → stories → align within each story → DIR/report.html',
  },
  args: {
    inputs: { type: 'positional', description: 'Article files (.txt), folders (searched for *.txt), or .jsonl files', required: false, valueHint: 'INPUTS...' },
    out: { type: 'string', description: 'Output folder', default: 'out', alias: 'o' },
    ...splitArgs,
    ...translateArgs,
    ...alignArgs,
    translate: { type: 'boolean', description: 'Translate when a model is available; --no-translate skips it', default: true },
    'require-translation': { type: 'boolean', description: 'Exit 2 when no model is available instead of writing French only (always so with --shard: an untranslated shard would merge into a French-only corpus)', default: false },
    'cache-dir': { type: 'string', description: 'Translation cache folder (default DIR/.cache/translations); point every shard at one to share translations (docs/scale.md)' },
    ...storiesArg,
    ...shardArgs,
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const say = (line: string): void => {
      if (!quiet) console.error(line);
    };
    const inputs = inputArgs(args._);
    // Every flag is parsed first, so a bad one fails before any stage writes anything.
    const outArg = folderArg(args.out, '--out');
    const alignOptions = alignOptionsFromArgs(args);
    const translateOptions = translateOptionsFromArgs(args);
    const shard = shardFromArgs(args);
    const mode = storiesModeFromArgs(args.stories);
    const out = await openRunFolder(outArg, { create: true });

    // Only the split's failures outlive the stage: its documents (the corpus's text) are not held
    // through the later stages, each of which reads what it needs back from DIR.
    const failed = await (async () => {
      const split = await runSplitStage(inputs, out, { meta: args.meta });
      printFailures(split.failures);
      say(`split: ${summariseSplit(split.counts, split.failures.length)}`);
      return split.failures.length;
    })();
    releaseStageMemory();

    let awaiting = 0;
    if (!args.translate) {
      await skipTranslation(out, 'skipped by --no-translate');
      say('translate: skipped (--no-translate)');
    } else {
      const progress = progressReporter(quiet);
      try {
        // A signal during translation finishes the batches in flight first (src/output/signals.ts).
        const controller = new AbortController();
        const result = await whileInterruptible(
          () => controller.abort(),
          () =>
            runTranslateStage(out, {
              ...translateOptions,
              ...(shard ? { shard } : {}),
              ...(args['cache-dir'] ? { cacheDir: String(args['cache-dir']) } : {}),
              onProgress: progress.update,
              onStatus: progress.status,
              signal: controller.signal,
              ...(quiet ? {} : { onDownloadProgress: downloadReporter() }),
            }),
        );
        progress.stop();
        awaiting = result.stats.other_shard_segments ?? 0;
        say(`translate${shardLabel(shard)}: ${summariseTranslation(result)}`);
      } catch (error) {
        progress.stop();
        // No model here and none downloadable: the French pipeline still runs; an explicit
        // --model that is wrong is the user's mistake and stops the run.
        if (!isFralignError(error) || error.code !== 'MODEL_MISSING' || args.model !== undefined) throw error;
        // A shard, or a run that says it needs English, must not quietly write French only.
        const required = args['require-translation'] ? '--require-translation' : shard ? '--shard' : undefined;
        if (required) throw requiredTranslationError(required, error.message);
        await skipTranslation(out, error.message);
        console.error(`fralign: translation skipped: ${error.message}`);
      }
    }

    releaseStageMemory();
    const stories = await runStoriesStage(out, { mode });
    say(`stories: ${summariseStories(stories)}`);
    releaseStageMemory();

    if (awaiting > 0) {
      // Aligning now would use a partial English side and differ from an unsharded run.
      const note = `${awaiting} sentences are translated by other shards; put every shard's translation cache in one --cache-dir and rerun this command (docs/scale.md)`;
      await updateManifest(out, { stages: { align: { status: 'skipped', ms: 0, note } } });
      say(`align: waiting: ${note}`);
      return failed > 0 ? 1 : 0;
    }

    const aligned = await runAlignStage(out, alignOptions, { ...(shard ? { shard } : {}), ...storyFormsFromArgs(args) });
    say(`align${shardLabel(shard)}: ${aligned.pairs} sentence pairs within ${aligned.stories} ${aligned.stories === 1 ? 'story' : 'stories'} (${aligned.documents} documents), ${aligned.groups} fact groups (${aligned.multi_document_groups} reported by several outlets)`);

    releaseStageMemory();
    if (shard) {
      say(`report: not written for one shard; \`fralign merge\` the shard folders to get the whole run and its report`);
    } else {
      const report = await runReportStage(out);
      say(`report: ${report.file} (${Math.round(report.bytes / 1024)} KiB)`);
    }
    return failed > 0 ? 1 : 0;
  },
});

function requiredTranslationError(flag: string, reason: string): FralignError {
  return new FralignError(
    'MODEL_MISSING',
    `${flag}: no translation model, so nothing was translated (${reason}); fetch it once with \`fralign fetch-model\` into a folder every task reads (FRALIGN_MODELS), or pass --no-translate for a French-only run`,
  );
}

async function skipTranslation(outDir: string, note: string): Promise<void> {
  await updateManifest(outDir, { stages: { translate: { status: 'skipped', ms: 0, note } } });
}
