// Terminal text layout: display width and word wrapping. Pure.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * Columns a plain (uncoloured) string takes in a terminal, as string-width measures it: "é" written
 * as e + combining accent counts once, an emoji or a wide CJK character twice (a per-grapheme count
 * shifted the gutter after every emoji).
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pads with spaces to `width` columns (never cuts). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Wraps `text` into lines of at most `width` columns, breaking at spaces; a word longer than a whole
 * line (a URL) is cut into pieces so nothing is lost or overflows. Line breaks in the text are kept.
 */
export function wrapText(text: string, width: number): string[] {
  const lineWidth = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (displayWidth(candidate) <= lineWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      const pieces = chunkGraphemes(word, lineWidth);
      // Every piece but the last is full (a wide character may leave one column free); the last may take more words.
      const last = pieces.pop() ?? '';
      lines.push(...pieces);
      if (displayWidth(last) >= lineWidth) lines.push(last);
      else line = last;
    }
    lines.push(line);
  }
  return lines;
}

function chunkGraphemes(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let count = 0;
  for (const { segment } of graphemes.segment(word)) {
    const columns = stringWidth(segment);
    if (count + columns > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      count = 0;
    }
    piece += segment;
    count += columns;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
