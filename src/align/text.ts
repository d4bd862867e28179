// Turning a French sentence into the units the aligner compares: stemmed content words, character
// n-grams, numbers and proper names. Pure functions; the stemmer is the Snowball French algorithm
// from `multilingual-stemmer` (WebAssembly), created once per process.
import { Languages, Stemmer } from 'multilingual-stemmer';
import { lexiconNamed, type Lexicon } from './lexicon.ts';
import { FRENCH_STOPWORDS } from './stopwords.ts';

let frenchStemmer: Stemmer | undefined;

/** Snowball French stem of one lower-case word. */
export function stemFrench(word: string): string {
  frenchStemmer ??= new Stemmer(Languages.French);
  return frenchStemmer.stem(word);
}

/** Lower-cases and removes diacritics, so "Corée"/"coree" and typographic variants compare equal. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

// Words: letter runs with inner hyphens ("nord-coréen", "Mohajer-6" keeps "mohajer"), apostrophes
// split elisions ("d’obus" → "d", "obus"). Numbers: digit runs with French separators.
const WORD = /\p{L}+(?:-\p{L}+)*/gu;
const NUMBER = /\d+(?:[.,\u00a0\u202f ]\d+)*/gu;
const ACRONYM = /^\p{Lu}{2,}$/u;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;

/** French number words that state a quantity as precisely as digits do. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['deux', '2'], ['trois', '3'], ['quatre', '4'], ['cinq', '5'], ['six', '6'], ['sept', '7'], ['huit', '8'],
  ['neuf', '9'], ['dix', '10'], ['douze', '12'], ['vingt', '20'], ['trente', '30'], ['cent', '100'],
  ['centaines', '100s'], ['mille', '1000'], ['milliers', '1000s'], ['million', '1e6'], ['millions', '1e6'],
  ['milliard', '1e9'], ['milliards', '1e9'],
]);

const DEFAULT_LEXICON = lexiconNamed('news');

/**
 * Stemmed, accent-folded content words (stopwords and one-letter words dropped), in order, as
 * the lexicon normalises them: phrases rewritten first, equivalent words replaced by their
 * concept tokens ("Moscou" → "#russie"), broader tokens added after a stem ("obus" → "obus",
 * "#armement").
 */
export function contentStems(sentence: string, lexicon: Lexicon = DEFAULT_LEXICON): string[] {
  const stems: string[] = [];
  for (const match of rewritePhrases(sentence, lexicon).matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (word.length < 2 || FRENCH_STOPWORDS.has(word)) continue;
    stems.push(...termsOfWord(word, lexicon));
  }
  return stems;
}

function rewritePhrases(sentence: string, lexicon: Lexicon): string {
  let text = sentence;
  for (const [pattern, replacement] of lexicon.phrases) text = text.replace(pattern, replacement);
  return text;
}

/** Concept tokens of a lower-case word, or its stemmed parts (hyphenated compounds stem per part). */
function termsOfWord(word: string, lexicon: Lexicon): string[] {
  const folded = foldAccents(word);
  if (lexicon.dropped.has(folded)) return [];
  const whole = lexicon.equivalents.get(folded);
  if (whole) return [...whole];
  const terms: string[] = [];
  // "nord-coréens" meets "nord-coréen" and "coréen".
  for (const part of word.split('-')) {
    if (part.length < 2 || FRENCH_STOPWORDS.has(part)) continue;
    const concepts = lexicon.equivalents.get(foldAccents(part));
    if (concepts) {
      terms.push(...concepts);
      continue;
    }
    const stem = foldAccents(stemFrench(part));
    terms.push(stem);
    const broader = lexicon.broader.get(stem);
    if (broader !== undefined) terms.push(broader);
  }
  return terms;
}

/** Quantities a sentence states: digit runs (separators removed) and number words, as canonical strings. */
export function numbersIn(sentence: string): string[] {
  const found: string[] = [];
  for (const match of sentence.matchAll(NUMBER)) found.push(match[0].replace(/[.,\u00a0\u202f ]/gu, ''));
  for (const match of sentence.matchAll(WORD)) {
    const canonical = NUMBER_WORDS.get(match[0].toLowerCase());
    if (canonical !== undefined) found.push(canonical);
  }
  return found;
}

/**
 * Proper names: capitalised words that are not the sentence's first word (which is capitalised
 * anyway), and acronyms anywhere. Returned accent-folded and stemmed, so "Kim Jong-un"/"Kim Jong Un"
 * and "Lougansk"/"Louhansk" at least share "kim", "jong".
 */
export function properNames(sentence: string, lexicon: Lexicon = DEFAULT_LEXICON): string[] {
  const names: string[] = [];
  let first = true;
  for (const match of rewritePhrases(sentence, lexicon).matchAll(WORD)) {
    const word = match[0];
    const isName = ACRONYM.test(word) || (!first && CAPITALISED.test(word));
    first = false;
    if (!isName || FRENCH_STOPWORDS.has(word.toLowerCase())) continue;
    names.push(...termsOfWord(word.toLowerCase(), lexicon));
  }
  return names;
}

/**
 * Character n-grams of the accent-folded content words, each word padded with spaces so n-grams
 * mark word starts and ends. Catches what stemming misses ("Louhansk"/"Lougansk", "Pyongyang").
 */
export function charNgrams(sentence: string, n: number): string[] {
  const grams: string[] = [];
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (FRENCH_STOPWORDS.has(word)) continue;
    const padded = ` ${foldAccents(word)} `;
    if (padded.length <= n) {
      grams.push(padded);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a an the of to in on at by for from with and or but is are was were be been has have had it its this that
these those as he she they we you i his her their our not no said says say would could will can may also than`
    .split(/\s+/u),
);

/** Lower-case English content words with a crude plural/-ed/-ing strip; used only for real translations. */
export function englishTerms(sentence: string): string[] {
  const terms: string[] = [];
  for (const match of sentence.toLowerCase().matchAll(/[a-z0-9]+/gu)) {
    const word = match[0];
    if (word.length < 2 || ENGLISH_STOPWORDS.has(word)) continue;
    terms.push(word.replace(/(?:ing|ed|es|s)$/u, '') || word);
  }
  return terms;
}
