// Normalisation lexicons for news French. Outlets name the same actor and the same act in
// different words: "Moscou achète", "la Russie se procure", "le Kremlin se fournit". Without a
// shared unit such sentences share no stem. Three levels (option `lexicon`):
//
// - 'none': stems only.
// - 'basic': the first list (capitals, demonyms, purchase verbs), kept as it was for comparison.
// - 'news' (default): general news normalisation, none of it about one story:
//   * places: a capital, seat of government or institution stands for its country (metonymy:
//     "Moscou", "le Kremlin" = la Russie; "la Maison Blanche", "Washington" = les États-Unis), and a
//     nationality adjective for its country ("russe", "nord-coréen");
//   * synonyms that replace a word: officials (responsable/fonctionnaire/officiel), war
//     (guerre/conflit/invasion), shortage (pénurie/manque/carence), revealing (révéler/dévoiler);
//   * broader terms added next to a word's own stem (a hypernym: "obus" and "munitions" both
//     carry "#armement"; "acheter", "se procurer", "se fournir", "livraison" carry "#acheter"), so
//     the exact word still counts more than the shared class;
//   * phrases rewritten before tokenising ("véhicules aériens sans pilote" → "drones");
//   * reporting verbs dropped ("affirme", "indique", "précise"): every outlet attributes
//     differently, and attribution is not the fact.
//
// Keys are accent-folded lower-case words (places, synonyms) or accent-folded Snowball stems
// (broader terms, which then cover every inflection the stemmer conflates).

export type LexiconName = 'news' | 'basic' | 'none';

export interface Lexicon {
  /** Word → the tokens that replace it. */
  readonly equivalents: ReadonlyMap<string, readonly string[]>;
  /** Stem → a broader token added after it. */
  readonly broader: ReadonlyMap<string, string>;
  /** Rewrites applied to the sentence before tokenising (multi-word expressions). */
  readonly phrases: readonly (readonly [RegExp, string])[];
  /** Accent-folded words dropped like stopwords. */
  readonly dropped: ReadonlySet<string>;
}

// The first lexicon, unchanged, so the ablation can compare against it.
const BASIC_CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  '#russie': ['russie', 'russe', 'russes', 'moscou', 'kremlin'],
  '#coree': ['coree', 'coreen', 'coreens', 'coreenne', 'coreennes'],
  '#coree nord': ['pyongyang'],
  '#usa': ['etats-unis', 'americain', 'americains', 'americaine', 'americaines', 'washington'],
  '#ukraine': ['ukraine', 'ukrainien', 'ukrainiens', 'ukrainienne', 'ukrainiennes', 'kyiv', 'kiev'],
  '#iran': ['iran', 'iranien', 'iraniens', 'iranienne', 'iraniennes', 'teheran'],
  '#syrie': ['syrie', 'syrien', 'syriens', 'syrienne', 'syriennes', 'damas'],
  '#chine': ['chine', 'chinois', 'chinoise', 'chinoises', 'pekin'],
  '#onu': ['onu', 'nations'],
  '#acheter': ['acheter', 'achete', 'achetent', 'achetait', 'achetaient', 'achete', 'achetes', 'achetee', 'achetees', 'achat', 'achats', 'acquerir', 'acquis', 'acquise', 'acquisition', 'acquisitions'],
};

/** Adjective forms: masculine, plural, feminine, feminine plural. */
function demonym(stem: string, feminine = `${stem}ne`): string[] {
  return [stem, `${stem}s`, feminine, `${feminine}s`];
}

