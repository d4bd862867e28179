// Parquet written row group by row group: rows are pulled from an (async) iterable, ROW_GROUP_ROWS
// at a time, encoded with hyparquet-writer's ParquetWriter against a fixed schema (./derive.ts), and
// each finished group is written to the output stream before the next is read. Memory is bounded by
// one row group, whatever the table's size, and the column types never depend on the data (a column
// of nulls is still a string column), so files from different runs concatenate in every tool.
import { once } from 'node:events';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { FralignError } from '../errors.ts';
import { MissingValue, parquetSchema, parquetValue } from './derive.ts';
import type { Field } from './table-schema.ts';

/**
 * Rows per row group. A group is the unit streaming readers (datasets streaming, DuckDB, polars
 * scan_parquet) fetch and decode at once: 10,000 sentences are ~5-10 MB uncompressed, small enough to
 * stream and to hold while writing, large enough that per-group overhead is negligible.
 */
export const ROW_GROUP_ROWS = 10_000;

export interface ParquetWriteOptions {
  readonly rowGroupRows?: number;
  /** FileMetaData created_by, e.g. "fralign 0.3.0". */
  readonly createdBy: string;
  /** Said in the error when a required field is missing, e.g. the JSONL file's path. */
  readonly source: string;
}

/** A hyparquet Writer that hands each flushed chunk to a Node stream (with backpressure). */
class StreamByteWriter extends ByteWriter {
  constructor(private readonly out: NodeJS.WritableStream) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const chunk = Buffer.from(this.getBytes());
    this.index = 0;
    if (chunk.length === 0 || this.out.write(chunk)) return Promise.resolve();
    return once(this.out, 'drain').then(() => undefined);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

/** Writes `rows` as one Parquet file to `out`; returns the number of rows. */
export async function writeParquet(
  rows: Iterable<Readonly<Record<string, unknown>>> | AsyncIterable<Readonly<Record<string, unknown>>>,
  fields: readonly Field[],
  out: NodeJS.WritableStream,
  options: ParquetWriteOptions,
): Promise<number> {
  const writer = new StreamByteWriter(out);
  const parquet = new ParquetWriter({ writer, schema: parquetSchema(fields), createdBy: options.createdBy });
  const groupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
  let columns: unknown[][] = fields.map(() => []);
  let inGroup = 0;
  let total = 0;
  const flushGroup = async (): Promise<void> => {
    if (inGroup === 0) return;
    await parquet.write({ columnData: fields.map((f, c) => ({ name: f.name, data: columns[c]! })), rowGroupSize: inGroup });
    columns = fields.map(() => []);
    inGroup = 0;
  };
  for await (const row of rows) {
    total++;
    fields.forEach((field, c) => {
      const value = row[field.name];
      try {
        if ((value === null || value === undefined) && !field.nullable) throw new MissingValue(field.name);
        columns[c]!.push(parquetValue(field.type, value, field.name));
      } catch (error) {
        if (!(error instanceof MissingValue)) throw error;
        throw new FralignError('OUTPUT', `${options.source}: record ${total} has no "${error.path}" (the schema in schemas/ requires it); rerun the stage that writes this file`);
      }
    });
    if (++inGroup >= groupRows) await flushGroup();
  }
  await flushGroup();
  await parquet.finish();
  return total;
}
