// `fralign export`: every format read back by a real reader from npm (JSON.parse, fast-xml-parser,
// csv-parse, hyparquet), for French→English translations and French↔French aligned pairs, with text
// that trips naive writers (quotes, commas, tabs, line breaks, markup, emoji, nulls).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAlignStage } from '../src/align/stage.ts';
import { oneLine } from '../src/export/formats.ts';
import { runExport, type ExportFormat, type PairKind } from '../src/export/index.ts';
import { readJsonlFile, writeJsonlAtomic } from '../src/output/index.ts';
import { segmentRecords, type PairRecord, type SegmentRecord } from '../src/output/records.ts';
import { ingest } from '../src/ingest/index.ts';
import { runSplitStage } from '../src/pipeline/split.ts';
import type { Segment } from '../src/types.ts';
import { runCliAsync } from './helpers/cli.ts';

const ARTICLES = [
  { id: 'lemonde', outlet: 'Le Monde', title: 'La Russie achète des obus', text: 'La Russie achète des millions d’obus à la Corée du Nord, selon Washington. Le Kremlin dément « toute livraison » 🚀.\nLes États-Unis citent des "renseignements déclassifiés" & <b>récents</b>.' },
  { id: 'figaro', source: 'Le Figaro', text: 'Selon Washington, la Russie achète des millions d’obus à la Corée du Nord. Le Kremlin dément « toute livraison » 🚀.\nLes États-Unis citent des "renseignements déclassifiés".' },
  { id: 'anonyme', text: 'La Corée du Nord vend des obus à la Russie, selon Washington. Un autre sujet, sans rapport.' },
];

/** English with the characters each format must escape or flatten: quote, comma, tab, line break, markup, emoji. */
const english = (segment: Segment): string | undefined =>
  segment.kind === 'boilerplate' ? undefined : segment.index % 2 === 0 ? `=EN "${segment.id}", <i>&</i>\tcol 😀` : `EN ${segment.id}\nsecond line`;

let dir: string;
let sentences: SegmentRecord[];
let pairs: PairRecord[];
const readLines = async <T>(file: string): Promise<T[]> => (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as T);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fralign-export-'));
  const corpus = path.join(dir, 'corpus.jsonl');
  await writeFile(corpus, ARTICLES.map((a) => `${JSON.stringify(a)}\n`).join(''));
  const split = { ...(await runSplitStage([corpus], dir)), segments: await readJsonlFile<Segment>(path.join(dir, 'sentences.jsonl'), 'split first') };
  // Stands in for the translate stage (tested with the model elsewhere): the export reads what it wrote.
  const translated = split.segments.map((s) => {
    const en = english(s);
    return en === undefined ? s : { ...s, en, en_score: -0.25 };
  });
  // The split stage returns manifest records, not texts: the labels and code-point offsets come from the documents read again.
  await writeJsonlAtomic(path.join(dir, 'sentences.jsonl'), segmentRecords(translated, (await ingest([corpus])).documents));
  await runAlignStage(dir);
  sentences = await readLines<SegmentRecord>(path.join(dir, 'sentences.jsonl'));
  pairs = await readLines<PairRecord>(path.join(dir, 'alignments.jsonl'));
});

/** The sides a parallel export must hold, in order. */
function expectedSides(kind: PairKind): [string, string][] {
  return kind === 'translation'
    ? sentences.filter((s) => s.kind !== 'boilerplate' && s.en !== null).map((s) => [s.fr, s.en!])
    : pairs.map((p) => [p.a_fr, p.b_fr]);
}

const KINDS: PairKind[] = ['translation', 'aligned'];

describe('fixture', () => {
  it('has translated sentences and cross-outlet pairs carrying outlet names', async () => {
    expect(expectedSides('translation').length).toBeGreaterThan(3);
    expect(pairs.length).toBeGreaterThan(1);
    expect(new Set(pairs.flatMap((p) => [p.a_source, p.b_source]))).toEqual(new Set(['Le Figaro', 'Le Monde', null]));
  });
});

