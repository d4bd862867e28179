// Export formats, pure: each text format is a RowFormat (text before the rows, one row's text, text
// after), so an export streams row by row: hf (Hugging Face `datasets` JSON lines with a
// `translation` dict), moses (two line-aligned text files + ids), tmx (TMX 1.4b), csv (RFC 4180,
// formula cells neutralised, BOM by default), tsv (RFC 4180 quoting with a tab separator); parquet
// (hyparquet-writer, fixed types) is written by ./parquet.ts. See docs/outputs.md for loading each one.
import type { Cell, Column, ExportTable, Row } from './rows.ts';
import type { Field, FieldType } from './table-schema.ts';

/** What a format needs to know of a table before its rows. */
export type TableShape = Pick<ExportTable, 'kind' | 'columns' | 'sides'>;

/** A line-based format: the text before the rows, one row's text, the text after. */
export interface RowFormat {
  readonly head: string;
  line(row: Row): string;
  readonly tail: string;
}

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
export function hfFormat(shape: TableShape): RowFormat {
  const [left, right] = shape.sides;
  const keyOf = shape.kind === 'translation' ? [left.lang, right.lang] : ['fr_a', 'fr_b'];
  return {
    head: '',
    line(row) {
      const { [left.column]: l, [right.column]: r, ...rest } = row;
      return `${JSON.stringify({ translation: { [keyOf[0]!]: l, [keyOf[1]!]: r }, ...rest })}\n`;
    },
    tail: '',
  };
}

/** Moses: the two sides as line-aligned texts (one line per row), plus the ids to map lines back. */
export function mosesFormats(shape: TableShape): { left: RowFormat; right: RowFormat; ids: RowFormat } {
  const [left, right] = shape.sides;
  const side = (column: string): RowFormat => ({ head: '', line: (row) => `${oneLine(String(row[column] ?? ''))}\n`, tail: '' });
  const ids: RowFormat = {
    head: '',
    line: (row) => `${shape.kind === 'translation' ? escapeId(String(row.id)) : `${escapeId(String(row.a))}\t${escapeId(String(row.b))}`}\n`,
    tail: '',
  };
  return { left: side(left.column), right: side(right.column), ids };
}

/** Moses file names: `PREFIX.fr` + `PREFIX.en`, or `PREFIX.a.fr` + `PREFIX.b.fr` for French↔French. */
export function mosesFiles(prefix: string, table: TableShape): { left: string; right: string; ids: string } {
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
export function tmxFormat(shape: TableShape, toolVersion: string): RowFormat {
  const [left, right] = shape.sides;
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<tmx version="1.4">\n',
    `  <header creationtool="fralign" creationtoolversion="${xmlEscape(toolVersion)}" datatype="plaintext" segtype="sentence" adminlang="en" srclang="${left.lang}" o-tmf="fralign-jsonl"/>\n`,
    '  <body>\n',
  ].join('');
  const line = (row: Row): string => {
    const out: string[] = [];
    const tuid = shape.kind === 'translation' ? escapeId(String(row.id)) : `${escapeId(String(row.a))}|${escapeId(String(row.b))}`;
    out.push(`    <tu tuid="${xmlEscape(tuid)}">\n`);
    for (const column of shape.columns) {
      if (column.name === left.column || column.name === right.column) continue;
      const value = tabularValue(column.name, row[column.name] ?? null);
      if (value !== '') out.push(`      <prop type="x-${column.name}">${xmlEscape(value)}</prop>\n`);
    }
    for (const [side, { column, lang }] of [['a', left], ['b', right]] as const) {
      const sideProp = shape.kind === 'aligned' ? `<prop type="x-side">${side}</prop>` : '';
      out.push(`      <tuv xml:lang="${lang}">${sideProp}<seg>${xmlEscape(String(row[column] ?? ''))}</seg></tuv>\n`);
    }
    out.push('    </tu>\n');
    return out.join('');
  };
  return { head, line, tail: '  </body>\n</tmx>\n' };
}

