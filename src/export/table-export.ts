// `fralign export DIR --format parquet --table sentences|alignments|groups|stories`: a whole run
// table (every row, every field of its JSON Schema) as Parquet with the fixed column types of
// schemas/ (src/export/tables.generated.ts), streamed from the JSONL one row group at a time.
// Why an export and not a file `run` writes: the JSONL stays the one primary output that every stage
// resumes from and verifies; a Parquet copy is derived, can be rebuilt at any time, and is only
// paid for by those who want it.
import path from 'node:path';
import { checkGroup, checkPair, checkSegment, checkUserOutput, streamJsonlFile, writeUserOutput, type LineCheck } from '../output/index.ts';
import { readCheckedManifest } from '../inspect/load.ts';
import { VERSION } from '../version.ts';
import { writeParquet } from './parquet.ts';
import { TABLE_SCHEMAS } from './tables.generated.ts';
import { TABLE_SOURCES, TABLES, type TableName } from './table-schema.ts';

export { TABLES, type TableName } from './table-schema.ts';

export interface TableExportOptions {
  readonly table: TableName;
  /** File, or '-' for standard output. Default DIR/export/<table>.parquet. */
  readonly out?: string;
  /** Rows per Parquet row group (default ROW_GROUP_ROWS). */
  readonly rowGroupRows?: number;
}

const CHECKS: Readonly<Record<TableName, LineCheck>> = {
  sentences: checkSegment,
  alignments: checkPair,
  groups: checkGroup,
  stories: () => undefined,
};

const STAGE: Readonly<Record<TableName, string>> = { sentences: 'split', alignments: 'align', groups: 'align', stories: 'stories' };

export function isTableName(value: string): value is TableName {
  return (TABLES as readonly string[]).includes(value);
}

export async function runTableExport(dir: string, options: TableExportOptions): Promise<{ rows: number; files: string[] }> {
  const { table } = options;
  const jsonl = path.join(dir, TABLE_SOURCES[table].file);
  const out = options.out ?? path.join(dir, 'export', `${table}.parquet`);
  const target = { flag: '--out', runDir: dir } as const;
  checkUserOutput(out, target);
  // The same refusal as inspect, report and --pairs aligned: alignments (and the groups made with
  // them) marked stale, or made from another sentences.jsonl than the one now there.
  if (table === 'alignments' || table === 'groups') await readCheckedManifest(dir);
  const records = streamJsonlFile<Record<string, unknown>>(jsonl, `run \`fralign ${STAGE[table]} --out ${dir}\` first`, CHECKS[table]);
  let rows = 0;
  await writeUserOutput(out, target, async (stream) => {
    rows = await writeParquet(records, TABLE_SCHEMAS[table].fields, stream, {
      createdBy: `fralign ${VERSION}`,
      source: jsonl,
      ...(options.rowGroupRows === undefined ? {} : { rowGroupRows: options.rowGroupRows }),
    });
  });
  return { rows, files: [out === '-' ? 'standard output' : out] };
}
