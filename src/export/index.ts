// `fralign export`: a run folder's translations or aligned pairs in the formats MT and corpus tools
// read, streamed from the JSONL row by row. I/O here; rows and formats are pure (./rows.ts, ./formats.ts).
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { readCheckedManifest } from '../inspect/load.ts';
import { checkPair, checkSegment, checkUserOutput, outputPath, streamJsonlFile, writeChunks, writeUserOutput } from '../output/index.ts';
import type { AlignmentPair, Segment } from '../types.ts';
import { VERSION } from '../version.ts';
import { csvFormat, EXTENSIONS, exportFields, hfFormat, mosesFiles, mosesFormats, tmxFormat, tsvFormat, type ExportFormat, type RowFormat, type TableShape } from './formats.ts';
import { writeParquet } from './parquet.ts';
import { ALIGNED_SHAPE, alignedRow, TRANSLATION_SHAPE, translationRow, type AlignedRowOptions, type ExportTable, type PairKind, type Row, type TranslationRowOptions } from './rows.ts';

export { EXPORT_FORMATS, type ExportFormat } from './formats.ts';
export { alignedTable, translationTable, type ExportTable, type PairKind } from './rows.ts';
export { runTableExport, TABLES, type TableName, type TableExportOptions } from './table-export.ts';

export interface ExportOptions extends TranslationRowOptions, AlignedRowOptions {
  readonly format: ExportFormat;
  /** Default 'translation' (fr→en from sentences.jsonl); 'aligned' = fr↔fr from alignments.jsonl. */
  readonly pairs?: PairKind;
  /** File (or Moses prefix); '-' = standard output. Default DIR/export/<pairs>.<ext>. */
  readonly out?: string;
  /** CSV/TSV: start with a UTF-8 byte order mark. Default: true for a csv file (desktop spreadsheets), false for tsv and for standard output (pipes). */
  readonly bom?: boolean;
}

export interface ExportResult {
  readonly rows: number;
  readonly files: readonly string[];
  readonly skipped: Readonly<Record<string, number>>;
}


/** The whole table in memory (library API, for small runs; runExport streams instead). */
export async function loadExportTable(dir: string, options: Omit<ExportOptions, 'format'> = {}): Promise<ExportTable> {
  await checkSomethingToExport(dir, options);
  const skipped: Record<string, number> = {};
  const rows: Row[] = [];
  for await (const row of exportRows(dir, options, skipped)) rows.push(row);
  return { ...shapeOf(options), rows, skipped };
}

const shapeOf = (options: Omit<ExportOptions, 'format'>): TableShape => ((options.pairs ?? 'translation') === 'translation' ? TRANSLATION_SHAPE : ALIGNED_SHAPE);

/** The rows of the export, read from the JSONL one record at a time; left-out records counted in `skipped`. */
async function* exportRows(dir: string, options: Omit<ExportOptions, 'format'>, skipped: Record<string, number>): AsyncGenerator<Row> {
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  if ((options.pairs ?? 'translation') === 'translation') {
    for await (const segment of streamJsonlFile<Segment>(outputPath(dir, 'sentences'), `run \`fralign split <articles> --out ${dir}\` first`, checkSegment)) {
      const row = translationRow(segment, options);
      if (typeof row === 'string') skip(row);
      else yield row;
    }
    return;
  }
  for await (const pair of streamJsonlFile<AlignmentPair>(outputPath(dir, 'alignments'), `run \`fralign align ${dir}\` first`, checkPair)) {
    const row = alignedRow(pair, options);
    if (typeof row === 'string') skip(row);
    else yield row;
  }
}

/**
 * An untranslated run has nothing to export as translations: say so before writing anything. Reads
 * only up to the first exportable row (the whole file only when there is none).
 */
async function checkSomethingToExport(dir: string, options: Omit<ExportOptions, 'format'>): Promise<void> {
  if ((options.pairs ?? 'translation') !== 'translation') {
    // The same refusal as inspect and the report: alignments marked stale, or made from another
    // sentences.jsonl than the one now there, would export pairs of documents no longer in the run.
    await readCheckedManifest(dir);
    return;
  }
  const skipped: Record<string, number> = {};
  for await (const row of exportRows(dir, options, skipped)) {
    void row;
    return;
  }
  if (Object.keys(skipped).length > 0) {
    throw new FralignError('MISSING_STAGE_OUTPUT', `${outputPath(dir, 'sentences')}: no translated sentences to export; run \`fralign translate ${dir}\` first, or export French↔French pairs with --pairs aligned`);
  }
}

/** Streams the rows through `format` to `out`, in chunks of about 1 MB; returns the row count. */
async function writeRows(out: NodeJS.WritableStream, format: RowFormat, rows: AsyncIterable<Row>): Promise<number> {
  let chunk = format.head;
  let count = 0;
  for await (const row of rows) {
    chunk += format.line(row);
    count++;
    if (chunk.length >= CHUNK_CHARS) {
      await writeChunks(out, chunk);
      chunk = '';
    }
  }
  await writeChunks(out, chunk + format.tail);
  return count;
}

const CHUNK_CHARS = 1 << 20;

/**
 * Writes the export, streamed: rows are read from the JSONL and written one at a time (Parquet one
 * row group at a time), so memory does not grow with the run. Moses reads the JSONL once per file.
 */
export async function runExport(dir: string, options: ExportOptions): Promise<ExportResult> {
  const target = { flag: '--out', runDir: dir, allowStdout: options.format !== 'moses' } as const;
  if (options.format === 'moses' && options.out === '-') throw new FralignError('USAGE', '--format moses writes two files; give --out PREFIX (PREFIX.fr + PREFIX.en), not -');
  if (options.out !== undefined && options.format !== 'moses') checkUserOutput(options.out, target);
  const shape = shapeOf(options);
  await checkSomethingToExport(dir, options);
  let skipped: Record<string, number> = {};
  let rows = 0;
  if (options.format === 'moses') {
    const names = mosesFiles(options.out ?? path.join(dir, 'export', shape.kind), shape);
    const formats = mosesFormats(shape);
    for (const name of [names.left, names.right, names.ids]) checkUserOutput(name, target);
    for (const [name, format] of [[names.left, formats.left], [names.right, formats.right], [names.ids, formats.ids]] as const) {
      skipped = {};
      await writeUserOutput(name, target, async (out) => {
        rows = await writeRows(out, format, exportRows(dir, options, skipped));
      });
    }
    return { rows, files: [names.left, names.right, names.ids], skipped };
  }
  const format = options.format;
  const out = options.out ?? path.join(dir, 'export', `${shape.kind}.${EXTENSIONS[format]}`);
  await writeUserOutput(out, target, async (stream) => {
    rows =
      format === 'parquet'
        ? await writeParquet(exportRows(dir, options, skipped), exportFields(shape), stream, { createdBy: `fralign ${VERSION}`, source: dir })
        : await writeRows(stream, rowFormat(shape, format, options.bom ?? (format === 'csv' && out !== '-')), exportRows(dir, options, skipped));
  });
  return { rows, files: [out === '-' ? 'standard output' : out], skipped };
}

function rowFormat(shape: TableShape, format: Exclude<ExportFormat, 'moses' | 'parquet'>, bom: boolean): RowFormat {
  switch (format) {
    case 'hf':
      return hfFormat(shape);
    case 'tmx':
      return tmxFormat(shape, VERSION);
    case 'csv':
      return csvFormat(shape, { bom });
    case 'tsv':
      return tsvFormat(shape, { bom });
  }
}
