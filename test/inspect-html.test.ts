// The HTML report as a string: escaping, self-containment, CSP, structure and filters.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../src/inspect/escape.ts';
import { renderHtml } from '../src/inspect/html.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import type { AlignmentPair, FactGroup, Segment } from '../src/types.ts';

const BASIC = 'test/fixtures/inspect/basic';
let outputs: RunOutputs;
let page: string;

beforeAll(async () => {
  outputs = await loadRunOutputs(BASIC);
  page = renderHtml(outputs);
});

const HOSTILE = [
  ['a script element', "<script>window.__pwned='script'</script>"],
  ['an img with onerror', '<img src=x onerror="window.__pwned=1">'],
  ['an ampersand that looks like an entity', 'AT&amp;T &lt;b&gt;'],
  ['quotes that would end an attribute', `"' onmouseover="alert(1)`],
  ['an svg onload', '<svg onload=alert(1)>'],
] as const;

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    [`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
    ['Éléonore « ok »', 'Éléonore « ok »'],
  ])('%s → %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('escapes interpolated values of the html template, in text and attributes', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    expect(html`<p title="${evil}">${evil}</p>`.markup).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });
});

/** A one-pair run whose document ids, sentences and translations are all `text`. */
function hostileRun(text: string): RunOutputs {
  const docA = `a${text}`;
  const docB = `b${text}`;
  const segment = (doc: string, kind: Segment['kind']): Segment => ({
    id: `${doc}:0`, doc, index: 0, start: 0, end: text.length, kind, fr: text, en: text,
    ...(kind === 'boilerplate' ? { reason: text } : {}),
  });
  const pair: AlignmentPair = {
    a: `${docA}:0`, b: `${docB}:0`, a_doc: docA, b_doc: docB, a_start: 0, a_end: text.length, b_start: 0,
    b_end: text.length, a_fr: text, b_fr: text, a_en: text, b_en: text, score: 0.5, grade: 2, signals: { lexical: 0.5 },
  };
  const group: FactGroup = {
    id: 'g1', docs: [docA, docB], score: 0.5,
    members: [docA, docB].map((doc) => ({ id: `${doc}:0`, doc, start: 0, end: text.length, fr: text, en: text })),
  };
  return {
    dir: `out/${text}`,
    sentences: [segment(docA, 'title'), segment(docB, 'body'), { ...segment(docB, 'boilerplate'), id: `${docB}:1`, index: 1 }],
    alignments: [pair],
    groups: [group],
    manifest: { note: text },
  };
}

describe('renderHtml escaping', () => {
  it.each(HOSTILE)('%s in ids, sentences, translations, reasons and the manifest never reaches the page as markup', (_name, text) => {
    const out = renderHtml(hostileRun(text));
    expect(out).not.toContain(text);
    expect(out).toContain(escapeHtml(text));
    expect(out).not.toMatch(/<(img|svg onload|script>window)/);
    // No element carries an event handler: drop quoted attribute values (escaped text has no `"`), then look in tags.
    const tags = out.replace(/"[^"]*"/g, '""').match(/<[a-z][^<>]*>/gi) ?? [];
    expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
    // Exactly the report's own script and no other.
    expect(out.match(/<script/g)).toHaveLength(1);
  });

  it('keeps quotes inside attribute values as text (the version title tooltip)', () => {
    expect(page).toContain(
      `title="Titre &quot;piégé&quot; &amp; &#39;co&#39; &lt;img src=x onerror=&quot;window.__pwned=&#39;img&#39;&quot;&gt;"`,
    );
  });
});

describe('renderHtml page', () => {
  it('is self-contained: no URL, no external resource', () => {
    expect(page).not.toMatch(/https?:\/\/|\/\/[a-z]/i);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    for (const [, target] of page.matchAll(/\b(?:href|src)="([^"]*)"/g)) expect(target).toMatch(/^#/);
  });

  it('declares a strict CSP whose hashes match its own inline style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replaceAll('&#39;', "'");
    expect(csp).toBeDefined();
    const sha = (content: string) => `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('has a row per fact group, a column per version and an empty cell where a version lacks the fact', () => {
    expect([...page.matchAll(/<tr id="(g\d+)"/g)].map((m) => m[1])).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
    expect([...page.matchAll(/<th scope="col" data-doc="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '000_lemonde', '001_figaro', '002_piege',
    ]);
    // g3 and g4 lack one version each, g5 lacks two.
    expect(page.match(/<td class="absent"/g)).toHaveLength(4);
  });

  it('summarises coverage and boilerplate per version', () => {
    const row = (doc: string) => new RegExp(`<tr><th scope="row">${doc}</th>.*?</tr>`).exec(page)![0];
    const cells = (doc: string) => [...row(doc).matchAll(/<td class="num">(\d+)/g)].map((m) => Number(m[1]));
    // segments, boilerplate, facts reported, only here
    expect(cells('000_lemonde')).toEqual([5, 1, 4, 0]);
    expect(cells('001_figaro')).toEqual([5, 1, 4, 1]);
    expect(cells('002_piege')).toEqual([4, 1, 3, 0]);
    expect(page).toContain('2 reported by every version shown');
  });

  it.each([
    { name: 'all versions', options: {}, maps: 3, cells: 7 },
    { name: '--docs two versions', options: { docs: ['000_lemonde', '001_figaro'] }, maps: 1, cells: 3 },
    { name: '--min-score 0.6', options: { minScore: 0.6 }, maps: 3, cells: 4 },
  ])('$name: $maps heat maps with $cells scored cells', ({ options, maps, cells }) => {
    const out = renderHtml(outputs, options);
    expect(out.match(/<figure data-pair=/g)).toHaveLength(maps);
    expect(out.match(/<rect class="cell"/g) ?? []).toHaveLength(cells);
  });

  it('reports pairs whose sentences are missing from sentences.jsonl instead of dropping them silently', () => {
    const out = renderHtml({ ...outputs, sentences: outputs.sentences.filter((s) => s.id !== '000_lemonde:1') });
    // 000_lemonde:1 has one pair with 001_figaro and one with 002_piege: both are counted, not drawn.
    expect(out.match(/2 aligned pairs · 1 pair naming sentences missing from sentences\.jsonl/g)).toHaveLength(2);
  });

  it('rejects an unknown --docs id', () => {
    expect(() => renderHtml(outputs, { docs: ['000_lemonde', 'figaro'] })).toThrow(/unknown document id "figaro".*known ids: 000_lemonde, 001_figaro, 002_piege/);
  });
});

describe('fralign inspect (command)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fralign-inspect-cmd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'inspect', ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('--html writes the page and prints a one-line summary', async () => {
    const file = join(dir, 'nested', 'report.html');
    const result = cli(BASIC, '--html', file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*report\.html: 3 versions, 5 facts, 7 aligned pairs, \d+ KiB\n$/);
    expect(await readFile(file, 'utf8')).toBe(page);
  });

  it.each([
    [['--docs', 'nope'], 2, /unknown document id "nope"/],
    [['--min-score', 'high'], 2, /--min-score: expected a number such as 0.5, got "high"/],
    [['--limit', '0'], 2, /--limit: expected a positive whole number, got "0"/],
  ])('%j exits %i with a one-line error', (args, status, message) => {
    const result = cli(BASIC, ...args);
    expect(result.status).toBe(status);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('prints plain text (no colour) when stdout is not a terminal', () => {
    const result = cli(BASIC, '--limit', '1', '--width', '80');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/\x1b\[/);
    expect(result.stdout).toContain('#1  score 0.410  grade 1 (partial overlap)');
  });
});
