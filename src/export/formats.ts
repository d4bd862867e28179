// Export formats, each a pure function from a table to text or bytes:
// hf (Hugging Face `datasets` JSON lines with a `translation` dict), moses (two line-aligned text
// files), tmx (TMX 1.4b), csv (RFC 4180), tsv (no quoting: tabs and line breaks become spaces) and
// parquet (hyparquet-writer, pure JavaScript). See docs/outputs.md for loading each one.
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import type { Cell, ExportTable, Row } from './rows.ts';

export const EXPORT_FORMATS = ['hf', 'moses', 'tmx', 'tsv', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension of each single-file format. */
export const EXTENSIONS: Readonly<Record<Exclude<ExportFormat, 'moses'>, string>> = {
  hf: 'jsonl',
  tmx: 'tmx',
  tsv: 'tsv',
  csv: 'csv',
  parquet: 'parquet',
};

/** One line: line breaks and tabs inside a sentence become single spaces (Moses and TSV are line/tab based). */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\t\u2028\u2029]+\s*/gu, ' ');
}

/** HF: `{"translation": {"fr": …, "en": …}, …every other column}` per line. */
export function toHf(table: ExportTable): string {
  const [left, right] = table.sides;
  const keyOf = table.kind === 'translation' ? [left.lang, right.lang] : ['fr_a', 'fr_b'];
  return table.rows
    .map((row) => {
      const { [left.column]: l, [right.column]: r, ...rest } = row;
      return `${JSON.stringify({ translation: { [keyOf[0]!]: l, [keyOf[1]!]: r }, ...rest })}\n`;
    })
    .join('');
}

/** Moses: the two sides as line-aligned texts, plus the ids (one per line) to map lines back. */
export function toMoses(table: ExportTable): { left: string; right: string; ids: string } {
  const [left, right] = table.sides;
  const lines = (column: string): string => table.rows.map((row) => `${oneLine(String(row[column] ?? ''))}\n`).join('');
  const ids = table.rows.map((row) => `${table.kind === 'translation' ? row.id : `${String(row.a)}\t${String(row.b)}`}\n`).join('');
  return { left: lines(left.column), right: lines(right.column), ids };
}

/** Moses file names: `PREFIX.fr` + `PREFIX.en`, or `PREFIX.a.fr` + `PREFIX.b.fr` for French↔French. */
export function mosesFiles(prefix: string, table: ExportTable): { left: string; right: string; ids: string } {
  return table.kind === 'translation'
    ? { left: `${prefix}.fr`, right: `${prefix}.en`, ids: `${prefix}.ids` }
    : { left: `${prefix}.a.fr`, right: `${prefix}.b.fr`, ids: `${prefix}.ids` };
}

// Characters XML 1.0 cannot carry at all, even escaped; replaced by U+FFFD (and counted by the caller).
// With the u flag a well-formed surrogate pair is one code point, so the range matches only lone halves.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

export function xmlEscape(text: string): string {
  return text
    .replace(XML_ILLEGAL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * TMX 1.4b: one <tu> per row with its id as `tuid`, the other columns as <prop type="x-…">, and one
 * <tuv> per side. French↔French pairs have two `fr` variants, told apart by <prop type="x-side">.
 */
export function toTmx(table: ExportTable, toolVersion: string): string {
  const [left, right] = table.sides;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<tmx version="1.4">\n',
    `  <header creationtool="fralign" creationtoolversion="${xmlEscape(toolVersion)}" datatype="plaintext" segtype="sentence" adminlang="en" srclang="${left.lang}" o-tmf="fralign-jsonl"/>\n`,
    '  <body>\n',
  ];
  for (const row of table.rows) {
    const tuid = table.kind === 'translation' ? String(row.id) : `${String(row.a)}|${String(row.b)}`;
    out.push(`    <tu tuid="${xmlEscape(tuid)}">\n`);
    for (const column of table.columns) {
      if (column.name === left.column || column.name === right.column) continue;
      const value = tabularValue(row[column.name] ?? null);
      if (value !== '') out.push(`      <prop type="x-${column.name}">${xmlEscape(value)}</prop>\n`);
    }
    for (const [side, { column, lang }] of [['a', left], ['b', right]] as const) {
      const sideProp = table.kind === 'aligned' ? `<prop type="x-side">${side}</prop>` : '';
      out.push(`      <tuv xml:lang="${lang}">${sideProp}<seg>${xmlEscape(String(row[column] ?? ''))}</seg></tuv>\n`);
    }
    out.push('    </tu>\n');
  }
  out.push('  </body>\n', '</tmx>\n');
  return out.join('');
}

/** A cell as text for CSV/TSV/TMX props: lists `;`-joined, null empty. */
function tabularValue(value: Cell): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

/** RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function toCsv(table: ExportTable): string {
  const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const line = (cells: readonly string[]): string => `${cells.map(quote).join(',')}\r\n`;
  return line(table.columns.map((c) => c.name)) + table.rows.map((row) => line(table.columns.map((c) => tabularValue(row[c.name] ?? null)))).join('');
}

/** TSV as `cut`/`paste`/MT tools expect: a header row, no quoting, tabs and line breaks in text become spaces. */
export function toTsv(table: ExportTable): string {
  const line = (cells: readonly string[]): string => `${cells.map(oneLine).join('\t')}\n`;
  return line(table.columns.map((c) => c.name)) + table.rows.map((row) => line(table.columns.map((c) => tabularValue(row[c.name] ?? null)))).join('');
}

/** Parquet: strings as UTF8, offsets/grade INT32, scores DOUBLE, lists `;`-joined strings; nulls kept. */
export function toParquet(table: ExportTable, toolVersion: string): Uint8Array {
  const columnData: ColumnSource[] = table.columns.map((column) => {
    const values = table.rows.map((row: Row) => row[column.name] ?? null);
    switch (column.type) {
      case 'int':
        return { name: column.name, data: values as (number | null)[], type: 'INT32' };
      case 'float':
        return { name: column.name, data: values as (number | null)[], type: 'DOUBLE' };
      case 'list':
        return { name: column.name, data: values.map((v) => tabularValue(v)), type: 'STRING' };
      default:
        return { name: column.name, data: values as (string | null)[], type: 'STRING' };
    }
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: `fralign ${toolVersion}` }));
}
