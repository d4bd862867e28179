// Shape of a line or sentence: the cues boilerplate rules read (punctuation, capitals, length).

const CLOSERS_AT_END = /[\s»”"')\]]+$/u;
const TERMINAL_END = /[.!?…‽]$/u;
const QUOTE_END = /[»”"]\s*$/u;

/** Whether a sentence ends like prose: terminal punctuation, possibly inside closing quotes. */
export function endsLikeProse(sentence: string): boolean {
  if (QUOTE_END.test(sentence)) return true;
  return TERMINAL_END.test(sentence.replace(CLOSERS_AT_END, ''));
}

export function words(sentence: string): string[] {
  return sentence.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Share of letters that are capitals (0 when there are no letters). */
export function capitalRatio(sentence: string): number {
  const letters = sentence.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  const capitals = letters.filter((letter) => /\p{Lu}/u.test(letter)).length;
  return capitals / letters.length;
}

export function hasEmoji(sentence: string): boolean {
  return /\p{Extended_Pictographic}/u.test(sentence);
}

/** Content words (4+ letters, lower-cased, elision stripped) for overlap measures. */
export function contentWords(sentence: string): Set<string> {
  const found = sentence.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return new Set(found.map((word) => word.replace(/^\p{L}['’]/u, '')).filter((word) => word.length >= 4));
}
