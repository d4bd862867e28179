// Issue 22 at corpus scale: two real runs (210 articles untranslated, the first 30 with no title and
// no source, so hundreds of leading sentence rows hold nulls; 15 articles translated with the tiny
// test model), every table exported as Parquet and every pairs format written, each read back by a
// real reader from npm (hyparquet, csv-parse, fast-xml-parser, JSON.parse), checking row counts
// against the JSONL and the column types. The Python loaders (pandas, polars, DuckDB, datasets) are
// checked on the same runs by scripts/check-loaders.py (docs/outputs.md).
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { loaderCorpusJsonl } from '../scripts/lib/loader-corpus.ts';
import { runExport, type ExportFormat, type PairKind } from '../src/export/index.ts';
import { runTableExport, TABLES, type TableName } from '../src/export/table-export.ts';
import { TABLE_SCHEMAS } from '../src/export/tables.generated.ts';
import { ROOT, runCliAsync } from './helpers/cli.ts';

const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
type Run = 'untranslated' | 'translated';
const dirs = {} as Record<Run, string>;
const jsonl = {} as Record<Run, Record<TableName, Record<string, unknown>[]>>;

const readJsonl = async (file: string): Promise<Record<string, unknown>[]> =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

const readParquet = async (file: string): Promise<{ rows: Record<string, unknown>[]; schema: unknown }> => {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const metadata = parquetMetadata(buffer);
  return { rows: (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[], schema: metadata.schema };
};

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'fralign-corpus-'));
  await writeFile(path.join(base, 'corpus.jsonl'), loaderCorpusJsonl(210, 30, 36));
  await writeFile(path.join(base, 'small.jsonl'), loaderCorpusJsonl(15, 5));
  dirs.untranslated = path.join(base, 'untranslated');
  dirs.translated = path.join(base, 'translated');
  const runs = await Promise.all([
    runCliAsync(['run', path.join(base, 'corpus.jsonl'), '--out', dirs.untranslated, '--no-translate', '--quiet']),
    runCliAsync(['run', path.join(base, 'small.jsonl'), '--out', dirs.translated, '--model', TINY, '--quiet']),
  ]);
  for (const run of runs) expect(run.stderr).toBe('');
  for (const run of ['untranslated', 'translated'] as const) {
    jsonl[run] = {} as Record<TableName, Record<string, unknown>[]>;
    for (const table of TABLES) jsonl[run][table] = await readJsonl(path.join(dirs[run], `${table}.jsonl`));
  }
}, 240_000);

describe('the corpus runs', () => {
  it('are corpus-like: 210 articles, nulls in the first 100 sentence rows, an untranslated and a translated run', () => {
    const sentences = jsonl.untranslated.sentences;
    expect(new Set(sentences.map((s) => s.doc)).size).toBe(210);
    expect(sentences.slice(0, 100).every((s) => s.title === null && s.source === null)).toBe(true);
    expect(sentences.every((s) => s.en === null)).toBe(true);
    expect(jsonl.translated.sentences.filter((s) => s.kind !== 'boilerplate').every((s) => typeof s.en === 'string')).toBe(true);
    for (const run of ['untranslated', 'translated'] as const) for (const table of TABLES) expect(jsonl[run][table].length, `${run} ${table}`).toBeGreaterThan(0);
    // 36 versions of one wire story: align copies alignments, and those pairs carry signals.copy.
    expect(jsonl.untranslated.alignments.some((p) => (p.signals as Record<string, number>).copy === 1)).toBe(true);
  });
});

