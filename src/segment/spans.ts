// Character spans over a document's original text. Offsets are JS string indices (UTF-16 code
// units), end-exclusive, so `text.slice(start, end)` is the spanned text.

export interface Span {
  readonly start: number;
  readonly end: number;
}

const WHITESPACE = /\s/u;

export function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && WHITESPACE.test(char);
}

/** Shrinks a span to exclude surrounding whitespace; returns undefined when nothing is left. */
export function trimSpan(text: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && isWhitespace(text[start])) start += 1;
  while (end > start && isWhitespace(text[end - 1])) end -= 1;
  return start < end ? { start, end } : undefined;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\u0085]/gu;

/**
 * The non-blank lines inside `span`, trimmed. A line break always ends a segment: scraped articles
 * put headlines, widgets and captions on their own lines, often without final punctuation.
 */
export function lineSpans(text: string, span: Span): Span[] {
  const lines: Span[] = [];
  const region = text.slice(span.start, span.end);
  let lineStart = 0;
  for (const match of region.matchAll(LINE_BREAK)) {
    pushTrimmed(text, span.start + lineStart, span.start + match.index, lines);
    lineStart = match.index + match[0].length;
  }
  pushTrimmed(text, span.start + lineStart, span.end, lines);
  return lines;
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  const trimmed = trimSpan(text, { start, end });
  if (trimmed) into.push(trimmed);
}

/** Cuts `span` at the given offsets (each strictly inside it) and trims the pieces. */
export function cutSpan(text: string, span: Span, cuts: readonly number[]): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= span.end) continue;
    pushTrimmed(text, start, cut, pieces);
    start = cut;
  }
  pushTrimmed(text, start, span.end, pieces);
  return pieces;
}
