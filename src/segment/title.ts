// Is the first content sentence of a document its headline?
//
// Scraped articles often open with the headline on its own line. It is recognised when it is a
// whole line (or the stretch before a glued byline) and any of:
//   - it equals doc.meta.title (whitespace-normalised),
//   - it has no final punctuation and at most MAX_TITLE_WORDS words (headlines do not end in a
//     period; a line ending in ":" or "," introduces a list, and emoji mean a comment),
//   - it is a short question or exclamation (at most MAX_QUESTION_TITLE_WORDS words): ledes
//     state facts, headlines ask ("Corée du Nord : faut-il craindre une escalade ?"),
//   - it ends like a sentence but the next sentence restates it (the lede echoes the headline:
//     at least LEDE_ECHO_SHARE of its content words come back), as in seed 001.

import { contentWords, endsLikeProse, hasEmoji, words } from './shape.ts';

export const MAX_TITLE_WORDS = 30;
export const LEDE_ECHO_SHARE = 0.5;
/** A question or exclamation alone on the first line, this short, is a headline ("Faut-il … ?"). */
export const MAX_QUESTION_TITLE_WORDS = 20;

export interface TitleCandidate {
  readonly sentence: string;
  /** The sentence after it, if any: a headline is never the whole document. */
  readonly next: string | undefined;
  /** Whether the sentence is alone on its line (or stretch of line). */
  readonly wholeLine: boolean;
  readonly metaTitle: string | undefined;
}

export function isHeadline(candidate: TitleCandidate): boolean {
  const { sentence, next, wholeLine, metaTitle } = candidate;
  if (metaTitle !== undefined && normalise(metaTitle) === normalise(sentence)) return true;
  if (!wholeLine || next === undefined || words(sentence).length > MAX_TITLE_WORDS) return false;
  // A line ending in ":" or "," introduces what follows; emoji belong to comments, not headlines.
  if (/[:,;]\s*$/u.test(sentence) || hasEmoji(sentence)) return false;
  if (!endsLikeProse(sentence)) return true;
  if (/[?!]\s*$/u.test(sentence) && words(sentence).length <= MAX_QUESTION_TITLE_WORDS) return true;
  return ledeEchoShare(sentence, next) >= LEDE_ECHO_SHARE;
}

/** Share of the headline's content words that the next sentence repeats. */
export function ledeEchoShare(headline: string, next: string): number {
  const headlineWords = contentWords(headline);
  if (headlineWords.size === 0) return 0;
  const nextWords = contentWords(next);
  let shared = 0;
  for (const word of headlineWords) if (nextWords.has(word)) shared += 1;
  return shared / headlineWords.size;
}

function normalise(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}
