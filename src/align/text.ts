// Turning a French sentence into the units the aligner compares: stemmed content words, character
// n-grams and numbers. A general French normalisation only (elisions, accents, number words): no
// lexicon of places or topics. Pure functions; the stemmer is the Snowball French algorithm
// from `multilingual-stemmer` (WebAssembly), created once per process.
import { Languages, Stemmer } from 'multilingual-stemmer';
import { FRENCH_STOPWORDS } from './stopwords.ts';

let frenchStemmer: Stemmer | undefined;
// Stems per word, bounded: a crossing into WebAssembly per word dominated feature extraction.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Snowball French stem of one lower-case word. */
export function stemFrench(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  frenchStemmer ??= new Stemmer(Languages.French);
  const stem = frenchStemmer.stem(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

const foldCache = new Map<string, string>();
/** foldAccents of one lower-case word, memoised (bounded like the stem cache). */
function foldWord(word: string): string {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = foldAccents(word);
    if (foldCache.size >= 200_000) foldCache.clear();
    foldCache.set(word, folded);
  }
  return folded;
}

/**
 * Lower-cases and removes diacritics, so "Corée"/"coree" and typographic variants compare equal;
 * the ligatures œ and æ (not decomposed by NFD) are spelled out, so "sœur" meets "soeur".
 */
export function foldAccents(text: string): string {
  return spellLigatures(text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
}

function spellLigatures(word: string): string {
  return word.replace(/œ/gu, 'oe').replace(/æ/gu, 'ae');
}

// Words: letter runs with inner hyphens ("nord-coréen", "Mohajer-6" keeps "mohajer"), apostrophes
// split elisions ("d’obus" → "d", "obus"). Numbers: digit runs with French separators.
const WORD = /\p{L}+(?:-\p{L}+)*/gu;
const NUMBER = /\d+(?:[.,\u00a0\u202f ]\d+)*/gu;

/** French number words that state a quantity as precisely as digits do. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['deux', '2'], ['trois', '3'], ['quatre', '4'], ['cinq', '5'], ['six', '6'], ['sept', '7'], ['huit', '8'],
  ['neuf', '9'], ['dix', '10'], ['douze', '12'], ['vingt', '20'], ['trente', '30'], ['cent', '100'],
  ['centaines', '100s'], ['mille', '1000'], ['milliers', '1000s'], ['million', '1e6'], ['millions', '1e6'],
  ['milliard', '1e9'], ['milliards', '1e9'],
]);

/**
 * Stemmed, accent-folded content words (stopwords and one-letter words dropped), in order;
 * hyphenated compounds stem per part ("nord-coréens" meets "coréen"), and the numbers the sentence
 * states are added as `#<value>` tokens (digits and number words alike: "trois" and "3" meet).
 */
export function contentTerms(sentence: string): string[] {
  const terms: string[] = [];
  for (const match of sentence.matchAll(WORD)) {
    // Ligatures spelled out before stemming, so "sœur" and "soeur" stem alike.
    const word = spellLigatures(match[0].toLowerCase());
    if (word.length < 2 || FRENCH_STOPWORDS.has(word) || NUMBER_WORDS.has(word)) continue;
    for (const part of word.split('-')) {
      if (part.length < 2 || FRENCH_STOPWORDS.has(part)) continue;
      terms.push(foldWord(stemFrench(part)));
    }
  }
  for (const number of numbersIn(sentence)) terms.push(`#${number}`);
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
 * Character n-grams (sizes min..max) of the accent-folded content words, each word padded with
 * spaces so n-grams mark word starts and ends. Catches what stemming misses (spelling variants
 * "Louhansk"/"Lougansk", inflections the stemmer splits, archaic spellings "avoit"/"avait").
 * Stopwords are left out: they carry no fact and their n-grams would be in every sentence.
 */
export function charNgrams(sentence: string, min: number, max: number): string[] {
  const grams: string[] = [];
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (FRENCH_STOPWORDS.has(word)) continue;
    const padded = ` ${foldWord(word)} `;
    for (let n = min; n <= max; n++) {
      if (padded.length <= n) {
        if (n === min) grams.push(padded);
        break;
      }
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  for (const number of numbersIn(sentence)) grams.push(`#${number}`);
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
