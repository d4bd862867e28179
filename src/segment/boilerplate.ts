// Kinds of the sentences of a document: body, title, or boilerplate with a reason.
//
// Rules run in this order (first match wins; see docs/segmentation.md for the reason codes):
//   1. glued boilerplate cut out by the splitter (date-marker, byline),
//   2. pattern rules on what the sentence says (patterns.ts),
//   3. reader comments: every line after a comment-widget header ("Comment recent", "Commentaires")
//      that comes after some article prose,
//   4. the headline: the first content sentence, when title.ts says it is one,
//   5. teaser-headline: a line in capitals (>= MIN_TEASER_CAPITALS of its letters, >= 4 words),
//   6. the tail: lines after the last prose line of the article. There, emoji lines and short
//      unpunctuated interjections are reader comments; the first other unpunctuated line is a
//      related link (sites put the "read next" teaser right under the article), later ones are
//      reader comments when the tail holds other comments, related links otherwise; a short
//      punctuated line stays body unless a boilerplate line came before it in the tail.
// Everything else is body. Nothing is deleted: boilerplate keeps its text and offsets.

import type { SegmentKind } from '../types.ts';
import { matchPatternRule, startsCommentBlock } from './patterns.ts';
import type { Piece } from './split.ts';
import { capitalRatio, endsLikeProse, hasEmoji, words } from './shape.ts';
import { isHeadline } from './title.ts';

export const MIN_TEASER_CAPITALS = 0.8;
/** A prose sentence has at least this many words and ends with terminal punctuation. */
export const MIN_PROSE_WORDS = 6;
/** Unpunctuated lines this short in the tail are reader comments ("Merci", "Bien dit"). */
export const MAX_INTERJECTION_WORDS = 3;

export interface Classification {
  readonly kind: SegmentKind;
  readonly reason?: string;
}

export interface ClassifyInput {
  readonly text: string;
  readonly pieces: readonly Piece[];
  readonly metaTitle: string | undefined;
}

const BODY: Classification = { kind: 'body' };

function boilerplate(reason: string): Classification {
  return { kind: 'boilerplate', reason };
}

/** One classification per piece, in order. */
export function classifyPieces({ text, pieces, metaTitle }: ClassifyInput): Classification[] {
  const sentences = pieces.map((piece) => text.slice(piece.start, piece.end));
  const result: (Classification | undefined)[] = pieces.map((piece, index) => {
    const reason = piece.gluedReason ?? matchPatternRule(sentences[index] ?? '');
    return reason === undefined ? undefined : boilerplate(reason);
  });

  // A comment header only counts after some article prose: a page does not open with comments.
  const firstProse = pieces.findIndex((_piece, index) => result[index] === undefined && isProse(sentences[index] ?? ''));
  const firstProseLine = pieces[firstProse]?.line ?? Infinity;
  const commentHeader = pieces.findIndex(
    (piece, index) => piece.line > firstProseLine && startsCommentBlock(sentences[index] ?? '', result[index]?.reason),
  );
  if (commentHeader >= 0) {
    const headerLine = pieces[commentHeader]?.line ?? Infinity;
    pieces.forEach((piece, index) => {
      if (piece.line > headerLine && result[index] === undefined) result[index] = boilerplate('reader-comment');
    });
  }

  const first = result.findIndex((classification) => classification === undefined);
  const firstPiece = pieces[first];
  if (firstPiece) {
    const wholeLine = firstPiece.blockSize === 1;
    if (isHeadline({ sentence: sentences[first] ?? '', next: sentences[first + 1], wholeLine, metaTitle })) {
      result[first] = { kind: 'title' };
    }
  }

  const piecesPerLine = new Map<number, number>();
  for (const piece of pieces) piecesPerLine.set(piece.line, (piecesPerLine.get(piece.line) ?? 0) + 1);
  pieces.forEach((piece, index) => {
    if (result[index] !== undefined || piecesPerLine.get(piece.line) !== 1) return;
    if (isTeaserHeadline(sentences[index] ?? '')) result[index] = boilerplate('teaser-headline');
  });

  classifyTail(pieces, sentences, result);
  return result.map((classification) => classification ?? BODY);
}

/** A line of its own (checked by the caller) written in capitals: a teaser for another story. */
function isTeaserHeadline(sentence: string): boolean {
  const letters = sentence.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 15 && words(sentence).length >= 4 && capitalRatio(sentence) >= MIN_TEASER_CAPITALS;
}

function isProse(sentence: string): boolean {
  return endsLikeProse(sentence) && words(sentence).length >= MIN_PROSE_WORDS;
}

function classifyTail(pieces: readonly Piece[], sentences: readonly string[], result: (Classification | undefined)[]): void {
  let lastProseLine = -1;
  pieces.forEach((piece, index) => {
    if (result[index] === undefined && isProse(sentences[index] ?? '')) lastProseLine = Math.max(lastProseLine, piece.line);
  });
  if (lastProseLine < 0) return; // no article prose at all: nothing to call a tail
  const tail = pieces.map((_piece, index) => index).filter((index) => (pieces[index]?.line ?? -1) > lastProseLine);
  const sentence = (index: number): string => sentences[index] ?? '';
  const isCommentLike = (index: number): boolean =>
    hasEmoji(sentence(index)) || (!endsLikeProse(sentence(index)) && words(sentence(index)).length <= MAX_INTERJECTION_WORDS);
  const tailHasComments = tail.some(
    (index) => result[index]?.reason === 'reader-comment' || (result[index] === undefined && isCommentLike(index)),
  );
  let articleEnded = false; // set once a line of the tail is boilerplate: the page has moved on
  let seenLink = false;
  for (const index of tail) {
    if (result[index] !== undefined) {
      articleEnded = true;
      continue;
    }
    if (isCommentLike(index)) {
      result[index] = boilerplate('reader-comment');
    } else if (endsLikeProse(sentence(index))) {
      // A short punctuated line: the article's last words ("Le procès reprend lundi."), unless
      // the page already moved on to widgets and links.
      if (articleEnded) result[index] = boilerplate('reader-comment');
    } else if (!seenLink || !tailHasComments) {
      result[index] = boilerplate('related-link');
      seenLink = true;
    } else {
      result[index] = boilerplate('reader-comment');
    }
    if (result[index] !== undefined) articleEnded = true;
  }
}
