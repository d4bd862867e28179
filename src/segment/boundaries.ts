// Sentence boundaries inside one line of French text.
//
// A boundary candidate is a run of terminal punctuation (. ! ? … and "...") followed by
// whitespace, a closing quote/bracket, or the end of the line. The closing marks that follow are
// part of the sentence (`« … fin. » Puis` splits after »). A candidate becomes a boundary when
// no veto applies:
//   1. the next word starts with , ; : or a closing mark, or in lower case after ? ! … (an
//      incise: `« Êtes-vous sûr ? » demanda-t-il.`) or after an abbreviation,
//   2. inside brackets that close later on the line (a quotation, by contrast, is split where
//      one of its sentences ends: `« Nous partons. Nous reviendrons », dit-il.` is two),
//   3. the period belongs to an abbreviation or initials (see abbreviations.ts),
//   4. the period ends a list number at the start of a sentence ("1. Le contexte"),
//   5. the period ends a rubric label in capitals at the start of the line ("VIDÉO. Des habitants…").
// Periods inside a token ("3.14", "lemonde.fr", "a.b@c.fr") are never candidates: no space follows.

import { abbreviationBehaviour } from './abbreviations.ts';
import { applyPairMark, endSentence, hasOpenStraightQuote, type OpenPair, type PairFamily, pairMarkAt } from './pairs.ts';
import { isWhitespace, type Span } from './spans.ts';

