// `fralign inspect DIR --flagged`: the sentences whose translation carries a flag (checks, language,
// decoder warnings), French above English, for a person to look over. Pure: segments in, text out.
import pc from 'picocolors';
import wrapAnsi from 'wrap-ansi';
import { FralignError } from '../errors.ts';
import type { Segment, TranslationFlag } from '../types.ts';

/** Every flag a segment can carry (docs/translation.md "Checks", last table). */
export const TRANSLATION_FLAGS: readonly TranslationFlag[] = ['length-cap', 'split', 'repeat', 'source-en', 'source-other', 'number', 'name', 'untranslated', 'length-ratio'];
/**
 * `split` says the sentence was cut to fit the model and rejoined: a note, not a warning. --flagged
 * leaves it out unless it is asked for by name (--flags split).
 */
const NOTES: ReadonlySet<TranslationFlag> = new Set(['split']);

/** `--flags a,b`: checked against the known flags (a typo must not silently show nothing). */
export function parseFlagList(value: string): TranslationFlag[] {
  const flags = value.split(',').map((flag) => flag.trim()).filter((flag) => flag !== '');
  const unknown = flags.filter((flag) => !(TRANSLATION_FLAGS as readonly string[]).includes(flag));
  if (flags.length === 0 || unknown.length > 0) {
    throw new FralignError('USAGE', `--flags ${value}: expected a comma-separated list of ${TRANSLATION_FLAGS.join(', ')}`);
  }
  return flags as TranslationFlag[];
}

/** The segments with at least one of `flags` (default: any flag but the notes), in file order. */
export function flaggedSegments(segments: readonly Segment[], flags?: readonly TranslationFlag[]): Segment[] {
  const wanted = (flag: TranslationFlag): boolean => (flags ? flags.includes(flag) : !NOTES.has(flag));
  return segments.filter((segment) => (segment.en_flags ?? []).some(wanted));
}

/** How many segments carry each flag. */
export function countFlags(segments: readonly Segment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const segment of segments) for (const flag of segment.en_flags ?? []) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}

export interface FlaggedViewOptions {
  readonly color: boolean;
  readonly width: number;
  /** All the run's segments considered (for the header's "of N"). */
  readonly considered: number;
}

/** A header, then one block per segment: id, kind, language and flags; the French; the English. */
export function* renderFlagged(shown: readonly Segment[], matched: readonly Segment[], options: FlaggedViewOptions): Generator<string> {
  const c = pc.createColors(options.color);
  const counts = Object.entries(countFlags(matched)).map(([flag, n]) => `${flag} ${n}`).join(', ');
  const showing = shown.length < matched.length ? `, showing ${shown.length}` : '';
  yield `${c.bold(`${matched.length} flagged sentence${matched.length === 1 ? '' : 's'} of ${options.considered}`)}${counts ? ` (${counts})` : ''}${showing}\n`;
  const wrap = (label: string, text: string): string =>
    wrapAnsi(text, Math.max(20, options.width - 6), { hard: true, trim: false })
      .split('\n')
      .map((line, i) => `  ${i === 0 ? label : '  '}  ${line}`)
      .join('\n');
  for (const segment of shown) {
    const lang = segment.lang && segment.lang !== 'fr' ? ` lang=${segment.lang}` : '';
    yield `\n${c.cyan(segment.id)} ${c.dim(`${segment.kind}${lang}`)} ${c.yellow(`[${(segment.en_flags ?? []).join(', ')}]`)}\n`;
    yield `${wrap('fr', segment.fr)}\n`;
    yield `${wrap('en', segment.en ?? c.dim('(not translated)'))}\n`;
  }
}