// Countries: the country's name, its capital or seat of power, and its nationality adjective.
// "coree nord" is two tokens so that "Corée du Nord" (coree + nord) and "Pyongyang" meet.
const PLACES: Readonly<Record<string, readonly string[]>> = {
  '#russie': ['russie', 'russe', 'russes', 'moscou', 'kremlin'],
  '#coree': demonym('coreen'),
  '#coree nord': ['pyongyang', ...demonym('nord-coreen')],
  '#coree sud': ['seoul', ...demonym('sud-coreen')],
  '#usa': ['etats-unis', ...demonym('americain', 'americaine'), 'washington', 'pentagone'],
  '#ukraine': ['ukraine', ...demonym('ukrainien'), 'kyiv', 'kiev'],
  '#iran': ['iran', ...demonym('iranien'), 'teheran'],
  '#syrie': ['syrie', ...demonym('syrien'), 'damas'],
  '#chine': ['chine', 'chinois', 'chinoise', 'chinoises', 'pekin', 'beijing'],
  '#france': ['france', 'francais', 'francaise', 'francaises', 'paris', 'elysee'],
  '#royaume-uni': ['royaume-uni', 'britannique', 'britanniques', 'londres'],
  '#allemagne': ['allemagne', 'allemand', 'allemands', 'allemande', 'allemandes', 'berlin'],
  '#japon': ['japon', 'japonais', 'japonaise', 'japonaises', 'tokyo'],
  '#israel': ['israel', ...demonym('israelien')],
  '#turquie': ['turquie', 'turc', 'turcs', 'turque', 'turques', 'ankara'],
  '#bielorussie': ['bielorussie', 'bielorusse', 'bielorusses', 'minsk'],
  '#ue': ['ue', 'bruxelles'],
  '#onu': ['onu', 'nations'],
  '#otan': ['otan', 'nato'],
};

// Words of one meaning in news reports (accent-folded forms as they appear).
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  '#acheter': ['acheter', 'achete', 'achetent', 'achetait', 'achetaient', 'achetes', 'achetee', 'achetees', 'achat', 'achats', 'acquerir', 'acquiert', 'acquierent', 'acquis', 'acquise', 'acquisition', 'acquisitions'],
  '#officiel': ['responsable', 'responsables', 'fonctionnaire', 'fonctionnaires', 'officiel', 'officiels'],
  '#guerre': ['guerre', 'guerres', 'conflit', 'conflits', 'invasion', 'invasions'],
  '#penurie': ['penurie', 'penuries', 'manque', 'manques', 'carence', 'carences'],
  '#reveler': ['revele', 'revelent', 'reveler', 'revelee', 'revelees', 'reveles', 'devoile', 'devoilent', 'devoiler', 'devoilee', 'devoilees', 'devoiles', 'divulgue', 'divulguer'],
};

// Hypernyms, keyed by Snowball stem: the word keeps its stem and also carries the class token.
const BROADER: Readonly<Record<string, readonly string[]>> = {
  '#armement': ['arme', 'armement', 'munit', 'obus', 'roquet', 'missil', 'projectil', 'materiel'],
  // Buying from X and X supplying are one transaction in a news report.
  '#acheter': ['procur', 'procurent', 'fourn', 'fournissent', 'fournisseur', 'livr', 'livrent', 'livraison', 'vend', 'vendr', 'vendent', 'vendu'],
};

const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bmaison[- ]blanche\b/giu, 'Washington'],
  [/\bv[ée]hicules? a[ée]riens? sans pilotes?\b/giu, 'drones'],
  [/\bop[ée]ration militaire sp[ée]ciale\b/giu, 'guerre'],
  [/\bunion europ[ée]enne\b/giu, 'UE'],
  [/\bnations[- ]unies\b/giu, 'ONU'],
];

const REPORTING_VERBS = ['affirme', 'affirment', 'indique', 'indiquent', 'indiquait', 'precise', 'precisent', 'precisait', 'explique', 'expliquent', 'souligne', 'soulignent', 'rapporte', 'rapportent', 'assure', 'assurent', 'estime', 'estiment'];

function invert(table: Readonly<Record<string, readonly string[]>>): Map<string, readonly string[]> {
  return new Map(Object.entries(table).flatMap(([tokens, words]) => words.map((word) => [word, tokens.split(' ')] as const)));
}

const LEXICONS: Readonly<Record<LexiconName, Lexicon>> = {
  none: { equivalents: new Map(), broader: new Map(), phrases: [], dropped: new Set() },
  basic: { equivalents: invert(BASIC_CONCEPTS), broader: new Map(), phrases: [], dropped: new Set() },
  news: {
    equivalents: new Map([...invert(PLACES), ...invert(SYNONYMS)]),
    broader: new Map(Object.entries(BROADER).flatMap(([token, stems]) => stems.map((stem) => [stem, token] as const))),
    phrases: PHRASES,
    dropped: new Set(REPORTING_VERBS),
  },
};

export function lexiconNamed(name: LexiconName): Lexicon {
  return LEXICONS[name];
}

/** Concept tokens for an accent-folded lower-case word in the 'basic' lexicon (kept for callers of the first API). */
export function conceptsOf(foldedWord: string, lexicon: Lexicon = LEXICONS.basic): readonly string[] | undefined {
  return lexicon.equivalents.get(foldedWord);
}