/**
 * Ids in text exports (Moses .ids, TSV, CSV, TMX tuid) keep every line-based format aligned: a
 * backslash becomes `\\`, tab `\t`, line feed `\n`, carriage return `\r`, and any other control or
 * line-separator character (U+0000-U+001F, U+007F-U+009F, U+2028, U+2029) `\uXXXX`. An id without
 * those characters (every id fralign makes from a file name or a clean JSONL id) is unchanged.
 */
export function escapeId(id: string): string {
  return id.replace(/[\\\u0000-\u001F\u007F-\u009F\u2028\u2029]/gu, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** Columns holding document, sentence or story ids: escaped with escapeId in text formats. */
const ID_COLUMNS: ReadonlySet<string> = new Set(['id', 'doc', 'a', 'b', 'a_doc', 'b_doc', 'story']);

/**
 * A cell as text for CSV/TSV/TMX props: null is an empty field, a list (`en_flags`) a JSON array
 * (`[]`, `["split","repeat"]`: a list in every format, `json.loads` reads it back), ids escaped.
 */
function tabularValue(column: string, value: Cell): string {
  if (value === null) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return ID_COLUMNS.has(column) ? escapeId(String(value)) : String(value);
}

/**
 * The OWASP rule against formula injection: a text cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe. Numbers are left as
 * they are (a negative en_score is a number, not a formula).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
}

/** RFC 4180 with `separator`: a field is quoted when it holds the separator, a quote, CR or LF; quotes doubled. */
function delimitedFormat(shape: TableShape, separator: ',' | '\t', lineEnd: string, bom: boolean, cellText: (column: Column, value: Cell) => string): RowFormat {
  const special = separator === ',' ? /[",\r\n]/u : /["\t\r\n]/u;
  const quote = (text: string): string => (special.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const join = (cells: readonly string[]): string => `${cells.map(quote).join(separator)}${lineEnd}`;
  return {
    head: (bom ? '\uFEFF' : '') + join(shape.columns.map((c) => c.name)),
    line: (row) => join(shape.columns.map((c) => cellText(c, row[c.name] ?? null))),
    tail: '',
  };
}

export interface DelimitedOptions {
  /** Start with a UTF-8 byte order mark, so desktop spreadsheets read the accents right. */
  readonly bom?: boolean;
}

/** CSV: RFC 4180 (header row, CRLF, quoted when needed), formula cells neutralised, optional BOM. */
export function csvFormat(shape: TableShape, options: DelimitedOptions = {}): RowFormat {
  return delimitedFormat(shape, ',', '\r\n', options.bom ?? false, (column, value) => {
    const text = tabularValue(column.name, value);
    return column.type === 'string' ? neutraliseFormula(text) : text;
  });
}

/**
 * TSV: a header row, tab-separated, LF line ends, RFC 4180 quoting with the tab as separator (a field
 * holding a tab, a quote or a line break is quoted, its quotes doubled): what pandas, polars, DuckDB
 * and csv-parse read by default with a tab separator, so every value comes back as written. Ids are
 * escaped (escapeId), so a record spans lines only when its text holds a line break.
 */
export function tsvFormat(shape: TableShape, options: DelimitedOptions = {}): RowFormat {
  return delimitedFormat(shape, '\t', '\n', options.bom ?? false, (column, value) => tabularValue(column.name, value));
}

/** The columns of an export table as schema fields: every column nullable, lists of strings. */
export function exportFields(table: TableShape): Field[] {
  const types: Readonly<Record<Column['type'], FieldType>> = {
    string: { kind: 'string' },
    int: { kind: 'int64' },
    float: { kind: 'float64' },
    list: { kind: 'list', items: { kind: 'string' }, itemsNullable: false },
  };
  return table.columns.map((column) => ({ name: column.name, type: types[column.type], nullable: true }));
}
