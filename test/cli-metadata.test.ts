// Document metadata from the three places a user can put it (JSONL keys, a NAME.meta.json sidecar,
// --meta FILE) reaches every output line that names a document; offsets work in code points too.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseMeta, parseMetaTable } from '../src/ingest/meta.ts';
import { codePointOffsets, type GroupRecord, type PairRecord, type SegmentRecord } from '../src/output/records.ts';
import { runCliAsync } from './helpers/cli.ts';
import { schemaErrors } from './helpers/schemas.ts';

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'fralign-meta-'));
const jsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T);
const TEXT_A = 'Le président 😀 a parlé à Paris. La Russie achète des obus à la Corée du Nord, selon Washington.';
const TEXT_B = 'Selon Washington, la Russie achète des obus à la Corée du Nord. Le président a parlé à Paris 👍🏽.';

describe('metadata', () => {
  it.each([
    [{ outlet: 'Fox News' }, { outlet: 'Fox News', source: 'Fox News' }],
    [{ source: 'AFP', outlet: 'ignored' }, { source: 'AFP', outlet: 'ignored' }],
    [{ source: '', title: null, date: 2023 }, { date: '2023' }],
  ])('normaliseMeta(%j) = %j', async (input, expected) => {
    expect(normaliseMeta(input)).toEqual(expected);
  });

  it.each([
    ['m.csv', 'id,outlet,title\na,Le Monde,"Obus, roquettes"\n', [{ where: 'm.csv:2', key: 'a', meta: { outlet: 'Le Monde', source: 'Le Monde', title: 'Obus, roquettes' } }]],
    ['m.jsonl', '{"file": "b.txt", "source": "Libé", "url": "https://x"}\n', [{ where: 'm.jsonl:1', key: 'b.txt', meta: { source: 'Libé', url: 'https://x' } }]],
  ])('parseMetaTable reads %s', async (file, text, rows) => {
    expect(parseMetaTable(text, file)).toEqual(rows);
  });

  it.each([
    ['m.csv', 'outlet\nLe Monde\n', /--meta m\.csv:2: no id\/file\/path column/],
    ['m.jsonl', '{"id": "a"\n', /--meta m\.jsonl:1: invalid JSON/],
  ])('parseMetaTable refuses %s in one line naming file:line', async (file, text, message) => {
    expect(() => parseMetaTable(text, file)).toThrow(message);
  });

  it('a sidecar and --meta label .txt articles in sentences, alignments, groups and the manifest; schemas hold', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), TEXT_A);
    writeFileSync(path.join(dir, 'a.meta.json'), JSON.stringify({ outlet: 'Le Monde', title: 'Obus', url: 'https://lemonde.example/obus', date: '2023-09-05' }));
    writeFileSync(path.join(dir, 'b.txt'), TEXT_B);
    writeFileSync(path.join(dir, 'meta.jsonl'), '{"id": "b", "source": "Le Figaro"}\n');
    const out = path.join(dir, 'out');
    const result = await runCliAsync(['run', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--meta', path.join(dir, 'meta.jsonl'), '--out', out, '--no-translate', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const sentences = jsonl<SegmentRecord>(path.join(out, 'sentences.jsonl'));
    const pairs = jsonl<PairRecord>(path.join(out, 'alignments.jsonl'));
    const groups = jsonl<GroupRecord>(path.join(out, 'groups.jsonl'));
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { documents: unknown[] };
    expect([...schemaErrors('segment', sentences), ...schemaErrors('alignment', pairs), ...schemaErrors('group', groups), ...schemaErrors('manifest', [manifest])]).toEqual([]);
    expect(new Set(sentences.map((s) => `${s.doc}=${s.source}/${s.title}`))).toEqual(new Set(['a=Le Monde/Obus', 'b=Le Figaro/null']));
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.a_source === 'Le Monde' && p.b_source === 'Le Figaro' && p.a_title === 'Obus' && p.b_title === null)).toBe(true);
    const shared = groups.find((g) => g.docs.length === 2)!;
    expect(shared.sources).toEqual(['Le Monde', 'Le Figaro']);
    // Paths given absolute are recorded relative to the run folder (no local path in a shared manifest).
    expect(manifest.documents).toEqual([
      { id: 'a', path: '../a.txt', segments: 2, chars: TEXT_A.length, source: 'Le Monde', title: 'Obus', url: 'https://lemonde.example/obus', date: '2023-09-05', lang: 'fr' },
      { id: 'b', path: '../b.txt', segments: 2, chars: TEXT_B.length, source: 'Le Figaro', title: null, url: null, date: null, lang: 'fr' },
    ]);
    // Code-point offsets slice the original text the way Python does (one index per code point).
    for (const s of sentences) {
      const text = s.doc === 'a' ? TEXT_A : TEXT_B;
      expect(text.slice(s.start, s.end)).toBe(s.fr);
      expect([...text].slice(s.start_cp!, s.end_cp!).join('')).toBe(s.fr);
    }
    expect(sentences.find((s) => s.id === 'a:1')).toMatchObject({ start: 33, start_cp: 32 });
  });

  it('a --meta row that matches no document is a one-line failure (exit 1); the documents are still written', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), TEXT_A);
    writeFileSync(path.join(dir, 'meta.csv'), 'id,source\naa,Typo\n');
    const result = await runCliAsync(['split', path.join(dir, 'a.txt'), '--meta', path.join(dir, 'meta.csv'), '--out', path.join(dir, 'out'), '--quiet']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`fralign: --meta ${path.join(dir, 'meta.csv')}:2: no input document has id or file name "aa"; check the spelling or drop the row\n`);
    expect(jsonl<SegmentRecord>(path.join(dir, 'out', 'sentences.jsonl'))).toHaveLength(2);
  });
});

describe('codePointOffsets', () => {
  it.each([
    ['abc', [0, 1, 2, 3], [0, 1, 2, 3]],
    ['a😀b', [0, 1, 3, 4], [0, 1, 2, 3]],
    ['👍🏽x', [0, 4, 5], [0, 2, 3]],
    ['é\u0301', [0, 1, 2], [0, 1, 2]],
  ])('%j: UTF-16 %j → code points %j', async (text, utf16, cps) => {
    const cp = codePointOffsets(text);
    expect(utf16.map(cp)).toEqual(cps);
  });
});