const TERMINAL = /[.!?…‽]/u;
/** Characters the scan stops at: terminal punctuation, quotes, brackets. Everything else is skipped. */
const SPECIAL = new Set([...'.!?…‽«»“”"()[]{}']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** What may start a new sentence after a boundary, besides a capital letter or digit. */
const SENTENCE_OPENER = /[\p{Lu}\p{N}«“"([\-–—•*¿¡]/u;
/** After the closing marks (all taken above), these go on the sentence. A quote still there opens the next one (`fin. »Quand`, a reversed guillemet). */
const CONTINUES = /[,;:]/u;
const LOWERCASE = /\p{Ll}/u;

/** Section labels French sites put before a headline, followed by a period: "VIDÉO. …", "INFO LE PARISIEN. …". */
const RUBRIC_LABEL = /^(?:VIDÉO|VIDEO|PHOTOS?|INFO(?: [\p{Lu}' ]+)?|EXCLUSIF|DIRECT|ENQUÊTE|TRIBUNE|ENTRETIEN|RÉCIT|ANALYSE|CARTE|INFOGRAPHIE|PODCAST|REPORTAGE|ÉDITO|DOCUMENT|TÉMOIGNAGE|AUDIO|ALERTE|URGENT)$/u;

/** Rubric labels are short; longer line starts are not sliced and tested. */
const MAX_RUBRIC_CHARS = 40;

/**
 * A bracket left open longer than this many characters is taken as a typo, so sentences after it
 * still split. Real parentheses in news prose rarely hold more than a sentence or two.
 */
export const MAX_QUOTE_CHARS = 600;

const CLOSER_FAMILY: Readonly<Record<string, Exclude<PairFamily, 'quote'>>> = { ')': '(', ']': '[', '}': '{' };

interface LineContext {
  readonly text: string;
  readonly line: Span;
  /** Per bracket family, the last offset of its closer on the line (-1 when none). */
  readonly lastCloser: Readonly<Record<string, number>>;
}

/** Offsets inside `line` where a new sentence starts (sorted, strictly inside the line). */
export function sentenceBoundaries(text: string, line: Span): number[] {
  const context: LineContext = { text, line, lastCloser: lastClosers(text, line) };
  const cuts: number[] = [];
  let stack: readonly OpenPair[] = [];
  // The last word character before `index`, found by scanning back lazily (each character once).
  let lastWordAt = -1;
  let scannedTo = line.start;
  let index = line.start;
  while (index < line.end) {
    const char = text[index] ?? '';
    if (!SPECIAL.has(char)) {
      index += 1;
      continue;
    }
    const mark = pairMarkAt(text, index, hasOpenStraightQuote(stack), line.start, line.end);
    if (mark) {
      stack = applyPairMark(stack, mark, index);
      index += 1;
      continue;
    }
    if (!TERMINAL.test(char)) {
      index += 1;
      continue;
    }
    for (let at = index - 1; at >= scannedTo; at -= 1) {
      if (WORD_CHAR.test(text[at] ?? '')) {
        lastWordAt = at;
        break;
      }
    }
    let runEnd = index;
    while (runEnd < line.end && TERMINAL.test(text[runEnd] ?? '')) runEnd += 1;
    scannedTo = runEnd;
    // Punctuation with no word before it in the sentence ("… Et puis plus rien.") ends nothing.
    const sentenceStart = cuts[cuts.length - 1] ?? line.start;
    const hasWords = lastWordAt >= sentenceStart;
    const cut = hasWords ? boundaryAfterRun(context, sentenceStart, index, runEnd, stack) : undefined;
    if (cut === undefined) {
      // Closing marks after the run are processed by the main loop so the stack stays right.
      index = runEnd;
      continue;
    }
    // The sentence took its closing marks: go on after them, with the stack they left.
    cuts.push(cut.end);
    stack = endSentence(cut.stack);
    index = cut.end;
  }
  return cuts;
}

/** One backward pass over the line only (lastIndexOf would search the whole text before it). */
function lastClosers(text: string, line: Span): Record<string, number> {
  const found: Record<string, number> = { '(': -1, '[': -1, '{': -1 };
  let missing = 3;
  for (let at = line.end - 1; at >= line.start && missing > 0; at -= 1) {
    const family = CLOSER_FAMILY[text[at] ?? ''];
    if (family !== undefined && found[family] === -1) {
      found[family] = at;
      missing -= 1;
    }
  }
  return found;
}

/** Where the sentence ending with the punctuation run [runStart, runEnd) ends (and the pairs still open there), or undefined. */
function boundaryAfterRun(
  context: LineContext,
  sentenceStart: number,
  runStart: number,
  runEnd: number,
  stackAtRun: readonly OpenPair[],
): { readonly end: number; readonly stack: readonly OpenPair[] } | undefined {
  const { text, line } = context;
  const following = text[runEnd];
  if (runEnd < line.end && !isWhitespace(following) && !pairMarkAt(text, runEnd, hasOpenStraightQuote(stackAtRun), line.start, line.end)) {
    return undefined; // "3.14", "lemonde.fr", "?q=1", "…et"
  }
  // Take the closing marks that follow (spaces allowed before them, as French typography does).
  let stack = stackAtRun;
  let sentenceEnd = runEnd;
  let probe = runEnd;
  while (probe < line.end) {
    while (probe < line.end && isWhitespace(text[probe])) probe += 1;
    const mark = pairMarkAt(text, probe, hasOpenStraightQuote(stack), line.start, line.end);
    if (!mark || mark.role !== 'close') break;
    stack = applyPairMark(stack, mark, probe);
    probe += 1;
    sentenceEnd = probe;
  }
  if (insideBrackets(context, stack, runStart)) return undefined;
  let next = sentenceEnd;
  while (next < line.end && isWhitespace(text[next])) next += 1;
  if (next >= line.end) return undefined; // the line ends here anyway
  const nextChar = text[next] ?? '';
  // A comma or more punctuation goes on: `[…]. Le reste` ends after the period.
  if (CONTINUES.test(nextChar) || TERMINAL.test(nextChar)) return undefined;
  const singlePeriod = runEnd - runStart === 1 && text[runStart] === '.';
  const period = periodKind(text, line, sentenceStart, runStart, next, singlePeriod);
  if (period === 'abbreviation') return undefined;
  if (LOWERCASE.test(nextChar)) {
    // After ? ! … a lower-case word is an incise or the sentence going on; after a period that
    // ends an ordinary word it starts a sentence (transcripts and legal text lower-case them).
    return period === 'word' && sentenceEnd === runEnd ? { end: sentenceEnd, stack } : undefined;
  }
  if (!startsSentence(text, next, line.end)) return undefined;
  return { end: sentenceEnd, stack };
}

/** A bracket open at the run that closes later on the line (and is not a runaway typo). */
function insideBrackets(context: LineContext, stack: readonly OpenPair[], at: number): boolean {
  return stack.some(
    (pair) => pair.family !== 'quote' && (context.lastCloser[pair.family] ?? -1) > at && at - pair.at <= MAX_QUOTE_CHARS,
  );
}

function startsSentence(text: string, at: number, end: number): boolean {
  const char = text[at] ?? '';
  if (SENTENCE_OPENER.test(char)) return true;
  // Emoji and other symbols: not lower-case prose, so a new sentence (reader comments, widgets).
  return !/\p{L}/u.test(char) && at < end;
}

/** A word long enough and with a vowel: not an unlisted abbreviation ("env", "cf", "bd"). */
const ORDINARY_WORD = /^(?=.*[aeiouyàâäéèêëîïôöùûüÿœæ])[\p{L}'’-]{3,}$/iu;

/**
 * What a punctuation run ending a sentence-like stretch is: `abbreviation` when a single period
 * belongs to the word before it (then nothing splits), `word` when a single period ends an
 * ordinary word (then even a lower-case word after it starts a sentence), `other` otherwise.
 */
function periodKind(
  text: string,
  line: Span,
  sentenceStart: number,
  runStart: number,
  next: number,
  singlePeriod: boolean,
): 'abbreviation' | 'word' | 'other' {
  if (!singlePeriod) return 'other';
  const token = wordBefore(text, line.start, runStart);
  if (token.word === '') return 'other';
  let contentStart = sentenceStart;
  while (contentStart < runStart && isWhitespace(text[contentStart])) contentStart += 1;
  if (/^\d+$/u.test(token.word) && startsListItem(text, contentStart, token.start)) return 'abbreviation'; // "1. Le contexte"
  if (runStart - line.start <= MAX_RUBRIC_CHARS && RUBRIC_LABEL.test(text.slice(line.start, runStart))) return 'abbreviation';
  const previous = wordBefore(text, line.start, token.start);
  const behaviour = abbreviationBehaviour(token.word, previous.word === '' ? undefined : previous.word);
  if (behaviour === 'never') return 'abbreviation';
  if (behaviour === 'if-capital') return /\p{Lu}/u.test(text[next] ?? '') ? 'other' : 'abbreviation';
  const bare = token.word.replace(/[»”"')\]]+$/u, '');
  return bare !== token.word || ORDINARY_WORD.test(bare) ? 'word' : 'other';
}

/**
 * Whether a number at `at` opens a list item: first in its sentence, or right after `;`, which
 * separates the items of one enumerated sentence ("sociale ; 2. La maternité"). After `:` the
 * number may start a sentence of its own ("Préparation : 1. Dans un saladier…"), so it splits.
 */
function startsListItem(text: string, contentStart: number, at: number): boolean {
  if (at === contentStart) return true;
  let before = at - 1;
  while (before >= contentStart && isWhitespace(text[before])) before -= 1;
  return before >= contentStart && text[before] === ';';
}

/** The whitespace-delimited word ending at `end` (opening quotes and brackets stripped). */
function wordBefore(text: string, lineStart: number, end: number): { word: string; start: number } {
  let stop = end;
  while (stop > lineStart && isWhitespace(text[stop - 1])) stop -= 1;
  let start = stop;
  while (start > lineStart && !isWhitespace(text[start - 1]) && !/[«“"([{]/u.test(text[start - 1] ?? '')) start -= 1;
  return { word: text.slice(start, stop), start };
}
