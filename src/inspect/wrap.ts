// Terminal text layout: display width and word wrapping. Pure.

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * Columns a plain (uncoloured) string takes in a terminal: one per grapheme, so "é" written as
 * e + combining accent still counts once. East-Asian wide characters are not expected in French news.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const _ of graphemes.segment(text)) width++;
  return width;
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
      for (const piece of chunkGraphemes(word, lineWidth)) {
        if (displayWidth(piece) === lineWidth) lines.push(piece);
        else line = piece;
      }
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
    if (count === width) {
      pieces.push(piece);
      piece = '';
      count = 0;
    }
    piece += segment;
    count++;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
