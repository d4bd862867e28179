// `fralign export DIR --format hf|moses|tmx|tsv|csv|parquet`: translations (fr→en) or aligned
// French↔French pairs in the formats MT and corpus tools read.
import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { flushStdout, folderArg } from './contract.ts';
import { checkUserOutput, openRunFolder } from '../output/index.ts';
import { EXPORT_FORMATS, runExport, type ExportFormat, type PairKind } from '../export/index.ts';
import { TABLES, isTableName, runTableExport } from '../export/table-export.ts';

export default defineCommand({
  meta: {
    name: 'export',
    description: 'Export translations (fr→en) or aligned French↔French pairs: Hugging Face JSONL, Moses, TMX 1.4b, TSV, CSV or Parquet',
  },
  args: {
    dir: { type: 'positional', required: true, description: 'Run folder (sentences.jsonl for --pairs translation, alignments.jsonl for --pairs aligned)' },
    format: { type: 'string', valueHint: EXPORT_FORMATS.join('|'), description: 'Output format', required: true, alias: 'f' },
    table: { type: 'string', valueHint: TABLES.join('|'), description: 'With --format parquet: a whole run table, every field, fixed column types (default out: DIR/export/<table>.parquet)' },
    pairs: { type: 'string', valueHint: 'translation|aligned', description: 'translation: each translated sentence with its English; aligned: sentence pairs across outlets (default: translation)' },
    out: { type: 'string', valueHint: 'FILE', description: 'Output file, or PREFIX for moses; - for standard output (default: DIR/export/<pairs>.<ext>)', alias: 'o' },
    'min-grade': { type: 'string', valueHint: '1|2', description: 'aligned: only pairs of at least this grade (2 = same information) (default: 1)' },
    'min-score': { type: 'string', valueHint: 'X', description: 'aligned: only pairs scoring at least X (default: no minimum)' },
    'include-boilerplate': { type: 'boolean', description: 'translation: also export translated boilerplate lines', default: false },
    bom: { type: 'boolean', description: 'csv/tsv: start with a UTF-8 byte order mark, for desktop spreadsheets (default: on for a csv file, off for tsv and --out -; --no-bom turns it off)' },
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const dir = folderArg(args.dir, 'DIR');
    const format = choice(args.format, '--format', EXPORT_FORMATS);
    if (format === 'moses' && args.out === '-') {
      throw new FralignError('USAGE', '--out -: --format moses writes two files; give --out PREFIX (PREFIX.fr + PREFIX.en, with PREFIX.ids), not -: standard output holds one file');
    }
    // Checked before anything is read or written (the output policy: run data, folders, devices).
    if (args.out !== undefined && format !== 'moses') checkUserOutput(args.out, { flag: '--out', runDir: dir });
    if (args.table !== undefined) {
      if (!isTableName(args.table)) throw new FralignError('USAGE', `--table: expected one of ${TABLES.join(', ')}, got "${args.table}"`);
      if (format !== 'parquet') throw new FralignError('USAGE', `--table ${args.table} is written as Parquet: use --format parquet (the JSONL itself is ${args.table}.jsonl), or --pairs for ${format}`);
      await openRunFolder(dir, { create: false, mode: 'read' });
      const result = await runTableExport(dir, { table: args.table, ...(args.out === undefined ? {} : { out: args.out }) });
      if (args.out === '-') await flushStdout();
      if (!args.quiet) console.error(`export: ${result.rows} ${args.table} ${result.rows === 1 ? 'row' : 'rows'} → ${result.files.join(', ')}`);
      return 0;
    }
    const pairs = args.pairs === undefined ? 'translation' : choice(args.pairs, '--pairs', ['translation', 'aligned'] as const);
    const minGrade = args['min-grade'] === undefined ? undefined : choice(args['min-grade'], '--min-grade', ['1', '2'] as const);
    const minScore = args['min-score'] === undefined ? undefined : Number(args['min-score']);
    if (minScore !== undefined && !Number.isFinite(minScore)) throw new FralignError('USAGE', `--min-score: expected a number such as 0.5, got "${args['min-score']}"`);
    await openRunFolder(dir, { create: false, mode: 'read' });
    const result = await runExport(dir, {
      format: format as ExportFormat,
      pairs: pairs as PairKind,
      ...(args.out === undefined ? {} : { out: args.out }),
      ...(minGrade === undefined ? {} : { minGrade: Number(minGrade) as 1 | 2 }),
      ...(minScore === undefined ? {} : { minScore }),
      includeBoilerplate: Boolean(args['include-boilerplate']),
      ...(typeof args.bom === 'boolean' ? { bom: args.bom } : {}),
    });
    if (args.out === '-') await flushStdout();
    if (!args.quiet) {
      const skipped = Object.entries(result.skipped).map(([why, n]) => `${n} ${why}`).join(', ');
      // On stderr: with --out - the data owns standard output.
      console.error(`export: ${result.rows} ${pairs} ${result.rows === 1 ? 'row' : 'rows'} → ${result.files.join(', ')}${skipped ? ` (not exported: ${skipped})` : ''}`);
    }
    return 0;
  },
});

function choice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new FralignError('USAGE', `${flag}: expected one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}
