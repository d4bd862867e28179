// Quotes and brackets: which marks open and close, and the stack of open pairs on a line.
//
// Scraped French text misuses quotes (seed 002: `en Ukraine« , a déclaré`, `d' »opération`;
// scraped news writing apostrophes as `"`: `l"économie`), so a mark's role is read from what
// surrounds it, not from its glyph alone:
// - a straight `"` between two letters is an apostrophe, not a quote;
// - glued to the word before and not to the word after, a mark closes; the reverse, it opens;
// - otherwise « “ open and » ” close; a straight `"` then closes when the next word is in lower
//   case or punctuation follows (`? " demanda-t-il`, `" ,`), opens at the start of a line or after
//   `:` `(` or a dash, and only in the remaining case (`fin. " Puis`) asks whether a straight
//   quote is open in the current sentence.

export type PairFamily = 'quote' | '(' | '[' | '{';

export interface PairMark {
  readonly role: 'open' | 'close';
  readonly family: PairFamily;
  /** The mark is a straight `"` (its pairing is the least certain). */
  readonly straight: boolean;
}

const QUOTES = new Set(['«', '»', '“', '”', '"']);
const GLYPH_OPENS = new Set(['«', '“']);
const BRACKET_OPEN: Readonly<Record<string, PairFamily>> = { '(': '(', '[': '[', '{': '{' };
const BRACKET_CLOSE: Readonly<Record<string, PairFamily>> = { ')': '(', ']': '[', '}': '{' };

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;
/** Characters that do not glue a quote to the preceding word: spaces, apostrophes, openers. */
const LOOSE_BEFORE = /[\s'’([{«“"]/u;
/** After a straight quote (spaces skipped), these show it closes what came before. */
const CLOSES_BEFORE = /[\p{Ll},;:.!?…)\]}»”]/u;
/** Before a straight quote (spaces skipped), these show it opens what comes next. */
const OPENS_AFTER = /[:([{«“—–-]/u;

/**
 * The role of the character at `index` in `text`, or undefined when it is not a quote or bracket.
 * `straightOpen` says whether a straight quote is open in the current sentence (used only for a
 * straight quote that nothing else decides). `from`/`to` bound the line.
 */
export function pairMarkAt(text: string, index: number, straightOpen: boolean, from: number, to: number): PairMark | undefined {
  const char = text[index];
  if (char === undefined) return undefined;
  const bracketOpen = BRACKET_OPEN[char];
  if (bracketOpen) return { role: 'open', family: bracketOpen, straight: false };
  const bracketClose = BRACKET_CLOSE[char];
  if (bracketClose) return { role: 'close', family: bracketClose, straight: false };
  if (!QUOTES.has(char)) return undefined;
  const straight = char === '"';
  const before = index > from ? text[index - 1] : undefined;
  const after = index + 1 < to ? text[index + 1] : undefined;
  if (straight && before !== undefined && after !== undefined && LETTER.test(before) && LETTER.test(after)) return undefined;
  const gluedBefore = before !== undefined && !LOOSE_BEFORE.test(before);
  const gluedAfter = after !== undefined && WORD_CHAR.test(after);
  if (gluedBefore && !gluedAfter) return { role: 'close', family: 'quote', straight };
  if (!gluedBefore && gluedAfter) return { role: 'open', family: 'quote', straight };
  if (!straight) return { role: GLYPH_OPENS.has(char) ? 'open' : 'close', family: 'quote', straight };
  const next = nonSpaceAfter(text, index, to);
  if (next === undefined || CLOSES_BEFORE.test(next)) return { role: 'close', family: 'quote', straight };
  const previous = nonSpaceBefore(text, index, from);
  if (previous === undefined || OPENS_AFTER.test(previous)) return { role: 'open', family: 'quote', straight };
  return { role: straightOpen ? 'close' : 'open', family: 'quote', straight };
}

function nonSpaceAfter(text: string, index: number, to: number): string | undefined {
  let at = index + 1;
  while (at < to && SPACE.test(text[at] ?? '')) at += 1;
  return at < to ? text[at] : undefined;
}

function nonSpaceBefore(text: string, index: number, from: number): string | undefined {
  let at = index - 1;
  while (at >= from && SPACE.test(text[at] ?? '')) at -= 1;
  return at >= from ? text[at] : undefined;
}

/** An open quote or bracket: its family, where it opened, and whether it is a straight `"`. */
export interface OpenPair {
  readonly family: PairFamily;
  readonly at: number;
  readonly straight: boolean;
}

/** Openers beyond this depth are ignored. */
export const MAX_PAIR_DEPTH = 8;

/**
 * Applies a mark to a stack of open pairs, returning the new stack. A closer without a matching
 * opener is ignored (typos must not swallow the rest of the line); a closer pops everything
 * opened after its opener (an unclosed bracket inside a quote ends with the quote). Straight
 * quotes do not nest: a second straight opener replaces an unclosed one.
 */
export function applyPairMark(stack: readonly OpenPair[], mark: PairMark, at: number): readonly OpenPair[] {
  if (mark.role === 'open') {
    const base = mark.straight ? stack.filter((pair) => !pair.straight) : stack;
    // Deeper nesting is garbage, not prose; capping it keeps every step O(1) on hostile input.
    return base.length >= MAX_PAIR_DEPTH ? base : [...base, { family: mark.family, at, straight: mark.straight }];
  }
  for (let depth = stack.length - 1; depth >= 0; depth -= 1) {
    if (stack[depth]?.family === mark.family) return stack.slice(0, depth);
  }
  return stack;
}

export function hasOpenStraightQuote(stack: readonly OpenPair[]): boolean {
  return stack.some((pair) => pair.straight);
}

/** At the end of a sentence, an unclosed straight quote stops counting (it was an apostrophe or a typo, or it goes on in a way spacing alone shows). */
export function endSentence(stack: readonly OpenPair[]): readonly OpenPair[] {
  return hasOpenStraightQuote(stack) ? stack.filter((pair) => !pair.straight) : stack;
}