describe.each(KINDS)('fralign export --pairs %s', (kind) => {
  const out = (format: ExportFormat, ext: string): string => path.join(dir, `${kind}-${format}.${ext}`);

  it('hf: JSON lines with a translation dict and the ids, read back by JSON.parse', async () => {
    const file = out('hf', 'jsonl');
    const result = await runExport(dir, { format: 'hf', pairs: kind, out: file });
    const rows = await readLines<Record<string, unknown> & { translation: Record<string, string> }>(file);
    expect(result.rows).toBe(rows.length);
    const keys = kind === 'translation' ? ['fr', 'en'] : ['fr_a', 'fr_b'];
    expect(rows.map((r) => keys.map((k) => r.translation[k]))).toEqual(expectedSides(kind));
    expect(rows.every((r) => (kind === 'translation' ? typeof r.id === 'string' : typeof r.a === 'string' && typeof r.b === 'string'))).toBe(true);
    expect(rows.some((r) => (kind === 'translation' ? [r.source] : [r.a_source, r.b_source]).includes('Le Monde'))).toBe(true);
  });

  it('moses: two line-aligned files (line breaks inside a sentence flattened) and an ids file', async () => {
    const prefix = path.join(dir, `${kind}-moses`);
    const result = await runExport(dir, { format: 'moses', pairs: kind, out: prefix });
    const [left, right, ids] = await Promise.all(result.files.map((f) => readFile(f, 'utf8')));
    expect(result.files.map((f) => path.basename(f))).toEqual(
      kind === 'translation' ? [`${kind}-moses.fr`, `${kind}-moses.en`, `${kind}-moses.ids`] : [`${kind}-moses.a.fr`, `${kind}-moses.b.fr`, `${kind}-moses.ids`],
    );
    const lines = (text: string | undefined): string[] => text!.split('\n').slice(0, -1);
    const sides = expectedSides(kind);
    expect(lines(left)).toEqual(sides.map(([l]) => oneLine(l)));
    expect(lines(right)).toEqual(sides.map(([, r]) => oneLine(r)));
    expect(lines(ids)).toHaveLength(sides.length);
  });

  it('tmx: TMX 1.4b that an XML parser reads back to the same segments, with tuid and props', async () => {
    const file = out('tmx', 'tmx');
    await runExport(dir, { format: 'tmx', pairs: kind, out: file });
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, isArray: (name) => ['tu', 'tuv', 'prop'].includes(name) });
    const xml = parser.parse(await readFile(file, 'utf8')) as {
      tmx: { '@version': string; header: Record<string, string>; body: { tu: { '@tuid': string; prop?: { '#text': string; '@type': string }[]; tuv: { '@xml:lang': string; seg: string }[] }[] } };
    };
    expect(xml.tmx['@version']).toBe('1.4');
    expect(xml.tmx.header['@srclang']).toBe('fr');
    const tus = xml.tmx.body.tu;
    expect(tus.map((tu) => tu.tuv.map((tuv) => String(tuv.seg)))).toEqual(expectedSides(kind));
    expect(tus.map((tu) => tu.tuv.map((tuv) => tuv['@xml:lang']))).toEqual(expectedSides(kind).map(() => (kind === 'translation' ? ['fr', 'en'] : ['fr', 'fr'])));
    const sourceProp = kind === 'translation' ? 'x-source' : 'x-a_source';
    expect(tus.some((tu) => tu.prop?.some((p) => p['@type'] === sourceProp && p['#text'] === 'Le Figaro'))).toBe(true);
    expect(new Set(tus.map((tu) => tu['@tuid'])).size).toBe(tus.length);
  });

  it('csv: RFC 4180 with a BOM that csv-parse reads back to the same cells, nulls as empty, formulas neutralised', async () => {
    const file = out('csv', 'csv');
    await runExport(dir, { format: 'csv', pairs: kind, out: file });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
    const [l, r] = kind === 'translation' ? ['fr', 'en'] : ['a_fr', 'b_fr'];
    const unformula = (cell: string): string => cell.replace(/^'(?=[=+\-@\t\r])/u, '');
    expect(rows.map((row) => [unformula(row[l]!), unformula(row[r]!)])).toEqual(expectedSides(kind));
    if (kind === 'translation') expect(rows.every((row) => Array.isArray(JSON.parse(row.en_flags!)))).toBe(true);
    if (kind === 'aligned') {
      expect(rows.map((row) => row.story)).toEqual(pairs.map((p) => p.story));
      // Documents without a title: null on disk, an empty cell in CSV.
      expect(pairs.map((p) => p.b_title)).toContain(null);
      expect(rows.map((row) => row.b_title)).toEqual(pairs.map((p) => p.b_title ?? ''));
    }
  });

  it('tsv: RFC 4180 quoting with a tab separator, read back to the same cells by a default tab reader', async () => {
    const file = out('tsv', 'tsv');
    await runExport(dir, { format: 'tsv', pairs: kind, out: file });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(false);
    const rows = parseCsv(text, { columns: true, delimiter: '\t' }) as Record<string, string>[];
    const [l, r] = kind === 'translation' ? ['fr', 'en'] : ['a_fr', 'b_fr'];
    expect(rows.map((row) => [row[l], row[r]])).toEqual(expectedSides(kind));
  });

  it('parquet: typed columns that hyparquet reads back, nulls kept as nulls', async () => {
    const file = out('parquet', 'parquet');
    const result = await runExport(dir, { format: 'parquet', pairs: kind, out: file });
    const bytes = await readFile(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
    expect(rows).toHaveLength(result.rows);
    const [l, r] = kind === 'translation' ? ['fr', 'en'] : ['a_fr', 'b_fr'];
    expect(rows.map((row) => [row[l], row[r]])).toEqual(expectedSides(kind));
    if (kind === 'translation') {
      // INT64 (bigint in JavaScript), the type pandas, polars and DuckDB give the JSONL's integers.
      expect(rows.map((row) => row.start_cp)).toEqual(sentences.filter((s) => s.kind !== 'boilerplate').map((s) => BigInt(s.start_cp!)));
      // A list in Parquet as in the JSONL and HF exports, never a joined string.
      expect(rows.every((row) => Array.isArray(row.en_flags))).toBe(true);
      expect(rows.map((row) => row.source)).toContain(null);
    } else {
      expect(rows.map((row) => row.score)).toEqual(pairs.map((p) => p.score));
      expect(rows.map((row) => row.a_en)).toEqual(pairs.map((p) => p.a_en));
      expect(rows.map((row) => row.story)).toEqual(pairs.map((p) => p.story));
      expect(rows.map((row) => row.b_title)).toContain(null);
      expect(rows.map((row) => row.b_title)).toEqual(pairs.map((p) => p.b_title));
    }
    expect(parquetMetadata(buffer).created_by).toMatch(/^fralign /);
  });
});

