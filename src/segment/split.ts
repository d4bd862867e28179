// From a document's text to sentence pieces with offsets: lines, then glued boilerplate cut out,
// then French sentence boundaries (punctuation, plus the glued-sentence cue of glued-sentences.ts). Every non-whitespace character ends up in exactly one piece.

import { sentenceBoundaries } from './boundaries.ts';
import { findDateMarker, findGluedBoilerplate } from './glued.ts';
import { gluedSentenceStarts } from './glued-sentences.ts';
import { cutSpan, lineSpans, type Span } from './spans.ts';

export interface Piece extends Span {
  /** Index of the non-blank line the piece is on (0-based). */
  readonly line: number;
  /** Index of the stretch of the line between glued boilerplate cuts (0-based). */
  readonly block: number;
  /** How many sentences that stretch was split into. */
  readonly blockSize: number;
  /** Set when the piece was cut out as glued boilerplate (date marker, byline). */
  readonly gluedReason?: string;
}

/** Splits a text into sentence pieces, in order. */
export function splitText(text: string): Piece[] {
  const pieces: Piece[] = [];
  const marker = findDateMarker(text);
  let bodyStart = 0;
  if (marker) {
    pieces.push({ start: marker.start, end: marker.end, line: 0, block: 0, blockSize: 1, gluedReason: marker.reason });
    bodyStart = marker.end;
  }
  lineSpans(text, { start: bodyStart, end: text.length }).forEach((line, lineIndex) => {
    let block = marker && lineIndex === 0 ? 1 : 0;
    let cursor = line.start;
    const flush = (end: number): void => {
      const stretch = { start: cursor, end };
      const sentences = cutSpan(text, stretch, []).flatMap((trimmed) =>
        cutSpan(text, trimmed, [...sentenceBoundaries(text, trimmed), ...gluedSentenceStarts(text, trimmed)]),
      );
      for (const sentence of sentences) pieces.push({ ...sentence, line: lineIndex, block, blockSize: sentences.length });
      if (sentences.length > 0) block += 1;
    };
    for (const glued of findGluedBoilerplate(text, line)) {
      flush(glued.start);
      pieces.push({ start: glued.start, end: glued.end, line: lineIndex, block, blockSize: 1, gluedReason: glued.reason });
      block += 1;
      cursor = glued.end;
    }
    flush(line.end);
  });
  return pieces;
}
