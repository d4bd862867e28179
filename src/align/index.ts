// Cross-version sentence alignment: which outlet states which fact. Pure: segments in, pairs and
// fact groups out. See docs/alignment.md for the method and how the defaults were chosen.
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { chanceSimilarity } from './chance.ts';
import { buildFactGroups } from './groups.ts';
import { learnSubstitutions, type AnchorTerms } from './lexicon.ts';
import { LEARN_MIN_COUNT, LEARN_MIN_DICE, resolveAlignOptions, type AlignOptions, type ResolvedAlignOptions } from './options.ts';
import { eachDocumentPair, selectWithVersions, toAlignmentPair, type Found } from './passes.ts';
import { collectionFeatures, round6, similarityBlock, type CollectionFeatures, type SimilarityBlock } from './similarity.ts';

export { DEFAULT_ALIGN_OPTIONS, resolveAlignOptions, type AlignOptions, type ResolvedAlignOptions } from './options.ts';

export interface AlignmentResult {
  /** Sorted by (a_doc, b_doc, a position, b position). */
  readonly pairs: AlignmentPair[];
  /** Every body/title segment in exactly one group; ids g1.. by document coverage. */
  readonly groups: FactGroup[];
}

/** alignStory's result: the groups, and the pairs made one document pair at a time as they are read. */
export interface AlignedStory {
  readonly groups: FactGroup[];
  /** How many pairs `pairs()` yields. */
  readonly pairCount: number;
  /** The pairs in alignSegments' order, each document pair's records made only when it is reached. */
  pairs(): Generator<AlignmentPair>;
}

/**
 * Aligns sentences across documents. Boilerplate never aligns and is in no group; pairs join two
 * different documents, side `a` being the one whose document id sorts first. The result depends
 * only on the set of segments, not on their order, and a pair's score only on its two documents
 * (and on the IDF of the run's sentences); whether a pair is kept also reads the run's chance
 * similarity (chance.ts) and, through the consistency check, the other versions.
 */
export function alignSegments(segments: readonly Segment[], options: AlignOptions = {}): AlignmentResult {
  const story = alignStory(segments, options);
  return { pairs: [...story.pairs()], groups: story.groups };
}

/** alignSegments for the stage: the same pairs, streamed, so a story never holds all its records at once. */
export function alignStory(segments: readonly Segment[], options: AlignOptions = {}): AlignedStory {
  const resolved = resolveAlignOptions(options);
  const alignable = sortedAlignable(segments);
  const documents = [...new Set(alignable.map((s) => s.doc))].sort(compareStrings);
  const { features, all } = alignCollection(alignable, documents, resolved);
  const groups = buildFactGroups(alignable, all.map((kept) => ({ i: kept.i, j: kept.j, score: round6(kept.margin) })), resolved.groupLinkage);
  // Document pair by document pair (segments are sorted by document, so by segment index).
  const docOf = features.docOf;
  all.sort((x, y) => (docOf[x.i] as number) - (docOf[y.i] as number) || (docOf[x.j] as number) - (docOf[y.j] as number));
  return {
    groups,
    pairCount: all.length,
    *pairs() {
      let block: SimilarityBlock | undefined;
      for (let from = 0; from < all.length; ) {
        const first = all[from] as Found;
        let to = from + 1;
        while (to < all.length && docOf[(all[to] as Found).i] === docOf[first.i] && docOf[(all[to] as Found).j] === docOf[first.j]) to++;
        if (block === undefined || block.rowStart !== features.docStart[docOf[first.i] as number]) block = similarityBlock(features, docOf[first.i] as number);
        const current = block;
        yield* all.slice(from, to).map((kept) => toAlignmentPair(features, current, kept)).sort(comparePairs);
        from = to;
      }
    },
  };
}

/**
 * The passes over one collection: `alignable` sorted by (position of its document in
 * `documents`, index). With `references` (the reference form, references.ts), the first
 * `references` documents are the reference versions and only document pairs with one of them are
 * aligned; without, every document pair (documents sorted by id).
 */
export function alignCollection(alignable: readonly Segment[], documents: readonly string[], resolved: ResolvedAlignOptions, references?: number): { features: CollectionFeatures; all: Found[] } {
  const restrict = (f: CollectionFeatures): CollectionFeatures => (references === undefined ? f : { ...f, references });
  let features = restrict(collectionFeatures(alignable, documents, resolved));
  if (resolved.learn) {
    // First pass: its one-to-one pairs teach the word substitutions the second pass uses (they are
    // chosen before near-ties and spans, so the pass skips those steps).
    const anchors: AnchorTerms[] = [];
    // learnSubstitutions counts each distinct anchor once: the same two word lists (one array per
    // distinct text) are passed once, so a story of many versions does not pass each anchor N times.
    const listIds = new Map<readonly string[], number>();
    const listId = (list: readonly string[]): number => listIds.get(list) ?? (listIds.set(list, listIds.size), listIds.size - 1);
    const seen = new Set<number>();
    for (const kept of eachDocumentPair(features, { ...resolved, merge: false, tieRatio: Infinity })) {
      if (kept.pair.via !== 'core' && kept.pair.via !== 'path') continue;
      const x = features.words[kept.pair.i] as string[];
      const y = features.words[kept.pair.j] as string[];
      const [u, v] = [listId(x), listId(y)].sort((p, q) => p - q) as [number, number];
      if (seen.has(u * 2 ** 26 + v)) continue;
      seen.add(u * 2 ** 26 + v);
      anchors.push({ x, y });
    }
    const substitutions = learnSubstitutions(anchors, { minCount: LEARN_MIN_COUNT, minDice: LEARN_MIN_DICE });
    if (substitutions.size > 0) features = restrict(collectionFeatures(alignable, documents, resolved, substitutions));
  }
  // The chance floor is read by the final selection only: the learning pass above is unchanged.
  if (resolved.chanceFloor > 0) features = { ...features, chanceFloor: chanceSimilarity(features, resolved.chanceFloor) };
  return { features, all: selectWithVersions(features, resolved) };
}

/** Body and title segments, sorted by (doc, index); duplicate ids are an input error. */
export function sortedAlignable(segments: readonly Segment[]): Segment[] {
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

export function comparePairs(x: AlignmentPair, y: AlignmentPair): number {
  return compareStrings(x.a_doc, y.a_doc) || compareStrings(x.b_doc, y.b_doc) || x.a_start - y.a_start || x.b_start - y.b_start || compareStrings(x.a, y.a) || compareStrings(x.b, y.b);
}

/** Code-unit order, independent of locale, so every machine sorts ids the same way. */
export function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
