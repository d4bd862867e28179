// `fralign export DIR --format hf|moses|tmx|tsv|csv|parquet`: translations (fr→en) or aligned
// French↔French pairs in the formats MT and corpus tools read.
import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { EXPORT_FORMATS, runExport, type ExportFormat, type PairKind } from '../export/index.ts';

export default defineCommand({
  meta: {
    name: 'export',
    description: 'Export translations (fr→en) or aligned French↔French pairs: Hugging Face JSONL, Moses, TMX 1.4b, TSV, CSV or Parquet',
  },
  args: {
    dir: { type: 'positional', required: true, description: 'Run folder (sentences.jsonl for --pairs translation, alignments.jsonl for --pairs aligned)' },
    format: { type: 'string', valueHint: EXPORT_FORMATS.join('|'), description: 'Output format', required: true, alias: 'f' },
    pairs: { type: 'string', valueHint: 'translation|aligned', description: 'translation: each translated sentence with its English; aligned: sentence pairs across outlets (default: translation)' },
    out: { type: 'string', valueHint: 'FILE', description: 'Output file, or PREFIX for moses; - for standard output (default: DIR/export/<pairs>.<ext>)', alias: 'o' },
    'min-grade': { type: 'string', valueHint: '1|2', description: 'aligned: only pairs of at least this grade (2 = same information) (default: 1)' },
    'min-score': { type: 'string', valueHint: 'X', description: 'aligned: only pairs scoring at least X (default: no minimum)' },
    'include-boilerplate': { type: 'boolean', description: 'translation: also export translated boilerplate lines', default: false },
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const format = choice(args.format, '--format', EXPORT_FORMATS);
    const pairs = args.pairs === undefined ? 'translation' : choice(args.pairs, '--pairs', ['translation', 'aligned'] as const);
    const minGrade = args['min-grade'] === undefined ? undefined : choice(args['min-grade'], '--min-grade', ['1', '2'] as const);
    const minScore = args['min-score'] === undefined ? undefined : Number(args['min-score']);
    if (minScore !== undefined && !Number.isFinite(minScore)) throw new FralignError('USAGE', `--min-score: expected a number such as 0.5, got "${args['min-score']}"`);
    const result = await runExport(args.dir, {
      format: format as ExportFormat,
      pairs: pairs as PairKind,
      ...(args.out === undefined ? {} : { out: args.out }),
      ...(minGrade === undefined ? {} : { minGrade: Number(minGrade) as 1 | 2 }),
      ...(minScore === undefined ? {} : { minScore }),
      includeBoilerplate: Boolean(args['include-boilerplate']),
    });
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
