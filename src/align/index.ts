// Cross-version sentence alignment: which outlet states which fact. Pure: segments in, pairs and
// fact groups out. See docs/alignment.md for the method and how the defaults were chosen.
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { buildFactGroups } from './groups.ts';
import { resolveAlignOptions, type AlignOptions, type ResolvedAlignOptions } from './options.ts';
import { LEARNED_PAIR_MODEL } from './learned-model.ts';
import { predictLogistic } from './logistic.ts';
import { PAIR_FEATURES, pairFeatureMatrix } from './pairfeatures.ts';
import { marginScores, selectByProbability, selectPairs } from './select.ts';
import { extractFeatures, lengthRatio, pairSignals, scoreCandidatePairs, type Candidates, type SegmentFeatures } from './similarity.ts';

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
  const scored = scoreCandidates(segments, resolved);
  const { alignable, candidates } = scored;
  const kept = resolved.scorer === 'learned' ? keepByLearnedModel(scored, resolved) : keepByThresholds(scored, resolved);
  const pairs = kept.map((k) => toAlignmentPair(scored, k)).sort(comparePairs);
  const edges = kept.map((k) => ({ i: candidates.i[k.n] as number, j: candidates.j[k.n] as number, score: k.score }));
  const groups = buildFactGroups(alignable, edges, resolved.groupLinkage);
  return { pairs, groups };
}

/** A kept candidate: its index, the score the selection used, and the predicted grade. */
interface KeptPair {
  readonly n: number;
  readonly score: number;
  readonly grade: 1 | 2;
}

/** The learned scorer: P(aligned) from the committed logistic model, mutual-best or above `manyProbability`. */
function keepByLearnedModel(scored: ScoredCandidates, options: ResolvedAlignOptions): KeptPair[] {
  const model = LEARNED_PAIR_MODEL;
  if (model.aligned.features.join() !== PAIR_FEATURES.join() || model.grade2.features.join() !== PAIR_FEATURES.join()) {
    throw new FralignError('INPUT', `src/align/learned-model.ts: expected a model over the features [${PAIR_FEATURES.join(', ')}], got [${model.aligned.features.join(', ')}]; run \`npx tsx scripts/train-align.ts\` to retrain it, or use --scorer weighted`);
  }
  const { candidates, features, documents, margins } = scored;
  const rows = pairFeatureMatrix(candidates, margins, features, documents.length);
  const probability = predictLogistic(model.aligned, rows).map(round6);
  const gradeProbability = predictLogistic(model.grade2, rows);
  return selectByProbability(candidates, probability, features, documents.length, options.acceptProbability, options.manyProbability).map((n) => ({
    n,
    score: probability[n] as number,
    grade: (gradeProbability[n] as number) >= options.grade2Probability ? 2 : 1,
  }));
}

/** The hand-weighted scorer: similarity and margin thresholds; grade 2 by similarity and length ratio. */
function keepByThresholds(scored: ScoredCandidates, options: ResolvedAlignOptions): KeptPair[] {
  const { candidates, features, documents, margins } = scored;
  return selectPairs(candidates, margins, features, documents.length, options).map((n) => {
    const fa = features[candidates.i[n] as number] as SegmentFeatures;
    const fb = features[candidates.j[n] as number] as SegmentFeatures;
    const similarity = candidates.similarity[n] as number;
    const grade2 = similarity >= options.grade2Similarity && lengthRatio(fa.contentWords, fb.contentWords) >= options.grade2Length;
    return { n, score: margins[n] as number, grade: grade2 ? 2 : 1 };
  });
}

/** Everything the selection step reads: the sorted alignable segments and their scored candidate pairs. */
export interface ScoredCandidates {
  readonly alignable: readonly Segment[];
  readonly documents: readonly string[];
  readonly features: readonly SegmentFeatures[];
  readonly candidates: Candidates;
  /** Margin score of each candidate (same order). */
  readonly margins: Float64Array;
}

/** Features, candidate pairs and margins of a collection (the part of alignSegments before selection). */
export function scoreCandidates(segments: readonly Segment[], resolved: ResolvedAlignOptions): ScoredCandidates {
  const alignable = sortedAlignable(segments);
  const documents = [...new Set(alignable.map((s) => s.doc))].sort(compareStrings);
  const docIndex = new Map(documents.map((doc, n) => [doc, n]));
  const features = extractFeatures(alignable, docIndex, resolved);
  // Small collections: the trained floor; large ones: a floor that keeps the work near-linear.
  const candidateFloor = alignable.length > resolved.exhaustiveLimit ? Math.max(resolved.candidateFloor, resolved.largeFloor) : resolved.candidateFloor;
  const candidates = scoreCandidatePairs(features, { ...resolved, candidateFloor });
  const margins = marginScores(candidates, features, documents.length, resolved.k);
  return { alignable, documents, features, candidates, margins };
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

function toAlignmentPair(scored: ScoredCandidates, kept: KeptPair): AlignmentPair {
  const { candidates, features, margins } = scored;
  // Features are sorted by document and i < j, so segment i's document sorts first.
  const fa = features[candidates.i[kept.n] as number] as SegmentFeatures;
  const fb = features[candidates.j[kept.n] as number] as SegmentFeatures;
  const a = fa.segment;
  const b = fb.segment;
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
    score: kept.score,
    grade: kept.grade,
    signals: { similarity: candidates.similarity[kept.n] as number, margin: margins[kept.n] as number, ...pairSignals(fa, fb) },
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function comparePairs(x: AlignmentPair, y: AlignmentPair): number {
  return compareStrings(x.a_doc, y.a_doc) || compareStrings(x.b_doc, y.b_doc) || x.a_start - y.a_start || x.b_start - y.b_start || compareStrings(x.a, y.a) || compareStrings(x.b, y.b);
}

/** Code-unit order, independent of locale, so every machine sorts ids the same way. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
