// Gold alignments keyed by quotes, not by segment index, so a gold file survives changes to the
// segmenter: each side names a document and a verbatim quote of the sentence's start, resolved at
// scoring time to the segment whose span holds the quote's first character.
import { FralignError } from '../../src/errors.ts';
import type { Segment } from '../../src/types.ts';

export interface GoldSide {
  readonly doc: string;
  /** Verbatim text, unique within the document, from the start of the sentence. */
  readonly quote: string;
}

/** One line of a gold file. grade 2 = same information, 1 = partial overlap. */
export interface GoldPair {
  readonly a: GoldSide;
  readonly b: GoldSide;
  readonly grade: 1 | 2;
  readonly note?: string;
}

/** A gold pair resolved to segment ids, `a` < `b`. */
export interface ResolvedGoldPair {
  readonly a: string;
  readonly b: string;
  readonly grade: 1 | 2;
}

export interface ResolvedGold {
  readonly pairs: readonly ResolvedGoldPair[];
  /** Gold sides that landed on boilerplate segments (the aligner never aligns those: lost recall). */
  readonly onBoilerplate: readonly string[];
}

/** Parses gold JSONL; a malformed line throws naming file:line. */
export function parseGold(text: string, file: string): GoldPair[] {
  const pairs: GoldPair[] = [];
  text.split('\n').forEach((line, n) => {
    if (line.trim() === '') return;
    const where = `${file}:${n + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new FralignError('INPUT', `${where}: not valid JSON; expected {"a":{"doc","quote"},"b":{"doc","quote"},"grade":1|2}`);
    }
    if (!isGoldPair(value)) {
      throw new FralignError('INPUT', `${where}: expected {"a":{"doc","quote"},"b":{"doc","quote"},"grade":1|2}, got ${line.slice(0, 80)}; fix the gold line`);
    }
    pairs.push(value);
  });
  return pairs;
}

function isGoldPair(value: unknown): value is GoldPair {
  const v = value as Partial<GoldPair> | null;
  const side = (s: unknown): boolean => typeof (s as GoldSide | null)?.doc === 'string' && typeof (s as GoldSide).quote === 'string' && (s as GoldSide).quote !== '';
  return typeof v === 'object' && v !== null && side(v.a) && side(v.b) && (v.grade === 1 || v.grade === 2);
}

/**
 * Resolves every gold side to a segment. Throws when a document is unknown, a quote is absent or
 * ambiguous in its document, or falls between segments. Two gold lines that resolve to the same
 * segment pair keep the higher grade.
 */
export function resolveGold(gold: readonly GoldPair[], texts: ReadonlyMap<string, string>, segments: readonly Segment[]): ResolvedGold {
  const byDoc = new Map<string, Segment[]>();
  for (const s of segments) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), s]);
  const resolved = new Map<string, ResolvedGoldPair>();
  const onBoilerplate = new Set<string>();
  const locate = (side: GoldSide): Segment => {
    const text = texts.get(side.doc);
    if (text === undefined) throw new FralignError('INPUT', `gold names document "${side.doc}", which is not among the inputs; fix the gold doc id`);
    const at = text.indexOf(side.quote);
    if (at < 0) throw new FralignError('INPUT', `gold quote "${side.quote}" not found in ${side.doc}; quote the sentence verbatim`);
    if (text.indexOf(side.quote, at + 1) >= 0) throw new FralignError('INPUT', `gold quote "${side.quote}" occurs twice in ${side.doc}; lengthen it until unique`);
    const segment = (byDoc.get(side.doc) ?? []).find((s) => s.start <= at && at < s.end);
    if (!segment) throw new FralignError('INPUT', `gold quote "${side.quote}" in ${side.doc} (offset ${at}) lies in no segment; quote sentence text, not spacing`);
    if (segment.kind === 'boilerplate') onBoilerplate.add(`${side.doc}: ${side.quote}`);
    return segment;
  };
  for (const pair of gold) {
    const [a, b] = [locate(pair.a).id, locate(pair.b).id].sort();
    if (a === undefined || b === undefined) continue;
    const key = `${a}\t${b}`;
    const existing = resolved.get(key);
    if (!existing || existing.grade < pair.grade) resolved.set(key, { a, b, grade: pair.grade });
  }
  return { pairs: [...resolved.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0)), onBoilerplate: [...onBoilerplate].sort() };
}
