// Checks a journalist would make on one translated sentence, from the French and the English alone
// (no model): numbers kept, names kept, something translated, a plausible length. Each is a flag in
// `en_flags`; docs/translation.md "Checks" states each rule and where its thresholds came from.
// Pure functions, so they run on cached translations and in `translate-text` alike.
import type { TranslationFlag } from '../types.ts';

export type CheckFlag = Extract<TranslationFlag, 'number' | 'name' | 'untranslated' | 'length-ratio'>;

/**
 * English characters / French characters outside this range is flagged (French of at least
 * LENGTH_RATIO_MIN_CHARS characters only). Fitted by scripts/lang/fit-length-ratio.ts on human
 * fr–en parallel text (UDHR + the tiny model's news pairs): 1st percentile × 0.9 and 99th × 1.1,
 * rounded outward (0.625 → 0.62, 1.212 → 1.22); docs/translation.md "Checks".
 */
export const LENGTH_RATIO_RANGE: readonly [number, number] = [0.62, 1.22];
export const LENGTH_RATIO_MIN_CHARS = 40;
/** Fewer letter words than this and an identical English is no error (a name, "Source link -38"). */
export const UNTRANSLATED_MIN_WORDS = 3;

// ---- numbers ------------------------------------------------------------------------------------

const SCALES: Readonly<Record<string, number>> = {
  mille: 1e3, thousand: 1e3, thousands: 1e3,
  million: 1e6, millions: 1e6,
  milliard: 1e9, milliards: 1e9, billion: 1e9, billions: 1e9,
};
/** English often spells small numbers out where the French had digits ("3 enfants" → "three children"). */
const ENGLISH_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, dozen: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const SPACE = '[ \\u00a0\\u202f]';
/** Clock times are written too differently (15 h 53, 15h53 → 15:53, 3.53pm) to compare: left out. */
const FRENCH_TIME = new RegExp(`\\b\\d{1,2}${SPACE}?h${SPACE}?\\d{2}\\b|\\b\\d{1,2}${SPACE}?h\\b`, 'gu');
const ENGLISH_TIME = /\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?/giu;
// French: groups of three after a space or a dot (1 500, 1.500), decimals after a comma (3,5).
const FRENCH_NUMBER = new RegExp(`\\d{1,3}(?:(?:${SPACE}|\\.)\\d{3})+(?:,\\d+)?(?!\\d)|\\d+(?:,\\d+)?`, 'gu');
// English: groups of three after a comma (1,500), decimals after a dot (3.5).
const ENGLISH_NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/gu;
const SCALE_AFTER = /^\s*(?:de\s+|d[’'])?([a-zé]+)/iu;

function parseFrench(token: string): number {
  return Number(token.replace(/[ \u00a0\u202f.]/gu, '').replace(',', '.'));
}

function parseEnglish(token: string): number {
  return Number(token.replace(/,/gu, ''));
}

/** Each number of the text with the values it may stand for (1,5 million: 1.5 and 1 500 000). */
function numbersOf(text: string, french: boolean): number[][] {
  const withoutTimes = text.replace(french ? FRENCH_TIME : ENGLISH_TIME, ' ');
  const found: number[][] = [];
  for (const match of withoutTimes.matchAll(french ? FRENCH_NUMBER : ENGLISH_NUMBER)) {
    const value = (french ? parseFrench : parseEnglish)(match[0]);
    if (!Number.isFinite(value)) continue;
    const after = SCALE_AFTER.exec(withoutTimes.slice((match.index ?? 0) + match[0].length));
    const scale = after ? SCALES[(after[1] as string).toLowerCase()] : undefined;
    found.push(scale === undefined ? [value] : [value, value * scale]);
  }
  if (!french) {
    for (const word of withoutTimes.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const value = ENGLISH_WORDS[word];
      if (value !== undefined) found.push([value]);
    }
  }
  return found;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** The French numbers (normalised) that no English number matches; [] when all are there. */
export function missingNumbers(fr: string, en: string): number[] {
  const english = numbersOf(en, false);
  const used = new Set<number>();
  const missing: number[] = [];
  for (const values of numbersOf(fr, true)) {
    const at = english.findIndex((candidates, i) => !used.has(i) && candidates.some((c) => values.some((v) => same(c, v))));
    if (at === -1) missing.push(values[0] as number);
    else used.add(at);
  }
  return missing;
}

// ---- names --------------------------------------------------------------------------------------

/** Capitalised function words that start sentences; never names. Lower case. */
const FRENCH_COMMON = new Set(
  ('le la les l un une des de du d au aux à a en dans par pour sur sous avec sans selon après avant ' +
    'il elle ils elles on nous vous je j ce cet cette ces c ça cela ceci qui que qu quand où si mais et ou ' +
    'donc puis alors ainsi pourtant cependant enfin hier aujourd aujourd’hui demain lors mis mise ' +
    'son sa ses leur leurs mon ma mes notre nos votre vos tout tous toute toutes plus moins très y ne n ' +
    'comme depuis pendant entre vers chez contre malgré grâce face outre est sont était a ont oui non merci ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août ' +
    'septembre octobre novembre décembre').split(/\s+/u),
);
const ENGLISH_COMMON = new Set(
  ('the a an in on at to of for from by with without according after before as and or but so if when ' +
    'where while this that these those it its he she they we you i his her their our my there here ' +
    'is are was were has have had be been not no yes also more most very all some many such ' +
    'updated yesterday today tomorrow meanwhile however then than').split(/\s+/u),
);
/** Capitalised in English, lower case in French: never evidence of a name ("mercredi" → "Wednesday"). */
const ENGLISH_CALENDAR = new Set(
  ('monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december i').split(/\s+/u),
);

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Words of the text (hyphenated names stay whole), elisions (l’, d’, qu’) cut off. */
function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*(?:[’'][\p{L}]+)?/gu) ?? []).map((word) =>
    word.replace(/^(?:[ldjcnmst]|qu|jusqu|lorsqu|puisqu)[’']/iu, ''),
  );
}

/** Capitalised words (names, acronyms) that are not common words capitalised by their position. */
function namesOf(text: string, common: ReadonlySet<string>, skip: ReadonlySet<string>): string[] {
  return wordsOf(text).filter((word) => /^\p{Lu}/u.test(word) && !common.has(fold(word)) && !skip.has(fold(word)));
}

/** Same name across the languages: equal once accents and case are folded, or a shared 4-letter start (Russie/Russia, Moscou/Moscow). */
function sameName(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (x === y) return true;
  return x.length >= 4 && y.length >= 4 && x.slice(0, 4) === y.slice(0, 4);
}

/** More than half the words in capitals (a shouted headline, CLIQUEZ ICI): capitals say nothing there. */
function shouting(text: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  return words.filter((word) => word === word.toUpperCase()).length * 2 > words.length;
}

/**
 * French names (capitalised words, acronyms) with no English counterpart, when there are more of
 * them than unmatched English names: a name that translates (Allemagne → Germany, OTAN → NATO,
 * Maison Blanche → White House) leaves an unmatched English name beside it and is not counted.
 */
export function missingNames(fr: string, en: string): string[] {
  if (shouting(fr)) return [];
  const french = namesOf(fr, FRENCH_COMMON, new Set());
  const english = namesOf(en, ENGLISH_COMMON, ENGLISH_CALENDAR);
  const matched = new Set<number>();
  const unmatched: string[] = [];
  for (const name of french) {
    const at = english.findIndex((candidate, i) => !matched.has(i) && sameName(name, candidate));
    if (at === -1) unmatched.push(name);
    else matched.add(at);
  }
  return unmatched.length > english.length - matched.size ? unmatched : [];
}

// ---- untranslated, length ------------------------------------------------------------------------

const letterWords = (text: string): number => (text.match(/\p{L}+/gu) ?? []).length;
const squash = (text: string): string => text.replace(/\s+/gu, ' ').trim();

export function isUntranslated(fr: string, en: string): boolean {
  return letterWords(fr) >= UNTRANSLATED_MIN_WORDS && squash(fr) === squash(en);
}

export function lengthRatioOutside(fr: string, en: string): boolean {
  const source = squash(fr).length;
  if (source < LENGTH_RATIO_MIN_CHARS) return false;
  const ratio = squash(en).length / source;
  return ratio < LENGTH_RATIO_RANGE[0] || ratio > LENGTH_RATIO_RANGE[1];
}

/** Every check's flag for one French sentence and its English, in a fixed order. */
export function checkTranslation(fr: string, en: string): CheckFlag[] {
  const flags: CheckFlag[] = [];
  if (isUntranslated(fr, en)) return ['untranslated']; // the other checks say nothing about a copy
  if (missingNumbers(fr, en).length > 0) flags.push('number');
  if (missingNames(fr, en).length > 0) flags.push('name');
  if (lengthRatioOutside(fr, en)) flags.push('length-ratio');
  return flags;
}
