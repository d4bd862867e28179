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
const OUTLETS = 'test/fixtures/inspect/outlets';
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

/** A one-pair run whose document ids, sentences, translations, metadata and story are all `text`. */
function hostileRun(text: string): RunOutputs {
  const docA = `a${text}`;
  const docB = `b${text}`;
  const segment = (doc: string, kind: Segment['kind']): Segment => ({
    id: `${doc}:0`, doc, index: 0, start: 0, end: text.length, kind, fr: text, en: text, en_flags: ['repeat'], en_score: -1,
    ...(kind === 'boilerplate' ? { reason: text } : {}),
  });
  const pair: AlignmentPair = {
    a: `${docA}:0`, b: `${docB}:0`, a_doc: docA, b_doc: docB, a_start: 0, a_end: text.length, b_start: 0,
    b_end: text.length, a_fr: text, b_fr: text, a_en: text, b_en: text, score: 0.5, grade: 2, signals: { lexical: 0.5 }, story: text,
  };
  const group: FactGroup = {
    id: 'g1', docs: [docA, docB], score: 0.5, story: text,
    members: [docA, docB].map((doc) => ({ id: `${doc}:0`, doc, start: 0, end: text.length, fr: text, en: text })),
  };
  return {
    dir: `out/${text}`,
    sentences: [segment(docA, 'title'), segment(docB, 'body'), { ...segment(docB, 'boilerplate'), id: `${docB}:1`, index: 1 }],
    alignments: [pair],
    groups: [group],
    manifest: { note: text, documents: [{ id: docA, source: text, title: text, date: text, url: `javascript:${text}` }] },
    stories: [{ story: text, docs: [docA], title: text, dates: [text], duplicates: [] }, { story: `${text}2`, docs: [docB], title: text, dates: [], duplicates: [] }],
  };
}

/** The page's executable script (the first <script> without a type); the others are JSON data blocks. */
const scriptOf = (out: string) => /<script>([\s\S]*?)<\/script>/.exec(out)![1]!;

describe('renderHtml escaping', () => {
  it.each(HOSTILE)('%s in ids, sentences, translations, reasons, metadata and stories never reaches the page as markup', (_name, text) => {
    const out = renderHtml(hostileRun(text));
    expect(out.replace(scriptOf(out), '')).not.toContain(text);
    expect(out).toContain(escapeHtml(text));
    expect(out).not.toMatch(/<(img|svg onload|script>window)/);
    // No element carries an event handler: drop quoted attribute values (escaped text has no `"`), then look in tags.
    const tags = out.replace(/"[^"]*"/g, '""').match(/<[a-z][^<>]*>/gi) ?? [];
    expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
    // Exactly the report's own script; every other script element is an inert JSON block of numbers.
    expect(out.match(/<script>/g)).toHaveLength(1);
    for (const [, body] of out.matchAll(/<script type="application\/json" class="pairs">([^<]*)<\/script>/g)) {
      expect(body).toMatch(/^\[[\d.,[\]-]*\]$/);
    }
    expect(out.match(/<script/g)).toHaveLength(1 + 2);
    expect(out).not.toContain('href="javascript:');
  });

  it('keeps quotes inside attribute values as text (an outlet name in data-name)', () => {
    expect(page).toContain(`data-name="002"`);
    const out = renderHtml(hostileRun(`"' x`));
    expect(out).toContain('data-name="&quot;&#39; x"');
  });
});

