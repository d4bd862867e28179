// `fralign export`: a run folder's translations or aligned pairs in the formats MT and corpus tools
// read. I/O here; rows and formats are pure (./rows.ts, ./formats.ts).
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { checkPair, checkSegment, checkUserOutput, outputPath, readJsonlFile, writeChunks, writeUserOutput } from '../output/index.ts';
import type { AlignmentPair, Segment } from '../types.ts';
import { VERSION } from '../version.ts';
import { EXTENSIONS, mosesFiles, toCsv, toHf, toMoses, toParquet, toTmx, toTsv, type ExportFormat } from './formats.ts';
import { alignedTable, translationTable, type AlignedRowOptions, type ExportTable, type PairKind, type TranslationRowOptions } from './rows.ts';

export { EXPORT_FORMATS, type ExportFormat } from './formats.ts';
export { alignedTable, translationTable, type ExportTable, type PairKind } from './rows.ts';

export interface ExportOptions extends TranslationRowOptions, AlignedRowOptions {
  readonly format: ExportFormat;
  /** Default 'translation' (fr→en from sentences.jsonl); 'aligned' = fr↔fr from alignments.jsonl. */
  readonly pairs?: PairKind;
  /** File (or Moses prefix); '-' = standard output. Default DIR/export/<pairs>.<ext>. */
  readonly out?: string;
  /** CSV/TSV: start with a UTF-8 byte order mark. Default: true for csv (desktop spreadsheets), false for tsv. */
  readonly bom?: boolean;
  /** Where '-' writes; default process.stdout. */
  readonly stdout?: { write(chunk: string | Uint8Array): unknown };
}

export interface ExportResult {
  readonly rows: number;
  readonly files: readonly string[];
  readonly skipped: Readonly<Record<string, number>>;
}

export async function loadExportTable(dir: string, options: Omit<ExportOptions, 'format'> = {}): Promise<ExportTable> {
  if ((options.pairs ?? 'translation') === 'translation') {
    const segments = await readJsonlFile<Segment>(outputPath(dir, 'sentences'), `run \`fralign split <articles> --out ${dir}\` first`, checkSegment);
    const table = translationTable(segments, options);
    if (table.rows.length === 0 && segments.length > 0) {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${outputPath(dir, 'sentences')}: no translated sentences to export; run \`fralign translate --out ${dir}\` first, or export French↔French pairs with --pairs aligned`);
    }
    return table;
  }
  const pairs = await readJsonlFile<AlignmentPair>(outputPath(dir, 'alignments'), `run \`fralign align --out ${dir}\` first`, checkPair);
  return alignedTable(pairs, options);
}

export async function runExport(dir: string, options: ExportOptions): Promise<ExportResult> {
  const target = { flag: '--out', runDir: dir, allowStdout: options.format !== 'moses' } as const;
  if (options.out !== undefined && options.format !== 'moses') checkUserOutput(options.out, target);
  const table = await loadExportTable(dir, options);
  const stdout = options.stdout ?? process.stdout;
  if (options.format === 'moses') {
    if (options.out === '-') throw new FralignError('USAGE', '--format moses writes two files; give --out PREFIX (PREFIX.fr + PREFIX.en), not -');
    const names = mosesFiles(options.out ?? path.join(dir, 'export', table.kind), table);
    const texts = toMoses(table);
    for (const name of [names.left, names.right, names.ids]) checkUserOutput(name, target);
    await writeUserOutput(names.left, target, (out) => writeChunks(out, texts.left));
    await writeUserOutput(names.right, target, (out) => writeChunks(out, texts.right));
    await writeUserOutput(names.ids, target, (out) => writeChunks(out, texts.ids));
    return { rows: table.rows.length, files: [names.left, names.right, names.ids], skipped: table.skipped };
  }
  const content = render(table, options.format, options.bom);
  const out = options.out ?? path.join(dir, 'export', `${table.kind}.${EXTENSIONS[options.format]}`);
  if (out === '-') stdout.write(content);
  else await writeUserOutput(out, target, (stream) => writeChunks(stream, content));
  return { rows: table.rows.length, files: [out === '-' ? 'standard output' : out], skipped: table.skipped };
}

function render(table: ExportTable, format: Exclude<ExportFormat, 'moses'>, bom: boolean | undefined): string | Uint8Array {
  switch (format) {
    case 'hf':
      return toHf(table);
    case 'tmx':
      return toTmx(table, VERSION);
    case 'csv':
      return toCsv(table, { bom: bom ?? true });
    case 'tsv':
      return toTsv(table, { bom: bom ?? false });
    case 'parquet':
      return toParquet(table, VERSION);
  }
}
