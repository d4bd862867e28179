// French abbreviations and initials: which words ending in "." do not end a sentence.
//
// A period after a word in these lists is part of the word. Three behaviours:
// - `never`: the abbreviation announces what follows (a name, a number, a reference), so the
//   sentence goes on whatever comes next: "M. Kirby", "p. 12", "art. L. 121-1", "sept. 2022".
// - `if-capital`: the abbreviation can end a sentence ("etc.", units, "av. J.-C."): split only when
//   the next word starts with a capital letter, as after any other sentence.
// Initials ("J.-L. Mélenchon", "É. Macron", "J. R. R. Tolkien") and dotted acronyms ("O.N.U.")
// never end a sentence, except a capital letter named as a thing ("le plan B. Il…").

export type AbbreviationBehaviour = 'never' | 'if-capital';

/** Titles before a name. Case-sensitive: "M." is Monsieur, "m." is a metre. */
const TITLES = new Set([
  'M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Me', 'Mes', 'Dr', 'Drs', 'Pr', 'Prs', 'Mgr', 'St', 'Ste',
  'Sts', 'Stes', 'Cie', 'Gal', 'Gén', 'Col', 'Cdt', 'Lt', 'Sgt', 'Vve', 'Prof', 'Mr', 'Mrs', 'Ms',
]);

/** Titles as lower-cased transcripts write them ("mme. durand", "dr. Martin"); not "me", a pronoun. */
const LOWERCASE_TITLES = new Set(['mme', 'mmes', 'mlle', 'mlles', 'dr', 'pr', 'mgr']);

/** References and other abbreviations that announce what follows. Case-insensitive. */
const ANNOUNCING = new Set([
  'cf', 'p', 'pp', 'art', 'arts', 'vol', 'chap', 'éd', 'éds', 'no', 'n°', 'nos', 'fig', 'ex', 'av', 'apr',
  'bd', 'boul', 'tél', 'réf', 'ibid', 'op', 'al', 'coll', 'ss', 'sq', 't', 'trad', 'dir', 'vs', 'env',
  'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'c.-à-d', 'p.ex', 'ch', 'mt',
  'dép', 'rte', 'sect', 'suppl', 'hab', 'resp', 'cad',
]);

/** Abbreviations that may end a sentence (then a capital follows). Case-insensitive. */
const CAN_END_SENTENCE = new Set([
  'etc', 'km', 'm', 'cm', 'mm', 'kg', 'g', 'mg', 'min', 'h', 's', 'ha', 'mds', 'md', 'mn',
  'inc', 'ltd', 'corp', 'co',
  // Dictionary and reference abbreviations that are also short words: a capital after them may
  // start a sentence, a lower-case word after them never does ("approx. deux ans", "gén. de brigade").
  'approx', 'gén', 'dépt', 'adj', 'cit', 'suiv', 'var', 'ann', 'anc', 'arr', 'dict', 'esp', 'fasc',
  'hôp', 'lat', 'masc', 'fém', 'sing', 'plur', 'préf', 'rééd', 'rég', 'sér', 'spéc', 'supra', 'infra',
  'univ', 'syn', 'contr', 'abrév', 'max', 'qqn', 'qqch', 'ca', 'nb', 'sup', 'inf',
]);

/** Words after which a lone capital letter names a thing, not an initial ("le plan B."). */
const LETTER_AS_NAME = new Set([
  'plan', 'planète', 'catégorie', 'groupe', 'type', 'vitamine', 'classe', 'annexe', 'série', 'option',
  'scénario', 'zone', 'point', 'niveau', 'bâtiment', 'escalier', 'poule', 'hépatite',
]);

const INITIALS = /^\p{Lu}\.(?:-\p{Lu}\.)*$/u;
/** French first names abbreviated by their first sounds, like initials: "Ch. de Gaulle", "Ph. Sollers", "Th. Gautier". */
const NAME_ABBREVIATIONS = new Set(['Ch', 'Ph', 'Th', 'Chr', 'Fréd', 'Jacq', 'Gust', 'Guill']);
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.){2,}$/u;
const ELISION = /^\p{L}['’]/u;

/**
 * How the word `token` (the text before a period, without the period, e.g. "M", "J.-L", "etc")
 * behaves. `previousWord` is the word before it (for "av. J.-C." and "le plan B."). Returns
 * undefined for an ordinary word: the period then ends a sentence if a capital follows.
 */
export function abbreviationBehaviour(token: string, previousWord: string | undefined): AbbreviationBehaviour | undefined {
  const word = token.replace(ELISION, '');
  if (word === '') return undefined;
  const lower = word.toLowerCase();
  const previous = previousWord?.toLowerCase().replace(/[.,;:]$/u, '');
  // "le plan B." but not "Dans sa lettre, É. Macron": a comma means the letter starts a new phrase.
  const letterNamer = previousWord !== undefined && LETTER_AS_NAME.has(previousWord.toLowerCase());
  if (word === 'J.-C' && (previous === 'av' || previous === 'apr')) return 'if-capital';
  if (TITLES.has(word) || NAME_ABBREVIATIONS.has(word)) return 'never';
  if (LOWERCASE_TITLES.has(word)) return 'never';
  // Lower-cased transcripts write "MM." (Messieurs) as "mm."; millimetres follow a number.
  if (word === 'mm' && previous !== undefined && !/\d$/u.test(previous)) return 'never';
  if (ANNOUNCING.has(lower)) return 'never';
  if (CAN_END_SENTENCE.has(lower)) return 'if-capital';
  const withDot = `${word}.`;
  if (INITIALS.test(withDot)) {
    if (word.length === 1 && letterNamer) return 'if-capital';
    return 'never';
  }
  if (DOTTED_ACRONYM.test(withDot)) return 'never';
  return undefined;
}
