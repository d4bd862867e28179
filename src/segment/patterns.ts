// Boilerplate recognised by what a line says: promos, calls to action, credits, widgets.
// Each rule is a stable kebab-case reason code (documented in docs/segmentation.md) and the
// patterns that flag a sentence with it. Patterns are anchored or bounded in length so a body
// sentence that merely mentions "abonnés" or "application" is not caught.

export interface PatternRule {
  readonly reason: string;
  /** Longest sentence (in characters) the rule may flag: widgets and promos are short. */
  readonly maxLength: number;
  readonly patterns: readonly RegExp[];
  /** A sentence matching this is prose that merely starts like the rule ("Publié le 12 mars, le rapport…"). */
  readonly unless?: RegExp;
}

/** A comma then a clause: ", le rapport …", ", il a …": the line goes on as a sentence. */
const CLAUSE_AFTER_COMMA = /,\s+(?:le|la|les|l['’]|il|elle|ils|elles|on|un|une|des|ce|cette|ces|son|sa|ses|leur|leurs)\s/iu;

const MONTH = '(?:janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)';

export const PATTERN_RULES: readonly PatternRule[] = [
  {
    reason: 'app-promo',
    maxLength: 200,
    patterns: [
      // The badge may be glued to the text ("NOUVEAUVous pouvez…"), so no anchor at the start.
      /vous pouvez (?:désormais|maintenant|aussi) écouter/iu,
      /écoutez (?:cet article|nos articles|la version audio)/iu,
      /télécharge[zr] (?:gratuitement )?(?:l['’]|notre )app(?:li(?:cation)?)?/iu,
      /(?:disponible|retrouvez-nous) sur (?:l['’])?(?:App Store|Google Play)/iu,
      /^(?:activez|activer) les notifications/iu,
    ],
  },
  {
    reason: 'call-to-action',
    maxLength: 240,
    patterns: [
      /^cliquez ici(?![\p{L}\p{N}])/iu,
      /^(?:[ÀA] )?lire (?:aussi|également|la suite)(?![\p{L}\p{N}])/iu,
      /^(?:[ÀA] )?(?:voir|regarder|écouter) aussi(?![\p{L}\p{N}])/iu,
      /^(?:[ÀA] LIRE|[ÀA] VOIR)(?![\p{L}\p{N}])/u,
      /^(?:abonnez-vous|inscrivez-vous|je m['’]abonne|s['’]abonner|suivez-nous|rejoignez-nous|partagez cet article|recevez (?:notre|nos) (?:newsletter|alertes))(?![\p{L}\p{N}])/iu,
      /^(?:newsletter|se connecter|connectez-vous|offre spéciale|essai gratuit)(?![\p{L}\p{N}])/iu,
      /^pour (?:lire|voir|accéder à) (?:la suite|cet article|l['’]intégralité)/iu,
      /^(?:cet article|ce contenu) est réservé aux abonnés/iu,
    ],
  },
  {
    reason: 'credit-line',
    maxLength: 160,
    patterns: [
      /^(?:l['’]|les? )?[\p{L}. -]{2,60}(?:a|ont) contribué à (?:ce|cet) (?:rapport|article|reportage|compte rendu)/iu,
      /^\(?\s*avec (?:l['’])?(?:AFP|AP|Reuters|agences?|Belga|ATS|Associated Press)\s*\)?\.?$/iu,
      // "Le Monde avec AFP", "Le Figaro avec agences".
      /^\p{Lu}[\p{L}'’. -]{1,40} avec (?:l['’])?(?:AFP|AP|Reuters|agences?|Belga|ATS)\.?$/u,
      /^\(?\s*(?:AFP|Reuters|AP|Belga|ATS|Xinhua|APS|MAP)\s*\)?\.?$/u,
      /^(?:©|\(c\)|copyright(?![\p{L}\p{N}])|crédits? ?(?:photos?)?\s*:|photo\s*:|illustration\s*:)/iu,
      /^(?:avec|par) (?:la rédaction|notre correspondant(?:e)?)(?:\s+(?:à|au|en) [\p{L} -]+)?\.?$/iu,
    ],
  },
  {
    reason: 'byline',
    maxLength: 160,
    patterns: [
      /^(?:rédigé|écrit|publié|posté)e? par\s+\S+/iu,
      /(?<![\p{L}\p{N}])\d+\s+commentaires?(?:\(s\))?\s*\|?\s*$/iu,
      // "Par Claire Dubois", "Par Claire Dubois | 12 mars 2024", "Par Jean Martin, envoyé spécial à Kiev".
      /^[Pp]ar\s+\p{Lu}[\p{L}'’-]+(?:\s+(?:de |du |d['’]|Le |La )?\p{Lu}[\p{L}'’-]+){0,3}(?:\s*(?:,|\||-|–)\s*(?:.*\d{4}.*|(?:notre |envoyée?s? spéciale?s?|correspondante?|journaliste|rédact|service|avec |à )[^.!?]*))?$/u,
      /^propos recueillis par\s+\p{Lu}/iu,
    ],
  },
  {
    reason: 'update-timestamp',
    maxLength: 120,
    unless: CLAUSE_AFTER_COMMA,
    patterns: [
      // A publication/update keyword at the start, then a date or a time.
      new RegExp(
        `^(?:(?:dernière )?mise? à jour|publié|actualisé|modifié|mis en ligne)(?![\\p{L}\\p{N}])[^.!?]*?(?<![\\p{L}\\p{N}])\\d{1,2}(?:er)?(?:\\s+${MONTH}|\\/\\d{1,2}\\/|\\s*[h:]\\s*\\d{2})`,
        'iu',
      ),
      // A date (and time) alone on its line.
      new RegExp(`^(?:\\p{L}+\\s+)?\\d{1,2}(?:er)?\\s+${MONTH}\\.?\\s+\\d{4}(?:\\s*(?:à|,|-)\\s*\\d{1,2}\\s*[h:]\\s*\\d{0,2})?$`, 'iu'),
      /^\d{1,2}\/\d{1,2}\/\d{2,4}(?:\s*(?:à|-|,)?\s*\d{1,2}\s*[h:]\s*\d{2})?$/u,
    ],
  },
  {
    reason: 'related-link',
    maxLength: 200,
    patterns: [
      // Gallery and video teasers: "Kyiv frappée par des drones kamikazes – en images".
      /\s[–—-]\s*(?:en images|en vidéo|vidéo|photos|en direct|podcast|infographie)\s*$/iu,
    ],
  },
  {
    reason: 'source-link',
    maxLength: 200,
    patterns: [/^source link(?![\p{L}\p{N}])/iu, /^lien (?:source|vers la source)(?![\p{L}\p{N}])/iu, /^(?:source|sources)\s*:\s*https?:\/\//iu, /^(?:https?:\/\/|www\.)\S+$/iu],
  },
  {
    reason: 'donation-widget',
    maxLength: 120,
    patterns: [
      /(?<![\p{L}\p{N}])dons? honorifiques?(?![\p{L}\p{N}])/iu,
      /^(?:faire|faites) un don(?![\p{L}\p{N}])|^soutenez(?:-nous| notre| le| ce)(?![\p{L}\p{N}])/iu,
      /^support (?:the|our|this)(?![\p{L}\p{N}]).*(?<![\p{L}\p{N}])(?:site|blog|page|work)(?![\p{L}\p{N}])/iu,
      /^donate(?![\p{L}\p{N}])/iu,
      // A price alone on its line: the amount button of a donation or paywall widget.
      /^[\d\s.,  ]+\s*(?:\$\s*US|US\s*\$|\$|€|EUR|USD|CHF|FCFA|F CFA|£)\s*$/u,
      /^(?:\$|€|£)\s*[\d\s.,]+$/u,
    ],
  },
  {
    reason: 'separator',
    maxLength: 80,
    // "***", "---", "•": no letter, digit or emoji; a layout mark, not prose.
    patterns: [/^[^\p{L}\p{N}\p{Extended_Pictographic}]+$/u],
  },
  {
    reason: 'reader-comment',
    maxLength: 80,
    patterns: [
      // Comment-widget headers; what follows them is reader comments too (see layout rules).
      /^(?:comments? recents?|recent comments?|commentaires? récents?|derniers commentaires|vos commentaires|commentaires?|réagir|réagissez|répondre|signaler(?: un abus)?|laisser un commentaire|laissez un commentaire)\s*:?$/iu,
    ],
  },
];

/** The first pattern rule that flags `sentence`, or undefined. */
export function matchPatternRule(sentence: string): string | undefined {
  for (const rule of PATTERN_RULES) {
    if (sentence.length > rule.maxLength || rule.unless?.test(sentence)) continue;
    if (rule.patterns.some((pattern) => pattern.test(sentence))) return rule.reason;
  }
  return undefined;
}

/** Reasons whose line starts a block of reader comments: every later line is a comment. */
export function startsCommentBlock(sentence: string, reason: string | undefined): boolean {
  return reason === 'reader-comment' && !/^(?:répondre|signaler)/iu.test(sentence);
}
