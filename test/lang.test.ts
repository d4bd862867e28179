// Language identification (src/lang/detect.ts) on the mixed fixture corpus, as a user sees it in
// sentences.jsonl and manifest.json, and what the translate stage does with non-French sentences.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { translationTable } from '../src/export/rows.ts';
import { loadDetector, sentenceLanguage, type Detect } from '../src/lang/detect.ts';
import { runSplitStage } from '../src/pipeline/split.ts';
import type { TranslationOutput, Translator } from '../src/translate/engine.ts';
import { translateSegmentsWithStats } from '../src/translate/stage.ts';
import type { Segment } from '../src/types.ts';
import { schemaErrors } from './helpers/schemas.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'lang');
/** The sentences of the French fixtures that are English (whole sentences, not quoted inside French ones). */
const ENGLISH_IN_FRENCH = ['"We will not change course on net zero, whatever the cost."', '“The decision is final and it will not be reviewed,” the minister\'s spokesman told reporters.'];
const DOCUMENT_LANG: Readonly<Record<string, string>> = { 'fr-quotes': 'fr', 'fr-names': 'fr', 'en-article': 'en', 'de-article': 'de' };

interface Line {
  readonly doc: string;
  readonly fr: string;
  readonly lang: string | null;
}

describe('language of documents and sentences on the mixed fixture corpus', () => {
  let sentences: Line[];
  let manifest: { documents: { id: string; lang?: string }[] };
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'fralign-lang-'));
    await runSplitStage([FIXTURES], out);
    const text = readFileSync(path.join(out, 'sentences.jsonl'), 'utf8');
    sentences = text.trim().split('\n').map((line) => JSON.parse(line) as Line);
    manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as typeof manifest;
    expect(schemaErrors('segment', sentences)).toEqual([]);
    expect(schemaErrors('manifest', [manifest])).toEqual([]);
  });

  it.each(Object.entries(DOCUMENT_LANG))('document %s is %s in the manifest', (doc, lang) => {
    expect(manifest.documents.find((d) => d.id === doc)?.lang).toBe(lang);
  });

  it('labels every sentence right: English quotations in French articles, the rest their document language', () => {
    const expected = (line: Line): string => (ENGLISH_IN_FRENCH.includes(line.fr) ? 'en' : (DOCUMENT_LANG[line.doc] as string));
    const wrong = sentences.filter((line) => line.lang !== expected(line)).map((line) => `${line.doc}: ${line.lang} ${line.fr}`);
    expect(wrong).toEqual([]);
    expect(sentences.filter((line) => line.lang === 'en' && line.doc.startsWith('fr-')).length).toBe(ENGLISH_IN_FRENCH.length);
  });
});

describe('sentenceLanguage: French unless sure', () => {
  let detect: Detect;
  beforeAll(async () => {
    detect = await loadDetector();
  });
  it.each([
    ['Brest.', 'fr', 'fr', 'a one-word dateline takes the document language'],
    ['Ukraine.', 'en', 'en', 'so does a one-word line in an English article'],
    ['North Korea.', 'fr', 'fr', 'two English words are not enough'],
    ['La patinoire Barbara Ann Scott Ice Trail à College Park.', 'fr', 'fr', 'names in English inside a French sentence'],
    ['Bundesliga : Joshua Kimmich (Bayern Munich) va finalement se faire vacciner', 'fr', 'fr', 'German names in a French headline'],
    ['« Nous ne reculerons pas », a promis le ministre.', 'fr', 'fr', 'a French quotation'],
    ['"It is the right thing to do," a ajouté le ministre de l\'Énergie.', 'fr', 'fr', 'an English quotation with a French attribution'],
    ['The government has no plan and no money left.', 'fr', 'en', 'a whole English sentence in a French article'],
    ['Die Verhandlungen sind in der vergangenen Woche gescheitert.', 'fr', 'de', 'a whole German sentence'],
  ])('%s (document %s) → %s: %s', (text, documentLang, expected) => {
    expect(sentenceLanguage(text, documentLang, detect)).toBe(expected);
  });
});

describe('the translate stage and languages', () => {
  const seg = (index: number, fr: string, lang?: string): Segment => ({ id: `d:${index}`, doc: 'd', index, start: 0, end: fr.length, kind: 'body', fr, ...(lang ? { lang } : {}) });
  const calls: string[] = [];
  const translator: Translator = {
    name: 'fake',
    maxSourceTokens: 100,
    parallelism: 1,
    countTokens: (text) => text.length,
    async translate(batch): Promise<TranslationOutput[]> {
      calls.push(...batch);
      return batch.map((text) => ({ en: `EN ${text}`, flags: [], tokenIds: [] }));
    },
    async close() {},
  };

  it('sends only French (and unlabelled) sentences to the model; copies English with source-en; leaves others without en, flagged', async () => {
    const input = [seg(0, 'Une phrase en français.', 'fr'), seg(1, 'An English sentence.', 'en'), seg(2, 'Ein deutscher Satz.', 'de'), seg(3, 'Ancienne ligne.')];
    const { segments, stats } = await translateSegmentsWithStats(input, { translator });
    expect(calls.sort()).toEqual(['Ancienne ligne.', 'Une phrase en français.']);
    expect(segments.map((s) => [s.en, s.en_flags])).toEqual([
      ['EN Une phrase en français.', undefined],
      ['An English sentence.', ['source-en']],
      [undefined, ['source-other']],
      ['EN Ancienne ligne.', undefined],
    ]);
    expect(stats).toMatchObject({ translated_segments: 2, source_en_segments: 1, source_other_segments: 1 });
    // A French→English export holds French sources only: the English copy and the German line are skipped, and said so.
    const table = translationTable(segments);
    expect(table.rows.map((row) => row['fr'])).toEqual(['Une phrase en français.', 'Ancienne ligne.']);
    expect(table.skipped).toEqual({ 'not French': 2 });
  });
});
