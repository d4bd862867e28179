// The record every alignment pair is written as, whatever made it: a scored pair of the selection
// passes (passes.ts) or a copy tied to its representative (story.ts). One builder, so the two kinds
// cannot drift apart in fields or field order (alignments.jsonl is compared byte for byte between
// runs, and between a sharded and an unsharded run).
import type { AlignmentPair, Segment } from '../types.ts';

/** What differs between the kinds of pair: how confident, and the evidence behind it. */
export type PairScoring = Pick<AlignmentPair, 'score' | 'grade' | 'signals'>;

/** The pair of sentences `a` (side a: the document that sorts first) and `b`; English only where translated. */
export function pairRecord(a: Segment, b: Segment, scoring: PairScoring): AlignmentPair {
  return {
    a: a.id,
    b: b.id,
    a_doc: a.doc,
    b_doc: b.doc,
    a_start: a.start,
    a_end: a.end,
    b_start: b.start,
    b_end: b.end,
    a_fr: a.fr,
    b_fr: b.fr,
    ...(a.en !== undefined ? { a_en: a.en } : {}),
    ...(b.en !== undefined ? { b_en: b.en } : {}),
    score: scoring.score,
    grade: scoring.grade,
    signals: scoring.signals,
  };
}
