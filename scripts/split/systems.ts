// The splitters scripts/eval-split.ts scores, each as `split(text) -> string[]` for the shared
// scorer's `--module FILE --export NAME`: fralign's own splitter and the simple baselines the
// external suite names (sbd with line breaks, the CLDR rules of Intl.Segmenter) plus
// sentence-splitter, the baseline of test/segment-split.test.ts.
import sbd from 'sbd';
import { split as sentenceSplitterSplit } from 'sentence-splitter';
import { splitText } from '../../src/segment/split.ts';

/** fralign: the product's `splitText`, the spans `segmentDocument` turns into segments. */
export function fralign(text: string): string[] {
  return splitText(text).map((piece) => text.slice(piece.start, piece.end));
}

/** sbd 1.x, with a line break always ending a sentence (its `newline_boundaries` option). */
export function sbdLines(text: string): string[] {
  return sbd.sentences(text, { newline_boundaries: true });
}

const CLDR = new Intl.Segmenter('fr', { granularity: 'sentence' });

/** Unicode CLDR sentence-break rules (UAX #29, French locale) as Node's ICU ships them. */
export function cldr(text: string): string[] {
  return [...CLDR.segment(text)].map((part) => part.segment);
}

/** sentence-splitter with its default rules; line breaks also end a sentence, as for the others. */
export function sentenceSplitter(text: string): string[] {
  return sentenceSplitterSplit(text)
    .filter((node) => node.type === 'Sentence')
    .flatMap((node) => node.raw.split(/\r?\n/u));
}
