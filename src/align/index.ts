// Cross-version sentence alignment: which outlet states which fact. Pure: segments in, pairs and
// fact groups out. See docs/alignment.md for the method and how the defaults were chosen.
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { buildFactGroups } from './groups.ts';
import { resolveAlignOptions, type AlignOptions, type ResolvedAlignOptions } from './options.ts';
import { marginScores, selectPairs } from './select.ts';
import { extractFeatures, pairSignals, scoreCandidatePairs, type Candidates, type SegmentFeatures } from './similarity.ts';

export { DEFAULT_ALIGN_OPTIONS, DEFAULT_WEIGHTS, resolveAlignOptions, type AlignOptions, type SignalWeights } from './options.ts';

export interface AlignmentResult {
  /** Sorted by (a_doc, b_doc, a position, b position). */
  readonly pairs: AlignmentPair[];
  /** Every body/title segment in exactly one group; ids g1.. by document coverage. */
  readonly groups: FactGroup[];
}

/**
 * Aligns sentences across documents. Boilerplate never aligns and is in no group; pairs join two
 * different documents, side `a` being the one whose document id sorts first. The result depends
 * only on the set of segments, not on their order.
 */
export function alignSegments(segments: readonly Segment[], options: AlignOptions = {}): AlignmentResult {
  const resolved = resolveAlignOptions(options);
  const alignable = sortedAlignable(segments);
  const documents = [...new Set(alignable.map((s) => s.doc))].sort(compareStrings);
  const docIndex = new Map(documents.map((doc, n) => [doc, n]));
  const features = extractFeatures(alignable, docIndex, resolved);
  const candidates = scoreCandidatePairs(features, resolved);
  const margins = marginScores(candidates, features, documents.length, resolved.k);
  const selected = selectPairs(candidates, margins, features, documents.length, resolved);
  const pairs = selected.map((n) => toAlignmentPair(candidates, margins, n, features, resolved)).sort(comparePairs);
  const edges = selected.map((n) => ({ i: candidates.i[n] as number, j: candidates.j[n] as number, score: margins[n] as number }));
  const groups = buildFactGroups(alignable, edges, resolved.groupLinkage);
  return { pairs, groups };
}

/** Body and title segments, sorted by (doc, index); duplicate ids are an input error. */
function sortedAlignable(segments: readonly Segment[]): Segment[] {
  const seen = new Set<string>();
  for (const s of segments) {
    if (seen.has(s.id)) {
      throw new FralignError('INPUT', `segment id "${s.id}" appears twice; expected unique <doc>:<index> ids, as \`fralign split\` writes them; rerun the split stage`);
    }
    seen.add(s.id);
  }
  return segments
    .filter((s) => s.kind !== 'boilerplate')
    .sort((x, y) => compareStrings(x.doc, y.doc) || x.index - y.index || compareStrings(x.id, y.id));
}

function toAlignmentPair(candidates: Candidates, margins: Float64Array, n: number, features: readonly SegmentFeatures[], options: ResolvedAlignOptions): AlignmentPair {
  // Features are sorted by document and i < j, so segment i's document sorts first.
  const fa = features[candidates.i[n] as number] as SegmentFeatures;
  const fb = features[candidates.j[n] as number] as SegmentFeatures;
  const a = fa.segment;
  const b = fb.segment;
  const similarity = candidates.similarity[n] as number;
  const signals = pairSignals(fa, fb);
  const pair: AlignmentPair = {
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
    score: margins[n] as number,
    grade: similarity >= options.grade2Similarity && (signals.length ?? 0) >= options.grade2Length ? 2 : 1,
    signals: { similarity, ...signals },
  };
  return pair;
}

function comparePairs(x: AlignmentPair, y: AlignmentPair): number {
  return compareStrings(x.a_doc, y.a_doc) || compareStrings(x.b_doc, y.b_doc) || x.a_start - y.a_start || x.b_start - y.b_start || compareStrings(x.a, y.a) || compareStrings(x.b, y.b);
}

/** Code-unit order, independent of locale, so every machine sorts ids the same way. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