describe.each(TABLES)('export --format parquet --table %s', (table) => {
  it('has every JSONL row and field, with the same values, in both runs', async () => {
    for (const run of ['untranslated', 'translated'] as const) {
      const file = path.join(dirs[run], 'export', `${table}.parquet`);
      const result = await runTableExport(dirs[run], { table, out: file, rowGroupRows: 500 });
      const { rows } = await readParquet(file);
      const expected = jsonl[run][table];
      expect(result.rows).toBe(expected.length);
      expect(rows).toHaveLength(expected.length);
      expect(Object.keys(rows[0]!)).toEqual(TABLE_SCHEMAS[table].fields.map((f) => f.name));
      // Integers come back as bigint (INT64); absent struct keys as null: compare through JSON.
      const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
      const first = expected[0]!;
      // Struct keys a record leaves out (signals.english, signals.copy) come back as null.
      const signalsField = TABLE_SCHEMAS.alignments.fields.find((f) => f.name === 'signals')!.type;
      const absent = signalsField.kind === 'struct' ? Object.fromEntries(signalsField.fields.map((f) => [f.name, null])) : {};
      expect(plain(rows[0])).toEqual(plain({ ...first, ...(table === 'alignments' ? { signals: { ...absent, ...(first.signals as object) } } : {}) }));
      expect(rows.map((r) => r[TABLE_SCHEMAS[table].fields[0]!.name])).toEqual(expected.map((r) => r[TABLE_SCHEMAS[table].fields[0]!.name]));
    }
  });

  it('has one fixed schema: the untranslated and the translated files type every column alike (so they concatenate)', async () => {
    const [u, t] = await Promise.all((['untranslated', 'translated'] as const).map((run) => readParquet(path.join(dirs[run], 'export', `${table}.parquet`))));
    expect(u!.schema).toEqual(t!.schema);
  });
});

