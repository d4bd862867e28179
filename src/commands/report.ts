// `fralign report DIR`: (re)write DIR/report.html from the run folder's JSONL files, e.g. after a
// separate `fralign align`, or to another file with --out.
import { defineCommand } from 'citty';
import { renderHtml } from '../inspect/html.ts';
import { loadRunOutputs } from '../inspect/load.ts';
import { checkUserOutput, openRunFolder, writeChunks, writeUserOutput } from '../output/index.ts';
import { runReportStage } from '../pipeline/report.ts';
import { folderArg } from './contract.ts';

export default defineCommand({
  meta: {
    name: 'report',
    description: 'Write the self-contained HTML report of a run folder: DIR/report.html (or --out FILE)',
  },
  args: {
    dir: { type: 'positional', required: true, description: 'Run folder with sentences.jsonl, alignments.jsonl, groups.jsonl' },
    out: { type: 'string', valueHint: 'FILE', description: 'Write the page here instead of DIR/report.html (- for standard output)', alias: 'o' },
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const dir = folderArg(args.dir, 'DIR');
    if (args.out === undefined) {
      await openRunFolder(dir, { create: false });
      const report = await runReportStage(dir);
      if (!args.quiet) console.error(`report: ${report.file} (${Math.round(report.bytes / 1024)} KiB)`);
      return 0;
    }
    const target = { flag: '--out', runDir: dir } as const;
    checkUserOutput(args.out, target);
    await openRunFolder(dir, { create: false, mode: 'read' });
    const page = renderHtml(await loadRunOutputs(dir));
    await writeUserOutput(args.out, target, (out) => writeChunks(out, page));
    if (!args.quiet && args.out !== '-') console.error(`report: ${args.out} (${Math.round(Buffer.byteLength(page) / 1024)} KiB)`);
    return 0;
  },
});
