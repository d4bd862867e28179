// A sentence longer than the model accepts is cut at clause boundaries into pieces that fit, so it
// is translated whole in parts instead of being silently truncated. Pure: the caller passes the
// token counter.

/** Boundaries tried in order: strongest clause breaks first, then words, then characters. */
const BOUNDARIES: readonly RegExp[] = [/(?<=;)/u, /(?<=:)/u, /(?<=,)/u, /(?=\s[—–]\s)/u, /(?<=\s)/u];

/**
 * Splits `text` into consecutive pieces whose concatenation is exactly `text` and each of which has
 * at most `maxTokens` tokens by `countTokens`. Returns `[text]` when it already fits.
 */
export function splitToFit(text: string, maxTokens: number, countTokens: (text: string) => number): string[] {
  return splitAt(text, 0, maxTokens, countTokens);
}

function splitAt(text: string, level: number, maxTokens: number, countTokens: (text: string) => number): string[] {
  if (countTokens(text) <= maxTokens) return [text];
  const boundary = BOUNDARIES[level];
  if (boundary === undefined) return splitCharacters(text, maxTokens, countTokens);
  const parts = text.split(boundary).filter((part) => part.length > 0);
  if (parts.length < 2) return splitAt(text, level + 1, maxTokens, countTokens);

  // Greedily pack consecutive parts; a part that does not fit alone goes one level finer.
  const pieces: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current && countTokens(current + part) <= maxTokens) {
      current += part;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    if (countTokens(part) <= maxTokens) current = part;
    else pieces.push(...splitAt(part, level + 1, maxTokens, countTokens));
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Last resort for a single "word" longer than the model accepts (e.g. a pasted hash or URL). */
function splitCharacters(text: string, maxTokens: number, countTokens: (text: string) => number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.length;
    // Binary search the longest prefix that fits; at least one character so it always progresses.
    let low = start + 1;
    let high = end;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (countTokens(text.slice(start, mid)) <= maxTokens) low = mid;
      else high = mid - 1;
    }
    end = low;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
