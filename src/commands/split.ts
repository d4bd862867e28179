import { defineCommand } from 'citty';
import { openRunFolder, outputPath } from '../output/index.ts';
import { runSplitStage } from '../pipeline/split.ts';
import { folderArg } from './contract.ts';
import { inputArgs, printFailures, splitArgs, summariseSplit } from './shared.ts';

export default defineCommand({
  meta: {
    name: 'split',
    description: 'Read articles (.txt files, folders of *.txt, .jsonl with {"id","text"} lines), flag boilerplate, split into sentences → DIR/sentences.jsonl',
  },
  args: {
    inputs: { type: 'positional', description: 'Article files (.txt), folders (searched for *.txt), or .jsonl files with {"id","text",...} lines; - reads JSONL (or one article) from standard input', required: false, valueHint: 'INPUTS...' },
    out: { type: 'string', description: 'Output folder', default: 'out', alias: 'o' },
    ...splitArgs,
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const inputs = inputArgs(args._);
    const out = folderArg(args.out, '--out');
    await openRunFolder(out, { create: true });
    const result = await runSplitStage(inputs, out, { meta: args.meta });
    printFailures(result.failures);
    if (!args.quiet) console.error(`split: ${summariseSplit(result.counts, result.failures.length)} → ${outputPath(out, 'sentences')}`);
    return result.failures.length > 0 ? 1 : 0;
  },
});
