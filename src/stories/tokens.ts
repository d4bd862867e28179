// Document evidence for story clustering: content terms (accent-folded, truncated to a stem-like
// prefix so "tornade"/"tornades" agree), names and numbers. Pure.

/** French function words that say nothing about which story a text tells. */
const STOPWORDS_TEXT = `
les des une dans pour par sur avec qui que quoi dont est sont ete etait etaient avait avaient
ont aux pas plus mais comme tout tous toute toutes cette ces ses son sous leur leurs elle elles
ils nous vous lui eux entre apres avant depuis selon aussi alors donc ainsi sans tres meme autre
autres encore deja fait faire peut peuvent doit etre avoir sera seront aurait serait contre lors
lorsque quand car puis chez vers cela ceci celle celui ceux dit declare ajoute indique affirme
deux trois quatre cinq six sept huit neuf dix cent mille premier premiere fois ans annee annees
jour jours mois semaine heure heures part partie non oui bien ici peu beaucoup moins trop notre
nos votre vos mon ton ses quel quelle quels quelles aujourd hui hier demain dont etait
`;
const STOPWORDS: ReadonlySet<string> = new Set(STOPWORDS_TEXT.split(/\s+/u).filter((w) => w !== ''));

/** Letters of a stem-like prefix: long enough to keep words apart, short enough to merge inflections. */
export const STEM_LENGTH = 6;

/** The kind of a term decides its weight: names and numbers identify a story more than words do. */
export type TermKind = 'word' | 'name' | 'number';

export interface DocumentTerm {
  readonly term: string;
  readonly kind: TermKind;
}

const TOKEN = /[\p{L}\p{M}]+|\p{N}+(?:[.,]\p{N}+)*/gu;

/** Lower-case, accents removed (NFD then combining marks dropped). */
export function foldCase(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return word.toLowerCase();
  const known = FOLDED.get(word);
  if (known !== undefined) return known;
  const folded = word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  // A memo of the non-ASCII words seen: news vocabulary repeats; cleared when it grows large.
  if (FOLDED.size > 200_000) FOLDED.clear();
  FOLDED.set(word, folded);
  return folded;
}

const FOLDED = new Map<string, string>();

/** Whether a sentence ends just before `index` (., !, ?, : or a line break, then up to 2 spaces). */
function startsSentence(text: string, index: number, previousEnd: number): boolean {
  for (let i = index - 1; i >= Math.max(previousEnd, index - 3); i--) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 160) return false;
  }
  return false;
}

/**
 * The distinct terms of a text. A capitalised word that does not start a sentence is a name; a
 * name is kept whole (no truncation). Numbers of two or more digits are kept as written.
 */
export function documentTerms(text: string): DocumentTerm[] {
  return [...analyseText(text).terms].map(([term, kind]) => ({ term, kind }));
}

/** One pass over a text: its distinct terms (with kinds) and its folded word tokens (for shingles). */
export function analyseText(text: string): { terms: Map<string, TermKind>; tokens: string[] } {
  const terms = new Map<string, TermKind>();
  const tokens: string[] = [];
  let sentenceStart = true;
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const index = match.index;
    if (index === 0 || startsSentence(text, index, previousEnd)) sentenceStart = true;
    previousEnd = index + token.length;
    const first = token.charCodeAt(0);
    if ((first >= 48 && first <= 57) || (first > 0x7f && /^\p{N}/u.test(token))) {
      tokens.push(token);
      if (token.replace(/\D/gu, '').length >= 2) setTerm(terms, `#${token.replace(/[.,]/gu, '')}`, 'number');
      sentenceStart = false;
      continue;
    }
    const folded = foldCase(token);
    tokens.push(folded);
    const capitalised = token.length >= 3 && (first >= 65 && first <= 90 ? true : first > 0x7f && /^\p{Lu}/u.test(token));
    if (capitalised && !sentenceStart && !STOPWORDS.has(folded)) {
      setTerm(terms, `@${folded}`, 'name');
    } else if (folded.length >= 4 && !STOPWORDS.has(folded)) {
      setTerm(terms, folded.slice(0, STEM_LENGTH), 'word');
    }
    sentenceStart = false;
  }
  return { terms, tokens };
}

function setTerm(terms: Map<string, TermKind>, term: string, kind: TermKind): void {
  if (!terms.has(term)) terms.set(term, kind);
}

/** Word tokens (accent-folded, lower-case) in text order, for shingling. */
export function wordTokens(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => foldCase(m[0]));
}
