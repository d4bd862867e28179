// `fralign merge DIR... --out OUT`: combine the folders of `fralign run --shard K/N` into what one
// unsharded run writes (same sentences, stories, alignments and groups, byte for byte), plus the report.
import { defineCommand } from 'citty';
import { openRunFolder } from '../output/index.ts';
import { mergeRuns } from '../pipeline/merge.ts';
import { runReportStage } from '../pipeline/report.ts';
import { folderArg } from './contract.ts';

export default defineCommand({
  meta: { name: 'merge', description: 'Combine shard folders (from `fralign run --shard K/N`) into one run folder, identical to an unsharded run, with its report' },
  args: {
    dirs: { type: 'positional', description: 'The shard folders, every shard once', required: false, valueHint: 'DIR...' },
    out: { type: 'string', description: 'Output folder for the merged run', default: 'out', alias: 'o' },
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const dirs = args._.map(String).filter((d) => d !== '');
    for (const dir of dirs) folderArg(dir, 'DIR');
    const out = folderArg(args.out, '--out');
    // The shards are read (shared locks: other merges may read them too); the output is written.
    for (const dir of dirs) await openRunFolder(dir, { create: false, mode: 'read' });
    // The output folder is created and locked only once every shard has been verified.
    const merged = await mergeRuns(dirs, out, async () => {
      await openRunFolder(out, { create: true });
    });
    const report = await runReportStage(out);
    if (!args.quiet) console.error(`merge: ${merged.shards} shards → ${merged.segments} segments, ${merged.pairs} pairs, ${merged.groups} fact groups in ${out}; report ${report.file}`);
    return 0;
  },
});