describe('fralign export on the command line', () => {
  it('writes to standard output with --out - and says what it wrote on stderr', async () => {
    const result = await runCliAsync(['export', dir, '--format', 'hf', '--out', '-']);
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { translation: { fr: string; en: string } });
    expect(rows.map((r) => [r.translation.fr, r.translation.en])).toEqual(expectedSides('translation'));
    expect(result.stderr).toBe(`export: ${rows.length} translation rows → standard output\n`);
  });

  it.each([
    [['--out', '-'], false],
    [['--out', '-', '--bom'], true],
  ])('csv %j: a BOM only for files, unless asked (pipes get plain UTF-8)', async (extra, bom) => {
    const result = await runCliAsync(['export', dir, '--format', 'csv', '--quiet', ...extra]);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('\uFEFF')).toBe(bom);
    expect(result.stdout.replace(/^\uFEFF/u, '').startsWith('id,doc,')).toBe(true);
  });

  it.each([
    [['--format', 'xlsx'], 2, /--format: expected one of hf, moses, tmx, tsv, csv, parquet, got "xlsx"/],
    [['--format', 'moses', '--out', '-'], 2, /--format moses writes two files; give --out PREFIX/],
    [['--format', 'csv', '--pairs', 'both'], 2, /--pairs: expected one of translation, aligned/],
  ])('%j: exit %i with one line', async (extra, status, message) => {
    const result = await runCliAsync(['export', dir, ...extra]);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses an untranslated run in one line that names the command to run, and exports its aligned pairs', async () => {
    const untranslated = await mkdtemp(path.join(tmpdir(), 'fralign-export-fr-'));
    const corpus = path.join(untranslated, 'corpus.jsonl');
    await writeFile(corpus, ARTICLES.map((a) => `${JSON.stringify(a)}\n`).join(''));
    expect((await runCliAsync(['run', corpus, '--out', untranslated, '--no-translate', '--quiet'])).status).toBe(0);
    const refused = await runCliAsync(['export', untranslated, '--format', 'csv']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/no translated sentences to export; run `fralign translate .*` first, or export French↔French pairs with --pairs aligned\n$/);
    const aligned = await runCliAsync(['export', untranslated, '--format', 'tsv', '--pairs', 'aligned', '--out', '-', '--quiet']);
    expect(aligned.status).toBe(0);
    expect(aligned.stdout.split('\n')[0]!.split('\t').slice(0, 6)).toEqual(['a', 'b', 'a_doc', 'b_doc', 'a_source', 'b_source']);
  });
});
