// Which language a document and each of its sentences are in, so that an English quotation or a
// whole German article is not pushed through the fr→en model. The detector is eld (Nito-ELD, n-gram
// scores, pure JS, its database ships in the npm package); docs/translation.md has the comparison
// with franc-min, tinyld and cld3-asm that chose it (scripts/lang/eval-lid.ts).
//
// The rule (docs/translation.md "Language"): the corpus is French, so French is what we assume when
// unsure. A document is another language only when eld's best guess for its text beats French by
// MIN_MARGIN (and it has MIN_WORDS words: "Bravo" alone is French here). A sentence takes its
// document's language unless it has at least MIN_WORDS words and eld's best guess beats the
// document's language by MIN_MARGIN: a headline "Ukraine." or a name "Barbara Ann Scott Ice Trail"
// inside a French sentence is not enough to call it English.
import type { Segment } from '../types.ts';

/** What the whole corpus is assumed to be when the detector is unsure. */
export const DEFAULT_LANG = 'fr';
/** Fewer words than this: the sentence takes its document's language (1-2 word lines are names, datelines). */
export const MIN_WORDS = 3;
/**
 * eld's score for the best language minus its score for the assumed one. On the dev mix (scripts/lang/
 * eval-lid.ts) French sentences of ≥ 3 words never had another language ahead by more than 0.023 and
 * English/German/Spanish/Italian ones were ahead of French by at least 0.094: 0.05 sits between.
 */
export const MIN_MARGIN = 0.05;

/** The detector's answer for one text: its best language and each language's score. */
export interface LanguageScores {
  readonly best: string;
  readonly scores: Readonly<Record<string, number>>;
}

export type Detect = (text: string) => LanguageScores;

let loading: Promise<Detect> | undefined;

/**
 * Loads eld's small database once (about a second and ~150 MB; the larger databases scored the same
 * on the dev mix). Loaded on demand so that commands that never split do not pay for it.
 */
export function loadDetector(): Promise<Detect> {
  loading ??= import('eld/small').then(({ eld }) => (text: string): LanguageScores => {
    const result = eld.detect(text);
    return { best: result.language, scores: result.getScores() as Record<string, number> };
  });
  return loading;
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => /\p{L}/u.test(word)).length;
}

/** `assumed` unless the detector's best language beats it by MIN_MARGIN. */
export function languageOf(text: string, detect: Detect, assumed: string = DEFAULT_LANG): string {
  const { best, scores } = detect(text);
  if (best === '' || best === assumed) return assumed;
  return (scores[best] ?? 0) - (scores[assumed] ?? 0) >= MIN_MARGIN ? best : assumed;
}

/** Quoted passages: "…", “…”, « … » (an unclosed quote runs to the end). */
const QUOTED = /"[^"]*(?:"|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)/gu;

/**
 * A sentence's language: its document's unless it is long enough and clearly another. A quotation
 * with an attribution around it ("It is the right thing," a ajouté le ministre.) is judged by the
 * attribution when that has MIN_WORDS words and is in the document's language: the sentence is a
 * French one quoting, and goes through the model whole rather than being copied half-French into `en`.
 * The attribution alone never makes a sentence foreign (", insiste Johanna Rolland" is not Norwegian).
 */
export function sentenceLanguage(text: string, documentLang: string, detect: Detect): string {
  if (wordCount(text) < MIN_WORDS) return documentLang;
  const whole = languageOf(text, detect, documentLang);
  if (whole === documentLang) return documentLang;
  const outside = text.replace(QUOTED, ' ');
  const attributed = outside !== text && wordCount(outside) >= MIN_WORDS && languageOf(outside, detect, documentLang) === documentLang;
  return attributed ? documentLang : whole;
}

/** How much of a document the document rule reads: enough to be sure, bounded for 10 MB inputs. */
const DOCUMENT_SAMPLE_CHARS = 20_000;

/**
 * The document's language (from its title and body sentences, boilerplate left out when there is
 * anything else) and its segments, each with `lang`.
 */
export function labelLanguages(segments: readonly Segment[], detect: Detect): { lang: string; segments: Segment[] } {
  const content = segments.filter((s) => s.kind !== 'boilerplate');
  const sample = (content.length > 0 ? content : segments).map((s) => s.fr).join('\n').slice(0, DOCUMENT_SAMPLE_CHARS);
  const lang = wordCount(sample) < MIN_WORDS ? DEFAULT_LANG : languageOf(sample, detect);
  // Repeated lines (bylines, boilerplate, a pasted paragraph) are judged once per document.
  const known = new Map<string, string>();
  const judge = (text: string): string => {
    let result = known.get(text);
    if (result === undefined) known.set(text, (result = sentenceLanguage(text, lang, detect)));
    return result;
  };
  return { lang, segments: segments.map((segment) => ({ ...segment, lang: judge(segment.fr) })) };
}
