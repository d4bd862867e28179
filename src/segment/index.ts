// Stage `segment`: a document's text → sentences with exact offsets, each marked body, title or
// boilerplate (with a reason). Pure: no I/O. See docs/segmentation.md.

import type { Document, Segment } from '../types.ts';
import { classifyPieces } from './boilerplate.ts';
import { splitText } from './split.ts';

export { splitText, type Piece } from './split.ts';
export { PATTERN_RULES, matchPatternRule } from './patterns.ts';

/**
 * Splits a document into segments, in text order, ids `<doc>:<index>`. Every non-whitespace
 * character of `doc.text` is in exactly one segment and `doc.text.slice(start, end) === fr`.
 */
export function segmentDocument(doc: Document): Segment[] {
  const pieces = splitText(doc.text);
  const title = typeof doc.meta.title === 'string' ? doc.meta.title : undefined;
  const kinds = classifyPieces({ text: doc.text, pieces, metaTitle: title });
  return pieces.map((piece, index) => {
    const classification = kinds[index] ?? { kind: 'body' };
    const segment: Segment = {
      id: `${doc.id}:${index}`,
      doc: doc.id,
      index,
      start: piece.start,
      end: piece.end,
      kind: classification.kind,
      fr: doc.text.slice(piece.start, piece.end),
    };
    return classification.reason === undefined ? segment : { ...segment, reason: classification.reason };
  });
}
