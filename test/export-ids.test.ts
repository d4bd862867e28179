// Issue 21 finding 9: document ids with a line break, a tab, a NUL or a backslash keep every
// line-based export aligned (Moses .ids/.fr/.en line counts equal, TSV/CSV one record per row and no
// raw control bytes), and CSV cells a spreadsheet would run as a formula are neutralised (OWASP: a
// leading apostrophe). A real run (tiny test model) over articles with such ids.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loaderCorpus } from '../scripts/lib/loader-corpus.ts';
import { escapeId, neutraliseFormula } from '../src/export/formats.ts';
import { runExport } from '../src/export/index.ts';
import { ROOT, runCliAsync } from './helpers/cli.ts';

const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
const IDS = ['line\nbreak', 'tab\tid', 'nul\u0000id', 'back\\slash', 'cr\rid', 'plain-id'];

describe('escapeId', () => {
  it.each([
    ['plain-id_2024.txt', 'plain-id_2024.txt'],
    ['line\nbreak', 'line\\nbreak'],
    ['tab\tid', 'tab\\tid'],
    ['cr\rid', 'cr\\rid'],
    ['nul\u0000id', 'nul\\u0000id'],
    ['back\\slash', 'back\\\\slash'],
    ['sep\u2028x\u0085', 'sep\\u2028x\\u0085'],
    ['Le Monde «été» 🚀', 'Le Monde «été» 🚀'],
  ])('%j → %j', (id, escaped) => {
    expect(escapeId(id)).toBe(escaped);
  });
});

describe('neutraliseFormula (OWASP CSV injection rule)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+33 1 23', `'+33 1 23`],
    ['- Oui, dit-il.', `'- Oui, dit-il.`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Le maire a dit = non', 'Le maire a dit = non'],
    ['', ''],
  ])('%j → %j', (cell, safe) => {
    expect(neutraliseFormula(cell)).toBe(safe);
  });
});

describe('exports of a run whose document ids hold control characters', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fralign-ids-'));
    const articles = loaderCorpus(IDS.length, 0).map((a, i) => ({ ...a, id: IDS[i]! }));
    await writeFile(path.join(dir, 'in.jsonl'), articles.map((a) => `${JSON.stringify(a)}\n`).join(''));
    const run = await runCliAsync(['run', path.join(dir, 'in.jsonl'), '--out', path.join(dir, 'run'), '--model', TINY, '--quiet']);
    expect(run.stderr).toBe('');
  }, 120_000);

  it.each(['translation', 'aligned'] as const)('moses --pairs %s: .ids, and both sides have one line per row', async (pairs) => {
    const result = await runExport(path.join(dir, 'run'), { format: 'moses', pairs, out: path.join(dir, `m-${pairs}`) });
    expect(result.rows).toBeGreaterThan(IDS.length);
    const files = await Promise.all(result.files.map((f) => readFile(f, 'utf8')));
    expect(files.map((text) => text.split('\n').length - 1)).toEqual([result.rows, result.rows, result.rows]);
    const ids = files[2]!.split('\n').slice(0, -1);
    expect(ids.some((line) => line.includes('line\\nbreak'))).toBe(true);
    expect(files[2]).not.toMatch(/[\u0000\r]/u);
  });

  it.each(['csv', 'tsv'] as const)('%s: one record per row, no raw NUL, ids decode back to the run ids', async (format) => {
    const out = path.join(dir, `t.${format}`);
    const result = await runExport(path.join(dir, 'run'), { format, out });
    const text = await readFile(out, 'utf8');
    expect(text).not.toContain('\u0000');
    const rows = parseCsv(text, { columns: true, bom: true, delimiter: format === 'csv' ? ',' : '\t' }) as Record<string, string>[];
    expect(rows).toHaveLength(result.rows);
    const unescape = (id: string): string => id.replace(/\\(u[0-9a-f]{4}|[nrt\\])/gu, (_m, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : { n: '\n', r: '\r', t: '\t', '\\': '\\' }[c]!));
    expect(new Set(rows.map((r) => unescape(r.doc!)))).toEqual(new Set(IDS));
  });
});
