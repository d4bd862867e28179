// The rows an export holds, as plain columns: French→English translations (one per translated
// sentence of sentences.jsonl) or French↔French pairs (one per line of alignments.jsonl). Pure.
import type { AlignmentPair, Segment } from '../types.ts';

export type PairKind = 'translation' | 'aligned';

/** A column: its name and how tabular formats type it (lists are `;`-joined strings there). */
export interface Column {
  readonly name: string;
  readonly type: 'string' | 'int' | 'float' | 'list';
}

export type Cell = string | number | readonly string[] | null;
export type Row = Readonly<Record<string, Cell>>;

export interface ExportTable {
  readonly kind: PairKind;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** The two text columns a parallel format (Moses, TMX, HF `translation`) pairs up, with their languages. */
  readonly sides: readonly [{ column: string; lang: string }, { column: string; lang: string }];
  /** Sentences or pairs not exported, and why (e.g. "untranslated"), so the summary can say so. */
  readonly skipped: Readonly<Record<string, number>>;
}

const TRANSLATION_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'string' },
  { name: 'doc', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'fr', type: 'string' },
  { name: 'en', type: 'string' },
  { name: 'en_flags', type: 'list' },
  { name: 'en_score', type: 'float' },
  { name: 'start', type: 'int' },
  { name: 'end', type: 'int' },
  { name: 'start_cp', type: 'int' },
  { name: 'end_cp', type: 'int' },
];

const ALIGNED_COLUMNS: readonly Column[] = [
  { name: 'a', type: 'string' },
  { name: 'b', type: 'string' },
  { name: 'a_doc', type: 'string' },
  { name: 'b_doc', type: 'string' },
  { name: 'a_source', type: 'string' },
  { name: 'b_source', type: 'string' },
  { name: 'a_title', type: 'string' },
  { name: 'b_title', type: 'string' },
  { name: 'a_fr', type: 'string' },
  { name: 'b_fr', type: 'string' },
  { name: 'a_en', type: 'string' },
  { name: 'b_en', type: 'string' },
  { name: 'score', type: 'float' },
  { name: 'grade', type: 'int' },
  { name: 'story', type: 'string' },
];

/** What a record read back from disk may carry beyond the in-memory types. */
type Carried = Readonly<Record<string, unknown>>;

const cell = (value: unknown): string | number | null => (typeof value === 'string' || typeof value === 'number' ? value : null);

export interface TranslationRowOptions {
  /** Also export boilerplate lines that were translated (default false: body and title only). */
  readonly includeBoilerplate?: boolean;
}

/** The translation table's shape: French→English, one row per translated sentence. */
export const TRANSLATION_SHAPE = { kind: 'translation', columns: TRANSLATION_COLUMNS, sides: [{ column: 'fr', lang: 'fr' }, { column: 'en', lang: 'en' }] } as const satisfies Omit<ExportTable, 'rows' | 'skipped'>;

/** The row of one sentence, or why it is not exported ("boilerplate", "not French", "untranslated"). */
export function translationRow(segment: Segment, options: TranslationRowOptions = {}): Row | string {
  if (segment.kind === 'boilerplate' && !options.includeBoilerplate) return 'boilerplate';
  // An English sentence copied to `en` (source-en) or another language left as it is: no French→English pair.
  if (segment.lang !== undefined && segment.lang !== null && segment.lang !== 'fr') return 'not French';
  if (segment.en === undefined || segment.en === null || segment.en === '') return 'untranslated';
  const carried = segment as Segment & Carried;
  return {
    id: segment.id,
    doc: segment.doc,
    source: cell(carried.source),
    title: cell(carried.title),
    kind: segment.kind,
    fr: segment.fr,
    en: segment.en,
    en_flags: segment.en_flags ?? [],
    en_score: segment.en_score ?? null,
    start: segment.start,
    end: segment.end,
    start_cp: cell(carried.start_cp),
    end_cp: cell(carried.end_cp),
  };
}

/** Rows of `records` with `toRow`, counting the records left out by reason in `skipped`. */
export function* keptRows<T>(records: Iterable<T>, toRow: (record: T) => Row | string, skipped: Record<string, number>): Generator<Row> {
  for (const record of records) {
    const row = toRow(record);
    if (typeof row === 'string') skipped[row] = (skipped[row] ?? 0) + 1;
    else yield row;
  }
}

export function translationTable(segments: readonly Segment[], options: TranslationRowOptions = {}): ExportTable {
  const skipped: Record<string, number> = {};
  const rows = [...keptRows(segments, (s) => translationRow(s, options), skipped)];
  return { ...TRANSLATION_SHAPE, rows, skipped };
}

export interface AlignedRowOptions {
  /** Only pairs of at least this grade (1 = partial overlap, 2 = same information). Default 1. */
  readonly minGrade?: 1 | 2;
  readonly minScore?: number;
}

/** The aligned table's shape: French↔French, one row per aligned pair. */
export const ALIGNED_SHAPE = { kind: 'aligned', columns: ALIGNED_COLUMNS, sides: [{ column: 'a_fr', lang: 'fr' }, { column: 'b_fr', lang: 'fr' }] } as const satisfies Omit<ExportTable, 'rows' | 'skipped'>;

/** The row of one aligned pair, or why it is not exported (below --min-grade / --min-score). */
export function alignedRow(pair: AlignmentPair, options: AlignedRowOptions = {}): Row | string {
  if (pair.grade < (options.minGrade ?? 1)) return 'below --min-grade';
  if (options.minScore !== undefined && pair.score < options.minScore) return 'below --min-score';
  const carried = pair as AlignmentPair & Carried;
  return {
    a: pair.a,
    b: pair.b,
    a_doc: pair.a_doc,
    b_doc: pair.b_doc,
    a_source: cell(carried.a_source),
    b_source: cell(carried.b_source),
    a_title: cell(carried.a_title),
    b_title: cell(carried.b_title),
    a_fr: pair.a_fr,
    b_fr: pair.b_fr,
    a_en: pair.a_en ?? null,
    b_en: pair.b_en ?? null,
    score: pair.score,
    grade: pair.grade,
    story: pair.story ?? null,
  };
}

export function alignedTable(pairs: readonly AlignmentPair[], options: AlignedRowOptions = {}): ExportTable {
  const skipped: Record<string, number> = {};
  const rows = [...keptRows(pairs, (p) => alignedRow(p, options), skipped)];
  return { ...ALIGNED_SHAPE, rows, skipped };
}