describe('renderHtml page', () => {
  it('is self-contained: no resource is loaded, links only go to the page itself or to an article\'s own http(s) address', async () => {
    for (const out of [page, renderHtml(await loadRunOutputs(OUTLETS))]) {
      expect(out).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
      const tags = out.replace(scriptOf(out), '').replace(/"[^"]*"/g, '""').match(/<[a-z][^<>]*>/gi) ?? [];
      expect(tags.filter((tag) => /\ssrc=/i.test(tag))).toEqual([]);
      for (const [, target] of out.matchAll(/\bhref="([^"]*)"/g)) expect(target).toMatch(/^(#|https?:\/\/)/);
    }
    // Without metadata links there is no outside address at all.
    expect(page.replace(scriptOf(page), '')).not.toMatch(/https?:\/\//);
  });

  it('declares a strict CSP whose hashes match its own inline style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replaceAll('&#39;', "'");
    expect(csp).toBeDefined();
    const sha = (content: string) => `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain(`script-src ${sha(scriptOf(page))}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('names outlets from the manifest, with title, date and only safe links; falls back to a short id', async () => {
    const out = renderHtml(await loadRunOutputs(OUTLETS));
    const names = [...out.matchAll(/<article class="doc" data-o="\d+" data-name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['Le Monde', 'Le Figaro', 'AFP &lt;b onmouseover=&quot;window.__pwned=&#39;src&#39;&quot;&gt;wire&lt;/b&gt;', 'Libération', '004']);
    expect(out).toContain('<td class="title">Moscou se tourne vers Pyongyang pour ses munitions</td><td data-label="date">2022-09-06</td>');
    expect(out).toContain('href="https://www.lemonde.fr/international/article/obus.html" rel="noopener noreferrer nofollow"');
    expect(out).not.toContain('javascript:');
    // No headline anywhere: the first sentence stands in, marked as such.
    expect(out).toContain(`title="no headline: the article's first sentence">“La Russie achète des millions`);
  });

  it('puts facts several outlets report first, most outlets first, and folds single-outlet facts per outlet', () => {
    const facts = [...page.matchAll(/<article class="fact( single)?" id="f0-(g\d+)" data-outlets="([\d ]*)"/g)].map((m) => [m[2], m[3], Boolean(m[1])]);
    expect(facts).toEqual([
      ['g1', '0 1 2', false], ['g2', '0 1 2', false], ['g3', '0 1', false], ['g4', '0 2', false], ['g5', '1', true],
    ]);
    expect(page).toContain('<summary>only in 001: 1 sentence<span class="match-count"></span></summary>');
    expect(page).not.toContain('only in 000');
  });

  it('diffs each sentence against the fact\'s most central one, numbers and names marked where they differ', async () => {
    const out = renderHtml(await loadRunOutputs(OUTLETS));
    const fact = /<article class="fact" id="f0-g1"[\s\S]*?<\/article>/.exec(out)![0];
    // Le Monde's sentence is the reference; Le Figaro says "centaines" where it says "millions".
    expect(fact).toMatch(/<div class="member is-ref" data-o="0">.*?reference/);
    expect(fact).toContain('<ins class="add key" title="not in the reference">centaines</ins>');
    expect(fact).toContain('<del class="drop key" title="in the reference only"> millions</del>');
    expect(fact).toContain('<del class="drop" title="in the reference only"> roquettes </del>');
    const g4 = /<article class="fact" id="f0-g4"[\s\S]*?<\/article>/.exec(out)![0];
    expect(g4).toContain('<ins class="add key" title="not in the reference">Washington</ins>');
  });

  it('gives outlets that run the same wording one card, each outlet still linked to its own article', () => {
    const g1 = outputs.groups[0]!;
    const copied = g1.members[0]!.fr;
    const groups = [{ ...g1, members: g1.members.map((m) => (m.doc === '002_piege' ? { ...m, fr: copied } : m)) }, ...outputs.groups.slice(1)];
    const out = renderHtml({ ...outputs, groups });
    const fact = /<article class="fact" id="f0-g1"[\s\S]*?<\/article>/.exec(out)![0];
    expect(fact).toContain('<strong>3 outlets</strong> · grade 1 · 2 wordings');
    expect(fact.match(/<div class="member( is-ref)?"/g)).toHaveLength(2);
    expect(fact).toMatch(/<span class="outlet o0">000<\/span> <span class="muted">and<\/span> <a class="ctx also" href="#seg-0-2-1" data-o="2" data-i="1"><span class="outlet o2">002<\/span><\/a>/);
  });

  it('links every sentence to its place in its article, and greys boilerplate there', () => {
    const links = [...page.matchAll(/<a class="ctx" href="#seg-0-(\d+)-(\d+)" data-o="\1" data-i="\2">/g)];
    expect(links).toHaveLength(outputs.groups.reduce((n, g) => n + g.members.length, 0));
    for (const [, o, i] of links) expect(page).toContain(`id="seg-0-${o}-${i}"`);
    expect(page.match(/<li class="seg boilerplate"/g)).toHaveLength(3);
  });

  it('shows translation flags and confidence, and the English toggle only when there is English', async () => {
    const out = renderHtml(await loadRunOutputs(OUTLETS));
    expect(out).toMatch(/front front front\.<\/p>|front front front\. <span class="flag" title="translation flag">repeat<\/span> <span class="en-score"[^>]*>-2\.31<\/span>/);
    expect(out).toContain('class="show-en"');
    const french = renderHtml({ ...outputs, sentences: outputs.sentences.map(({ en: _en, ...rest }) => rest), groups: outputs.groups.map((g) => ({ ...g, members: g.members.map(({ en: _en, ...m }) => m) })) });
    expect(french).not.toContain('class="show-en"');
    expect(french).not.toContain('<p class="en">');
  });

  it('opens on an index of stories, one section per story with only its outlets and facts', async () => {
    const out = renderHtml(await loadRunOutputs(OUTLETS));
    const rows = [...out.matchAll(/<tr><td><a href="#story=(\d+)">([^<]*)<\/a><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="num">(\d+)<\/td>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['0', 'La Russie achète des obus à la Corée du Nord', 'Le Monde, Le Figaro, AFP &lt;b onmouseover=&quot;window.__pwned=&#39;src&#39;&quot;&gt;wire&lt;/b&gt;', '2022-09-05, 2022-09-06', '3'],
      ['1', 'Grève à la SNCF : trafic perturbé mardi', 'Libération, 004', '2023-01-17', '2'],
    ]);
    const second = out.slice(out.indexOf('<section class="story" id="story-1"'));
    expect(second).toContain('1 group of near-duplicate versions');
    expect(second).toContain('<span class="dup">same copy as 004</span>');
    expect([...second.matchAll(/id="f1-(g\d+)"/g)].map((m) => m[1])).toEqual(['g2', 'g3', 'g10', 'g11']);
  });

  it.each([
    { name: 'all versions', options: {}, versions: 3, pairs: 7 },
    { name: '--docs two versions', options: { docs: ['000_lemonde', '001_figaro'] }, versions: 2, pairs: 3 },
    { name: '--min-score 0.6', options: { minScore: 0.6 }, versions: 3, pairs: 4 },
  ])('$name: $versions versions, $pairs kept pairs in the map data', ({ options, versions, pairs }) => {
    const out = renderHtml(outputs, options);
    expect(out.match(/<article class="doc"/g)).toHaveLength(versions);
    const data = JSON.parse(/<script type="application\/json" class="pairs">([^<]*)<\/script>/.exec(out)![1]!) as unknown[];
    expect(data).toHaveLength(pairs);
  });

  it('reports pairs whose sentences are missing from sentences.jsonl instead of dropping them silently', () => {
    const out = renderHtml({ ...outputs, sentences: outputs.sentences.filter((s) => s.id !== '000_lemonde:1') });
    expect(out).toContain('2 aligned pairs name sentences missing from sentences.jsonl: counted here, not drawn.');
    expect(out).toContain('<span class="missing" title="sentences.jsonl lacks this segment">');
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
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^inspect: wrote .*report\.html: 3 versions, 5 facts, 7 aligned pairs, \d+ KiB\n$/);
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
