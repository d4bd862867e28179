// Word-level diff of a sentence against a fact's reference sentence: which words an outlet adds, drops
// or words differently, with numbers and names flagged so "millions" vs "des centaines" stands out. Pure.

/** A word or punctuation mark of a sentence, with its place in the original text. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Comparison key: lower case, elided apostrophe unified. */
  readonly key: string;
  readonly word: boolean;
  /** A number (digits or a French number word) or a name (capitalised, not sentence-initial). */
  readonly salient: boolean;
}

/** One piece of the diffed sentence, in reading order. */
export type DiffPart =
  /** Text of the sentence itself (spaces, punctuation, words the reference shares). */
  | { readonly kind: 'same'; readonly text: string }
  /** A word of this sentence the reference does not have. */
  | { readonly kind: 'add'; readonly text: string; readonly salient: boolean }
  /** A word of the reference this sentence does not have (shown struck through). */
  | { readonly kind: 'drop'; readonly text: string; readonly salient: boolean };

// Numbers with French separators ("1,5", "2 000", "3.000"), words with inner hyphens/apostrophes, an
// elided article ("d'", "l’") on its own so "d'obus" and "obus" share a word, any other mark alone.
const TOKEN = /\p{N}+(?:[.,\u00a0\u202f ]\p{N}+)*|\p{L}['’](?=\p{L})|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[^\s\p{L}\p{N}]/gu;

/** French number words: a count that changes between outlets is the kind of difference a reader looks for.
 * Not "un"/"une": far more often an article than a count. */
const NUMBER_WORDS = new Set(
  (
    'deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente ' +
    'quarante cinquante soixante septante huitante nonante cent cents mille million millions milliard milliards ' +
    'millier milliers centaine centaines dizaine dizaines douzaine douzaines moitié tiers quart quarts double ' +
    'triple premier première premiers premières deuxième troisième dernier dernière plusieurs quelques ' +
    'nombreux nombreuses aucun aucune'
  ).split(' '),
);

export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  let firstWord = true;
  for (const match of sentence.matchAll(TOKEN)) {
    const text = match[0];
    const word = /[\p{L}\p{N}]/u.test(text);
    const key = text.toLowerCase().replace(/’/g, "'");
    const isNumber = /\p{N}/u.test(text) || NUMBER_WORDS.has(key);
    // A capital after the first word is a name (or an acronym); the first word is capitalised anyway.
    const isName = word && !firstWord && /^\p{Lu}/u.test(text);
    tokens.push({ text, start: match.index, end: match.index + text.length, key, word, salient: isNumber || isName });
    if (word) firstWord = false;
  }
  return tokens;
}

/** Longest common subsequence of two key lists, as index pairs in increasing order. */
export function lcsPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // (n+1)·(m+1) lengths; sentences are tens of words, so this stays small.
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j]
          ? table[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

// Longer sentences are not diffed word by word (quadratic table); they are shown as they are.
const MAX_DIFF_WORDS = 400;

/**
 * `sentence` against `reference`: the sentence's own text split into same/added parts, with the
 * reference's missing words inserted as dropped parts where they would have been. Punctuation never
 * counts as a difference.
 */
export function diffWords(sentence: string, reference: string): DiffPart[] {
  const mine = tokenize(sentence).filter((token) => token.word);
  const theirs = tokenize(reference).filter((token) => token.word);
  if (mine.length > MAX_DIFF_WORDS || theirs.length > MAX_DIFF_WORDS) return [{ kind: 'same', text: sentence }];
  const common = lcsPairs(
    mine.map((token) => token.key),
    theirs.map((token) => token.key),
  );
  const parts: DiffPart[] = [];
  const push = (part: DiffPart) => {
    const last = parts[parts.length - 1];
    if (part.kind === 'same' && last?.kind === 'same') parts[parts.length - 1] = { kind: 'same', text: last.text + part.text };
    else if (part.text !== '') parts.push(part);
  };
  let cursor = 0; // position in `sentence`
  let theirNext = 0; // next reference word not yet emitted
  let mineNext = 0;
  const flushDrops = (until: number) => {
    for (; theirNext < until; theirNext++) {
      const token = theirs[theirNext]!;
      push({ kind: 'drop', text: token.text, salient: token.salient });
    }
  };
  for (const [i, j] of [...common, [mine.length, theirs.length] as [number, number]]) {
    const replaced = mineNext < i;
    for (; mineNext < i; mineNext++) {
      const token = mine[mineNext]!;
      push({ kind: 'same', text: sentence.slice(cursor, token.start) });
      push({ kind: 'add', text: token.text, salient: token.salient });
      cursor = token.end;
    }
    // Words replaced by others: the reference's words right after this sentence's ("3" then "5").
    if (replaced) flushDrops(j);
    const anchor = mine[i];
    // Dropped words go just before the next shared word (after the spaces that precede it), or at the
    // end before the closing punctuation.
    if (anchor) push({ kind: 'same', text: sentence.slice(cursor, anchor.start) });
    cursor = anchor?.start ?? cursor;
    flushDrops(j);
    if (!anchor) push({ kind: 'same', text: sentence.slice(cursor) });
    if (anchor) {
      push({ kind: 'same', text: sentence.slice(cursor, anchor.end) });
      cursor = anchor.end;
      mineNext = i + 1;
      theirNext = j + 1;
    }
  }
  return parts;
}
