// Text mode (`fralign translate-text`): lines of French in, one English line per line out. Each
// line is split into sentences with fralign's splitter, each sentence goes through the same stage
// as a run folder's (language check, cache, batching, flags), and the English sentences are put back
// where the French ones were, with the whitespace between them kept.
import { labelLanguages, type Detect } from '../lang/detect.ts';
import { splitText } from '../segment/index.ts';
import type { Segment, TranslationFlag } from '../types.ts';
import type { TranslationCache } from './cache.ts';
import type { Translator } from './engine.ts';
import { translateSegmentsWithStats, type TranslateStats } from './stage.ts';

export interface TextLineResult {
  /** The English line. A sentence left untranslated (another language: flag source-other) keeps its text. */
  readonly en: string;
  /** Every flag of the line's sentences, each once, in order of first appearance. */
  readonly flags: readonly TranslationFlag[];
  /** The line's language (src/lang/detect.ts, the line taken as a document). */
  readonly lang: string;
}

export interface TranslateLinesOptions {
  readonly translator: Translator;
  readonly cache: TranslationCache;
  readonly batchSize: number;
  readonly detect: Detect;
}

/** Translates a batch of lines (no line breaks inside); results in input order. */
export async function translateLines(lines: readonly string[], options: TranslateLinesOptions): Promise<{ results: TextLineResult[]; stats: TranslateStats }> {
  const perLine = lines.map((line, n) => {
    const pieces = splitText(line);
    const segments: Segment[] = pieces.map((piece, index) => ({
      id: `${n}:${index}`,
      doc: String(n),
      index,
      start: piece.start,
      end: piece.end,
      kind: 'body',
      fr: line.slice(piece.start, piece.end),
    }));
    return labelLanguages(segments, options.detect);
  });
  const { segments, stats } = await translateSegmentsWithStats(
    perLine.flatMap((line) => line.segments),
    { translator: options.translator, cache: options.cache, batchSize: options.batchSize },
  );
  let at = 0;
  const results = lines.map((line, n) => {
    const own = segments.slice(at, (at += (perLine[n] as { segments: Segment[] }).segments.length));
    let en = '';
    let last = 0;
    const flags: TranslationFlag[] = [];
    for (const segment of own) {
      en += line.slice(last, segment.start) + (segment.en ?? segment.fr);
      last = segment.end;
      for (const flag of segment.en_flags ?? []) if (!flags.includes(flag)) flags.push(flag);
    }
    en += line.slice(last);
    return { en: own.length === 0 ? line : en, flags, lang: (perLine[n] as { lang: string }).lang };
  });
  return { results, stats };
}
