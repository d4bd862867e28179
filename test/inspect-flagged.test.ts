// Finding flagged translations: `fralign inspect DIR --flagged` (terminal and --json) and the
// report's "Flagged translations only" filter.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flaggedSegments, parseFlagList } from '../src/inspect/flagged.ts';
import { renderHtml } from '../src/inspect/html.ts';
import { renderTerminalChunks } from '../src/inspect/terminal.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';
import { segmentRecords } from '../src/output/records.ts';
import { checkTranslation } from '../src/translate/checks.ts';
import type { Segment, TranslationFlag } from '../src/types.ts';
import { runCliAsync } from './helpers/cli.ts';

function seg(index: number, fr: string, en: string | undefined, flags: TranslationFlag[], lang = 'fr'): Segment {
  return { id: `d:${index}`, doc: 'd', index, start: index * 10, end: index * 10 + 5, kind: 'body', fr, lang, ...(en === undefined ? {} : { en }), ...(flags.length ? { en_flags: flags } : {}) };
}

// Planted errors, flagged by the checks themselves; two clean sentences; a split note; two languages.
const PLANTED: [string, string][] = [
  ['La Russie a acheté 1 500 obus.', 'Russia bought shells.'],
  ['Emmanuel Macron a rencontré Olaf Scholz à Berlin.', 'Emmanuel Macron met him in Berlin.'],
  ['La Corée du Nord expédie des obus à la Russie.', 'La Corée du Nord expédie des obus à la Russie.'],
];
const SEGMENTS: Segment[] = [
  seg(0, 'La Russie achète des roquettes.', 'Russia is buying rockets.', []),
  ...PLANTED.map(([fr, en], i) => seg(i + 1, fr, en, checkTranslation(fr, en))),
  seg(4, 'Moscou achète des obus.', 'Moscow is buying shells.', ['split']),
  seg(5, 'The White House said it would keep watching.', 'The White House said it would keep watching.', ['source-en'], 'en'),
  seg(6, 'Der Streik soll bis Freitagabend dauern.', undefined, ['source-other'], 'de'),
];

describe('flaggedSegments', () => {
  it('keeps the sentences with a warning (not the split note) unless flags are named', () => {
    expect(flaggedSegments(SEGMENTS).map((s) => s.index)).toEqual([1, 2, 3, 5, 6]);
    expect(flaggedSegments(SEGMENTS, ['number', 'split']).map((s) => s.index)).toEqual([1, 4]);
    expect(SEGMENTS.slice(1, 4).map((s) => s.en_flags)).toEqual([['number'], ['name'], ['untranslated']]);
  });
  it.each(['', 'numbr', 'number,,nme'])('refuses --flags %j in one line naming the known flags', (value) => {
    expect(() => parseFlagList(value)).toThrow(/expected a comma-separated list of length-cap, split, repeat/u);
  });
});

describe('fralign inspect DIR --flagged', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'fralign-flagged-')), 'run');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'sentences.jsonl'), [...segmentRecords(SEGMENTS)].map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  it('lists each flagged sentence with its flags, French and English, from sentences.jsonl alone', async () => {
    const result = await runCliAsync(['inspect', dir, '--flagged', '--width', '100']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('5 flagged sentences of 7 (number 1, name 1, untranslated 1, source-en 1, source-other 1)');
    expect(result.stdout).toContain('d:1 body [number]\n  fr  La Russie a acheté 1 500 obus.\n  en  Russia bought shells.\n');
    expect(result.stdout).toContain('d:6 body lang=de [source-other]\n  fr  Der Streik soll bis Freitagabend dauern.\n  en  (not translated)\n');
    expect(result.stdout).not.toContain('d:0 ');
    expect(result.stdout).not.toContain('d:4 ');
  }, 60_000);

  it('--flags number,name --json -: those sentences as sentences.jsonl lines', async () => {
    const result = await runCliAsync(['inspect', dir, '--flags', 'number,name', '--json', '-']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; en_flags: string[]; lang: string });
    expect(lines.map((l) => [l.id, l.en_flags, l.lang])).toEqual([['d:1', ['number'], 'fr'], ['d:2', ['name'], 'fr']]);
  }, 60_000);
});

describe('the report\'s flagged filter', () => {
  it('marks facts holding a flagged translation and offers "Flagged translations only" only when there is one', async () => {
    const loaded = await loadRunOutputs('test/fixtures/inspect/basic');
    // The fixture has one length-cap sentence: without it, nothing is flagged and there is no filter.
    const outputs = { ...loaded, sentences: loaded.sentences.map(({ en_flags: _flags, ...s }) => s) };
    expect(renderHtml(outputs)).not.toContain('class="flagged-only"');
    expect(renderHtml(outputs)).not.toMatch(/ data-flagged/u);
    const flaggedId = outputs.groups[0]?.members[0]?.id;
    const sentences = outputs.sentences.map((s) => (s.id === flaggedId ? { ...s, en_flags: ['number'] as TranslationFlag[] } : s));
    const page = renderHtml({ ...outputs, sentences });
    expect(page).toContain('class="flagged-only"');
    expect(page.match(/<article class="fact[^"]*"[^>]*data-flagged/gu)?.length).toBe(1);
    expect(page).toContain('<span class="flag" title="translation flag">number</span>');
  });
});

describe('the terminal pairs view', () => {
  it('shows a sentence left untranslated as not French with its flag, where a translation would be', async () => {
    const loaded = await loadRunOutputs('test/fixtures/inspect/basic');
    const id = loaded.alignments[0]?.a as string;
    const sentences = loaded.sentences.map(({ en: _en, ...s }) => (s.id === id ? { ...s, lang: 'de', en_flags: ['source-other'] as TranslationFlag[] } : { ...s, ...(_en === undefined ? {} : { en: _en }) }));
    const alignments = loaded.alignments.map(({ a_en: _aEn, ...pair }) => (pair.a === id ? pair : { ...pair, ...(_aEn === undefined ? {} : { a_en: _aEn }) }));
    const text = [...renderTerminalChunks({ ...loaded, sentences, alignments }, { color: false, width: 120, view: 'pairs', limit: 1 })].join('');
    expect(text).toContain('en: (not translated) [source-other]');
  });
});