describe('fixed column types whatever the data', () => {
  it('a null-only en is a string column, en_flags a list of strings, offsets INT64', async () => {
    const { rows, schema } = await readParquet(path.join(dirs.untranslated, 'export', 'sentences.parquet'));
    const element = (name: string): Record<string, unknown> => (schema as Record<string, unknown>[]).find((e) => e.name === name)!;
    expect(rows.every((r) => r.en === null)).toBe(true);
    expect(element('en')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
    expect(element('en_flags')).toMatchObject({ converted_type: 'LIST', repetition_type: 'REQUIRED' });
    expect(element('end')).toMatchObject({ type: 'INT64' });
    expect(element('title')).toMatchObject({ type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' });
    expect(rows.every((r) => Array.isArray(r.en_flags))).toBe(true);
  });

  it('copy pairs (signals {similarity, copy}) and computed pairs share the signals struct, absent keys null', async () => {
    const { rows } = await readParquet(path.join(dirs.untranslated, 'export', 'alignments.parquet'));
    const signals = rows.map((r) => r.signals as Record<string, number | null>);
    expect(signals.some((s) => s.copy === 1 && s.margin === null)).toBe(true);
    expect(signals.some((s) => s.copy === null && typeof s.margin === 'number')).toBe(true);
  });

  it('row groups stream: the 3,000-row alignments table is written in groups of the size asked', async () => {
    const bytes = await readFile(path.join(dirs.untranslated, 'export', 'alignments.parquet'));
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const groups = metadata.row_groups.map((g) => Number(g.num_rows));
    expect(groups.length).toBe(Math.ceil(jsonl.untranslated.alignments.length / 500));
    expect(groups.slice(0, -1).every((n) => n === 500)).toBe(true);
  });
});

/** Expected rows of a pairs export, from the JSONL. */
function expectedPairs(run: Run, kind: PairKind): number {
  return kind === 'aligned' ? jsonl[run].alignments.length : jsonl[run].sentences.filter((s) => s.kind !== 'boilerplate' && s.en !== null).length;
}

const CASES: [Run, PairKind][] = [
  ['translated', 'translation'],
  ['translated', 'aligned'],
  ['untranslated', 'aligned'],
];

describe.each(CASES)('%s run, --pairs %s: every format read back by a real reader', (run, kind) => {
  const file = (format: string, ext: string): string => path.join(dirs[run], 'export', `${kind}-${format}.${ext}`);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, isArray: (name) => ['tu', 'tuv', 'prop'].includes(name) });

  it.each<[ExportFormat, string]>([
    ['hf', 'jsonl'],
    ['moses', ''],
    ['tmx', 'tmx'],
    ['csv', 'csv'],
    ['tsv', 'tsv'],
    ['parquet', 'parquet'],
  ])('%s', async (format, ext) => {
    const out = format === 'moses' ? path.join(dirs[run], 'export', `${kind}-moses`) : file(format, ext);
    const result = await runExport(dirs[run], { format, pairs: kind, out });
    const expected = expectedPairs(run, kind);
    expect(result.rows).toBe(expected);
    const text = format === 'parquet' || format === 'moses' ? '' : await readFile(out, 'utf8');
    switch (format) {
      case 'hf': {
        const rows = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(rows).toHaveLength(expected);
        if (kind === 'translation') expect(rows.every((r) => Array.isArray(r.en_flags))).toBe(true);
        break;
      }
      case 'moses': {
        const counts = await Promise.all(result.files.map(async (f) => (await readFile(f, 'utf8')).split('\n').length - 1));
        expect(counts).toEqual([expected, expected, expected]);
        break;
      }
      case 'tmx':
        expect((xml.parse(text) as { tmx: { body: { tu: unknown[] } } }).tmx.body.tu).toHaveLength(expected);
        break;
      case 'csv':
      case 'tsv': {
        const rows = parseCsv(text, { columns: true, bom: true, delimiter: format === 'csv' ? ',' : '\t' }) as Record<string, string>[];
        expect(rows).toHaveLength(expected);
        if (kind === 'translation') {
          expect(rows.every((r) => Array.isArray(JSON.parse(r.en_flags!)))).toBe(true);
          expect(rows.every((r) => Number(r.en_score) <= 0 && Number.isInteger(Number(r.end)))).toBe(true);
        } else {
          expect(rows.every((r) => Number.isFinite(Number(r.score)) && ['1', '2'].includes(r.grade!))).toBe(true);
        }
        if (format === 'csv') {
          // The corpus has sentences starting with "-" and "=": neutralised by the OWASP prefix.
          const texts = rows.flatMap((r) => (kind === 'translation' ? [r.fr!] : [r.a_fr!, r.b_fr!]));
          expect(texts.some((t) => t.startsWith("'-") || t.startsWith("'="))).toBe(true);
          expect(texts.some((t) => /^[=+\-@]/u.test(t))).toBe(false);
        }
        break;
      }
      case 'parquet': {
        const { rows } = await readParquet(out);
        expect(rows).toHaveLength(expected);
        if (kind === 'translation') expect(rows.every((r) => Array.isArray(r.en_flags) && typeof r.end === 'bigint')).toBe(true);
        else expect(rows.every((r) => typeof r.score === 'number' && typeof r.grade === 'bigint')).toBe(true);
        break;
      }
    }
  });
});

describe('fralign export --table on the command line', () => {
  it('refuses stale alignments and groups after a re-split, like inspect and --pairs aligned; sentences still export', async () => {
    const copy = `${dirs.translated}-resplit`;
    await cp(dirs.translated, copy, { recursive: true });
    const small = path.join(path.dirname(dirs.translated), 'small.jsonl');
    await writeFile(small, loaderCorpusJsonl(12, 5));
    expect((await runCliAsync(['split', small, '--out', copy, '--quiet'])).status).toBe(0);
    for (const table of ['alignments', 'groups']) {
      const refused = await runCliAsync(['export', copy, '--format', 'parquet', '--table', table]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/stale.*run `fralign align /);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await runCliAsync(['export', copy, '--format', 'parquet', '--table', 'sentences', '--quiet'])).status).toBe(0);
  });

  it('writes DIR/export/<table>.parquet and says how many rows; --table with another format exits 2', async () => {
    const ok = await runCliAsync(['export', dirs.translated, '--format', 'parquet', '--table', 'groups']);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe(`export: ${jsonl.translated.groups.length} groups rows → ${path.join(dirs.translated, 'export', 'groups.parquet')}\n`);
    const wrong = await runCliAsync(['export', dirs.translated, '--format', 'csv', '--table', 'groups']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--table groups is written as Parquet: use --format parquet/);
  });
});
