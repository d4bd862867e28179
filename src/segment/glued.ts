// Boilerplate glued to prose on the same line, cut out before sentence splitting.
//
// Scrapers flatten page headers into one line: seed 003 reads
// `… Corée du Nord Rédigé par leral.net le Mardi 6 Septembre 2022 à 21:02 | | 0 commentaire(s)| En proie …`
// (title, byline, first sentence). The byline has no sentence punctuation around it, so the
// sentence splitter alone would glue all three together; it is recognised by its shape instead.

import { parseDateMarker } from '../ingest/date-marker.ts';
import { type Span, trimSpan } from './spans.ts';

export interface GluedBoilerplate extends Span {
  readonly reason: string;
}

const MONTH = '(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)';
const DAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const DATE = `(?:${DAY}\\s+)?\\d{1,2}(?:er)?\\s+${MONTH}\\s+\\d{4}`;
const TIME = '\\d{1,2}\\s*(?::|h)\\s*\\d{2}';

/**
 * "Rédigé par X le <date> à <time> | | 0 commentaire(s)|" and its variants (Publié par, Écrit par,
 * Posté par…). The author part is at most four words; the date is required so ordinary prose
 * ("publié par le gouvernement") does not match.
 */
const GLUED_BYLINE = new RegExp(
  `(?:Rédigé|Publié|Écrit|Posté|Mis en ligne|Rédigée|Publiée|Écrite|Postée)\\s+par\\s+\\S+(?:\\s+\\S+){0,3}?` +
    `\\s+le\\s+${DATE}(?:\\s*(?:à|-|,)\\s*${TIME})?` +
    `(?:[\\s|]*\\d+\\s+commentaires?(?:\\(s\\))?)?[\\s|]*`,
  'giu',
);

/** Glued boilerplate spans inside `line` (trimmed, non-overlapping, in order). */
export function findGluedBoilerplate(text: string, line: Span): GluedBoilerplate[] {
  const found: GluedBoilerplate[] = [];
  const region = text.slice(line.start, line.end);
  for (const match of region.matchAll(GLUED_BYLINE)) {
    const span = trimSpan(text, { start: line.start + match.index, end: line.start + match.index + match[0].length });
    if (span) found.push({ ...span, reason: 'byline' });
  }
  return found;
}

/** The leading `date 2022-09` marker of a document, trimmed, as boilerplate. */
export function findDateMarker(text: string): GluedBoilerplate | undefined {
  const marker = parseDateMarker(text);
  if (!marker) return undefined;
  const span = trimSpan(text, marker);
  return span ? { ...span, reason: 'date-marker' } : undefined;
}
