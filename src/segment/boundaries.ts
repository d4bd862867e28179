// Sentence boundaries inside one line of French text.
//
// A boundary candidate is a run of terminal punctuation (. ! ? … and "...") followed by
// whitespace, a closing quote/bracket, or the end of the line. The closing marks that follow are
// part of the sentence (`« … fin. » Puis` splits after »). A candidate becomes a boundary when
// no veto applies:
//   1. inside quotes or brackets once the closing marks are taken (`« Êtes-vous sûr ? » demanda-t-il.`),
//   2. the next word starts in lower case or with , ; : (an incise or a list goes on),
//   3. the period belongs to an abbreviation or initials (see abbreviations.ts),
//   4. the period ends a list number at the start of the line ("1. Le contexte"),
//   5. the period ends a rubric label in capitals at the start of the line ("VIDÉO. Des habitants…").
// Periods inside a token ("3.14", "lemonde.fr", "a.b@c.fr") are never candidates: no space follows.

import { abbreviationBehaviour } from './abbreviations.ts';
import { applyPairMark, hasOpenQuote, type OpenPair, pairMarkAt } from './pairs.ts';
import { isWhitespace, type Span } from './spans.ts';

const TERMINAL = /[.!?…‽]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** What may start a new sentence after a boundary, besides a capital letter or digit. */
const SENTENCE_OPENER = /[\p{Lu}\p{N}«“"([\-–—•*¿¡]/u;
const LOWERCASE_START = /[\p{Ll},;:)\]}»”]/u;

/** Section labels French sites put before a headline, followed by a period: "VIDÉO. …", "INFO LE PARISIEN. …". */
const RUBRIC_LABEL = /^(?:VIDÉO|VIDEO|PHOTOS?|INFO(?: [\p{Lu}' ]+)?|EXCLUSIF|DIRECT|ENQUÊTE|TRIBUNE|ENTRETIEN|RÉCIT|ANALYSE|CARTE|INFOGRAPHIE|PODCAST|REPORTAGE|ÉDITO|DOCUMENT|TÉMOIGNAGE|AUDIO|ALERTE|URGENT)$/u;

/**
 * A quote left open longer than this many characters is taken as a typo, so sentences after it
 * still split. Real quotes in news prose rarely run past a few sentences on one line.
 */
export const MAX_QUOTE_CHARS = 600;

/** Offsets inside `line` where a new sentence starts (sorted, strictly inside the line). */
export function sentenceBoundaries(text: string, line: Span): number[] {
  const cuts: number[] = [];
  let stack: readonly OpenPair[] = [];
  let lastWordAt = -1;
  let index = line.start;
  while (index < line.end) {
    const char = text[index] ?? '';
    const mark = pairMarkAt(text, index, hasOpenQuote(stack), line.start, line.end);
    if (mark) {
      stack = applyPairMark(stack, mark, index);
      index += 1;
      continue;
    }
    if (!TERMINAL.test(char)) {
      if (WORD_CHAR.test(char)) lastWordAt = index;
      index += 1;
      continue;
    }
    let runEnd = index;
    while (runEnd < line.end && TERMINAL.test(text[runEnd] ?? '')) runEnd += 1;
    // Punctuation with no word before it in the sentence ("… Et puis plus rien.") ends nothing.
    const sentenceStart = cuts[cuts.length - 1] ?? line.start;
    const hasWords = lastWordAt >= sentenceStart;
    const cut = hasWords ? boundaryAfterRun(text, line, index, runEnd, stack) : undefined;
    if (cut !== undefined) cuts.push(cut);
    // Closing marks after the run are processed by the main loop so the stack stays right.
    index = runEnd;
  }
  return cuts;
}

/** Where the sentence ending with the punctuation run [runStart, runEnd) ends, or undefined. */
function boundaryAfterRun(
  text: string,
  line: Span,
  runStart: number,
  runEnd: number,
  stackAtRun: readonly OpenPair[],
): number | undefined {
  const following = text[runEnd];
  if (runEnd < line.end && !isWhitespace(following) && !pairMarkAt(text, runEnd, hasOpenQuote(stackAtRun), line.start, line.end)) {
    return undefined; // "3.14", "lemonde.fr", "?q=1", "…et"
  }
  // Take the closing marks that follow (spaces allowed before them, as French typography does).
  let stack = stackAtRun;
  let sentenceEnd = runEnd;
  let probe = runEnd;
  while (probe < line.end) {
    while (probe < line.end && isWhitespace(text[probe])) probe += 1;
    const mark = pairMarkAt(text, probe, hasOpenQuote(stack), line.start, line.end);
    if (!mark || mark.role !== 'close') break;
    stack = applyPairMark(stack, mark, probe);
    probe += 1;
    sentenceEnd = probe;
  }
  if (stack.length > 0 && !quoteLooksUnclosed(stack, runStart)) return undefined;
  let next = sentenceEnd;
  while (next < line.end && isWhitespace(text[next])) next += 1;
  if (next >= line.end) return undefined; // the line ends here anyway
  const nextChar = text[next] ?? '';
  if (LOWERCASE_START.test(nextChar) || !startsSentence(text, next, line.end)) return undefined;
  if (isAbbreviationPeriod(text, line, runStart, runEnd, next)) return undefined;
  return sentenceEnd;
}

function quoteLooksUnclosed(stack: readonly OpenPair[], at: number): boolean {
  const innermost = stack[stack.length - 1];
  return innermost !== undefined && at - innermost.at > MAX_QUOTE_CHARS;
}

function startsSentence(text: string, at: number, end: number): boolean {
  const char = text[at] ?? '';
  if (SENTENCE_OPENER.test(char)) return true;
  // Emoji and other symbols: not lower-case prose, so a new sentence (reader comments, widgets).
  return !/\p{L}/u.test(char) && at < end;
}

/** Whether a single period at runStart belongs to the word before it rather than ending a sentence. */
function isAbbreviationPeriod(text: string, line: Span, runStart: number, runEnd: number, next: number): boolean {
  if (runEnd - runStart !== 1 || text[runStart] !== '.') return false;
  const token = wordBefore(text, line.start, runStart);
  if (token.word === '') return false;
  if (/^\d+$/u.test(token.word) && token.start === line.start) return true; // "1. Le contexte"
  if (RUBRIC_LABEL.test(text.slice(line.start, runStart))) return true;
  const previous = wordBefore(text, line.start, token.start);
  const behaviour = abbreviationBehaviour(token.word, previous.word === '' ? undefined : previous.word);
  if (behaviour === 'never') return true;
  if (behaviour === 'if-capital') return !/\p{Lu}/u.test(text[next] ?? '');
  return false;
}

/** The whitespace-delimited word ending at `end` (opening quotes and brackets stripped). */
function wordBefore(text: string, lineStart: number, end: number): { word: string; start: number } {
  let stop = end;
  while (stop > lineStart && isWhitespace(text[stop - 1])) stop -= 1;
  let start = stop;
  while (start > lineStart && !isWhitespace(text[start - 1]) && !/[«“"([{]/u.test(text[start - 1] ?? '')) start -= 1;
  return { word: text.slice(start, stop), start };
}
