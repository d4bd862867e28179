// Sentences glued without punctuation, found by French typographic cues.
//
// - French writes weekday names in lower case inside a sentence ("a déclaré lundi"). A capitalised
//   weekday followed by a comma right after a lower-case word therefore starts a new sentence whose
//   predecessor lost its period in scraping: seed 001's
//   `… le nouveau Premier ministre britannique Lundi, Yuriy Ignat, porte-parole …`.
// - Agency dispatches set their intertitles between dashes (`- Rapide augmentation -`); scraped
//   onto one line, often without the first dash, they sit between two sentences:
//   `… a détaillé le dirigeant conservateur. Rapide augmentation - Cette annonce …`. An intertitle
//   is two to six words in sentence case (a capital, then lower-case words), after a sentence end
//   and before a capitalised word; the dash ends it. "PSG - Marseille" is not one (one word).

import type { Span } from './spans.ts';

const CAPITALISED_DAY_AFTER_LOWERCASE =
  /(?<=\p{Ll})\s+(?=(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Hier|Aujourd['’]hui)(?: (?:matin|midi|soir))?,)/gu;

const INTERTITLE_END =
  /(?=[ \u00a0]\p{Lu})(?<=[.!?…]["»”)]?\s+(?:[-–]\s+)?\p{Lu}\p{Ll}+(?:[ \u00a0][\p{Ll}'’-]+){1,5}[ \u00a0][-–])/gu;

/** Offsets inside `line` where a sentence glued without punctuation starts. */
export function gluedSentenceStarts(text: string, line: Span): number[] {
  const region = text.slice(line.start, line.end);
  const weekdays = [...region.matchAll(CAPITALISED_DAY_AFTER_LOWERCASE)].map((match) => line.start + match.index + match[0].length);
  const intertitles = [...region.matchAll(INTERTITLE_END)].map((match) => line.start + match.index);
  return [...weekdays, ...intertitles];
}
