// Document metadata: which outlet published an article, its headline, address and date. It comes
// from the keys of a JSONL line, from a sidecar `article.meta.json` beside `article.txt`, or from a
// `--meta FILE` (CSV with a header row, or JSONL) that names documents by id or file name.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { FralignError } from '../errors.ts';
import type { Document, DocumentFailure, DocumentMeta } from '../types.ts';
import { decodeUtf8Text } from './read-text.ts';

/** Keys that name the outlet, in order of preference; `outlet` is what many scrapers write. */
const SOURCE_KEYS = ['source', 'outlet'] as const;
/** Keys a --meta row may use to say which document it describes. */
const KEY_COLUMNS = ['id', 'file', 'path'] as const;

/**
 * Metadata from a JSON object or CSV row: every key is kept as it is, and `source` is filled from
 * `outlet` when only that is given. Empty strings and nulls count as absent.
 */
export function normaliseMeta(record: Readonly<Record<string, unknown>>): DocumentMeta {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined || value === '') continue;
    meta[key] = typeof value === 'number' ? String(value) : value;
  }
  const source = SOURCE_KEYS.map((key) => meta[key]).find((value) => typeof value === 'string');
  if (source !== undefined) meta['source'] = source;
  return meta;
}

/** `path/to/article.txt` → `path/to/article.meta.json`. */
export function sidecarPath(textFile: string): string {
  return path.join(path.dirname(textFile), `${path.basename(textFile, path.extname(textFile))}.meta.json`);
}

/** The sidecar's metadata, or undefined when there is none. A sidecar that is not a JSON object is an error. */
export async function readSidecar(textFile: string): Promise<DocumentMeta | undefined> {
  const file = sidecarPath(textFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FralignError('INPUT', `${file}: invalid JSON (${(error as Error).message}); expected {"source": "...", "title": "...", "url": "...", "date": "..."}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FralignError('INPUT', `${file}: expected a JSON object {"source": "...", "title": "..."}`);
  }
  return normaliseMeta(value as Record<string, unknown>);
}

export interface MetaRow {
  /** `FILE:LINE`, for messages. */
  readonly where: string;
  /** The document id or file name the row describes. */
  readonly key: string;
  readonly meta: DocumentMeta;
}

/** Parses a --meta file: CSV (header row; `.csv`) or JSONL (one object per line). Pure. */
export function parseMetaTable(text: string, file: string): MetaRow[] {
  const rows: { line: number; record: Record<string, unknown> }[] = [];
  if (file.toLowerCase().endsWith('.csv')) {
    let records: Record<string, string>[];
    try {
      records = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, string>[];
    } catch (error) {
      throw new FralignError('USAGE', `--meta ${file}: not valid CSV (${(error as Error).message}); expected a header row such as id,source,title,url,date`);
    }
    // Line numbers as an editor shows them: the header is line 1.
    records.forEach((record, i) => rows.push({ line: i + 2, record }));
  } else {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new FralignError('USAGE', `--meta ${file}:${i + 1}: invalid JSON (${(error as Error).message}); expected {"id": "...", "source": "..."} per line, or a .csv file`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new FralignError('USAGE', `--meta ${file}:${i + 1}: expected a JSON object {"id": "...", "source": "..."}`);
      }
      rows.push({ line: i + 1, record: value as Record<string, unknown> });
    });
  }
  return rows.map(({ line, record }) => {
    const where = `${file}:${line}`;
    const keyColumn = KEY_COLUMNS.find((column) => record[column] !== undefined && record[column] !== '');
    if (keyColumn === undefined) {
      throw new FralignError('USAGE', `--meta ${where}: no ${KEY_COLUMNS.join('/')} column saying which document the row describes`);
    }
    const { [keyColumn]: key, ...rest } = record;
    return { where, key: String(key), meta: normaliseMeta(rest) };
  });
}

export async function readMetaTable(file: string): Promise<MetaRow[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new FralignError('USAGE', `--meta ${file}: no such file; pass a .csv or .jsonl file with an id column`);
  }
  return parseMetaTable(decodeUtf8Text(bytes, file), file);
}

/**
 * Applies --meta rows to documents, matched by id, then by file name or path. A row's values
 * override those the document already had (the flag is the user's correction). A row that matches
 * no document is reported as a failure rather than ignored.
 */
export function applyMetaRows(
  documents: readonly Document[],
  rows: readonly MetaRow[],
): { documents: Document[]; failures: DocumentFailure[] } {
  const applier = metaApplier(rows);
  const updated = documents.map((doc) => applier.apply(doc));
  return { documents: updated, failures: applier.unmatched() };
}

export interface MetaApplier {
  /** The document with the metadata of the rows that name it (the same object when none does). */
  apply(doc: Document): Document;
  /** A failure for each row that named no document passed to `apply` so far. */
  unmatched(): DocumentFailure[];
}

/** applyMetaRows one document at a time, for a stream of documents: the table is small, the corpus need not be. */
export function metaApplier(rows: readonly MetaRow[]): MetaApplier {
  const byKey = new Map<string, DocumentMeta>();
  for (const row of rows) byKey.set(row.key, { ...byKey.get(row.key), ...row.meta });
  const used = new Set<string>();
  return {
    apply(doc) {
      const keys = [doc.id, path.basename(doc.path), doc.path].filter((key) => byKey.has(key));
      if (keys.length === 0) return doc;
      keys.forEach((key) => used.add(key));
      const meta = keys.reduce<DocumentMeta>((merged, key) => ({ ...merged, ...byKey.get(key) }), doc.meta);
      return { ...doc, meta };
    },
    unmatched() {
      return rows
        .filter((row) => !used.has(row.key))
        .map((row) => ({
          source: row.where,
          code: 'INPUT',
          message: `--meta ${row.where}: no input document has id or file name "${row.key}"; check the spelling or drop the row`,
        }));
    },
  };
}
