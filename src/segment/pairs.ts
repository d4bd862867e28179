// Quotes and brackets: a sentence does not end inside them.
//
// Scraped French text misuses guillemets (seed 002: `en Ukraine« , a déclaré`, `d' »opération`),
// so the role of « » “ ” and " is read from the spacing around the mark, not from its glyph:
// glued to the word before and not to the word after, it closes; the reverse, it opens; with
// spaces on both sides (or neither), the glyph decides (« “ open, » ” close, " toggles).

export type PairFamily = 'quote' | '(' | '[' | '{';

export interface PairMark {
  readonly role: 'open' | 'close';
  readonly family: PairFamily;
}

const QUOTES = new Set(['«', '»', '“', '”', '"']);
const GLYPH_OPENS = new Set(['«', '“']);
const BRACKET_OPEN: Readonly<Record<string, PairFamily>> = { '(': '(', '[': '[', '{': '{' };
const BRACKET_CLOSE: Readonly<Record<string, PairFamily>> = { ')': '(', ']': '[', '}': '{' };

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters that do not glue a quote to the preceding word: spaces, apostrophes, openers. */
const LOOSE_BEFORE = /[\s'’([{«“"]/u;

/**
 * The role of the character at `index` in `text`, or undefined when it is not a quote or bracket.
 * `quoteOpen` says whether a quote is currently open (used only for the ambiguous straight quote).
 * `from`/`to` bound the line: characters outside it count as line edges.
 */
export function pairMarkAt(text: string, index: number, quoteOpen: boolean, from: number, to: number): PairMark | undefined {
  const char = text[index];
  if (char === undefined) return undefined;
  const bracketOpen = BRACKET_OPEN[char];
  if (bracketOpen) return { role: 'open', family: bracketOpen };
  const bracketClose = BRACKET_CLOSE[char];
  if (bracketClose) return { role: 'close', family: bracketClose };
  if (!QUOTES.has(char)) return undefined;
  const before = index > from ? text[index - 1] : undefined;
  const after = index + 1 < to ? text[index + 1] : undefined;
  const gluedBefore = before !== undefined && !LOOSE_BEFORE.test(before);
  const gluedAfter = after !== undefined && WORD_CHAR.test(after);
  if (gluedBefore && !gluedAfter) return { role: 'close', family: 'quote' };
  if (!gluedBefore && gluedAfter) return { role: 'open', family: 'quote' };
  if (char === '"') return { role: quoteOpen ? 'close' : 'open', family: 'quote' };
  return { role: GLYPH_OPENS.has(char) ? 'open' : 'close', family: 'quote' };
}

/** An open quote or bracket: its family and where it opened. */
export interface OpenPair {
  readonly family: PairFamily;
  readonly at: number;
}

/** Openers beyond this depth are ignored. */
export const MAX_PAIR_DEPTH = 8;

/**
 * Applies a mark to a stack of open pairs, returning the new stack. A closer without a matching
 * opener is ignored (typos must not swallow the rest of the line); a closer pops everything
 * opened after its opener (an unclosed bracket inside a quote ends with the quote).
 */
export function applyPairMark(stack: readonly OpenPair[], mark: PairMark, at: number): readonly OpenPair[] {
  if (mark.role === 'open') {
    // Deeper nesting is garbage, not prose; capping it keeps every step O(1) on hostile input.
    return stack.length >= MAX_PAIR_DEPTH ? stack : [...stack, { family: mark.family, at }];
  }
  for (let depth = stack.length - 1; depth >= 0; depth -= 1) {
    if (stack[depth]?.family === mark.family) return stack.slice(0, depth);
  }
  return stack;
}

export function hasOpenQuote(stack: readonly OpenPair[]): boolean {
  return stack.some((pair) => pair.family === 'quote');
}
