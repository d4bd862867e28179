// Sentences glued without punctuation, found by a French typographic cue.
//
// French writes weekday names in lower case inside a sentence ("a déclaré lundi"). A capitalised
// weekday followed by a comma right after a lower-case word therefore starts a new sentence whose
// predecessor lost its period in scraping: seed 001's
// `… le nouveau Premier ministre britannique Lundi, Yuriy Ignat, porte-parole …`.

import type { Span } from './spans.ts';

const CAPITALISED_DAY_AFTER_LOWERCASE =
  /(?<=\p{Ll})\s+(?=(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Hier|Aujourd['’]hui)(?: (?:matin|midi|soir))?,)/gu;

/** Offsets inside `line` where a sentence glued without punctuation starts. */
export function gluedSentenceStarts(text: string, line: Span): number[] {
  const region = text.slice(line.start, line.end);
  return [...region.matchAll(CAPITALISED_DAY_AFTER_LOWERCASE)].map((match) => line.start + match.index + match[0].length);
}
