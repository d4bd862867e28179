// The selection passes over every document pair, and the evidence the other versions give: the
// consistency check, a re-selection without the pairs it dropped, and pairs linked through a third
// version (consistency.ts). Pure; index.ts runs it once per feature set.
import type { AlignmentPair, Segment } from '../types.ts';
import { bridgeCandidates, inconsistentPairs, witnessDocuments, type IndexedPair } from './consistency.ts';
import { CONSISTENCY_ROUNDS, type ResolvedAlignOptions } from './options.ts';
import { pairRecord } from './pair-record.ts';
import { alignDocumentPair, type KeptPair } from './select.ts';
import { pairChannels, round6, rowDocuments, similarityBlock, type CollectionFeatures, type SimilarityBlock } from './similarity.ts';

/** Every kept pair of the collection after the consistency rounds and bridges. */
export function selectWithVersions(features: CollectionFeatures, resolved: ResolvedAlignOptions): Found[] {
  const texts = features.segments.map((s) => s.fr);
  const n = texts.length;
  const count = features.documents.length;
  const docPairOf = (f: IndexedPair): number => (features.docOf[f.i] as number) * count + (features.docOf[f.j] as number);
  const banned = new Set<number>();
  /** The document pairs listed in `only` selected again (the others keep their pairs). */
  const reselect = (current: readonly Found[], only: ReadonlyMap<number, readonly IndexedPair[]>): Found[] => [
    ...current.filter((f) => !only.has(docPairOf(f))),
    ...[...eachDocumentPair(features, resolved, banned, only)].map((kept) => found(kept.pair)),
  ];
  let all = [...eachDocumentPair(features, resolved)].map((kept) => found(kept.pair));
  // Which third versions each document pair consults: the first selection's closest versions
  // (all of them in a story of at most witnesses + 1 versions).
  const witnesses = witnessDocuments(all, features.docOf, count, resolved.witnesses);
  let droppedKeys = new Set<number>();
  // The consistency check; the pairs it drops are banned and their document pairs selected once
  // more (only those: a document pair's selection reads nothing else), so a sentence a false pair
  // held can take its true partner; the new selection is checked again.
  const rounds = resolved.consistency ? CONSISTENCY_ROUNDS : 0;
  for (let round = 0; round < rounds; round++) {
    const dropped = inconsistentPairs(all, features.docOf, texts, resolved.strongestSurvives, witnesses);
    droppedKeys = new Set([...dropped].map((d) => (all[d] as Found).i * n + (all[d] as Found).j));
    if (droppedKeys.size === 0 || round + 1 === rounds) break;
    for (const key of droppedKeys) banned.add(key);
    all = reselect(all, new Map([...dropped].map((d) => [docPairOf(all[d] as Found), []])));
  }
  all = all.filter((f) => !droppedKeys.has(f.i * n + f.j));
  if (resolved.consistency && resolved.bridges) {
    // Pairs a third version links: their document pairs are selected again with them as candidates.
    // In the reference form, only candidates of document pairs that are aligned (the earlier
    // document a reference): two other versions are never paired, not even through a third.
    const bridges = bridgeCandidates(all, features.docOf, texts, witnesses, features.references ?? Infinity);
    if (bridges.length > 0) {
      const byDocPair = new Map<number, IndexedPair[]>();
      for (const p of bridges) {
        const list = byDocPair.get(docPairOf(p));
        if (list === undefined) byDocPair.set(docPairOf(p), [p]);
        else list.push(p);
      }
      all = reselect(all, byDocPair).filter((f) => !droppedKeys.has(f.i * n + f.j));
    }
  }
  return all;
}

/**
 * A kept pair by segment indices, compact (the output's record is made only when it is written:
 * toAlignmentPair), so a story's pairs cost a few numbers each while the passes hold them all.
 */
export interface Found extends KeptPair {
  readonly oneToOne: boolean;
}

function found(pair: KeptPair): Found {
  return { ...pair, oneToOne: pair.via === 'core' || pair.via === 'path' };
}

/**
 * Every kept pair of every document pair (or, with `only`, of the document pairs it lists, keyed
 * a * documents + b, with their bridge candidates), with the similarity block it was read from.
 */
export function* eachDocumentPair(
  features: CollectionFeatures, options: ResolvedAlignOptions, banned?: ReadonlySet<number>, only?: ReadonlyMap<number, readonly IndexedPair[]>,
): Generator<{ block: SimilarityBlock; pair: KeptPair }> {
  const count = features.documents.length;
  const rows = only === undefined ? undefined : new Set([...only.keys()].map((key) => Math.floor(key / count)));
  const rowsEnd = rowDocuments(features);
  for (let a = 0; a < rowsEnd; a++) {
    if (rows !== undefined && !rows.has(a)) continue;
    const block = similarityBlock(features, a);
    for (let b = a + 1; b < count; b++) {
      if (only !== undefined && !only.has(a * count + b)) continue;
      for (const pair of alignDocumentPair(features, block, b, options, banned, only?.get(a * count + b))) yield { block, pair };
    }
  }
}

/**
 * Grade 2 (same information) for a one-to-one core pair whose sentences are of comparable length
 * (the shorter has at least half the longer's content words: a sentence twice as long usually adds
 * a claim); grade 1 for partial matches: span members, second partners, uneven lengths.
 */
function gradeOf(pair: KeptPair, contentWords: Int32Array): 1 | 2 {
  const x = contentWords[pair.i] as number;
  const y = contentWords[pair.j] as number;
  const ratio = Math.max(x, y) === 0 ? 1 : Math.min(x, y) / Math.max(x, y);
  return (pair.via === 'core' || pair.via === 'path') && ratio >= 0.5 ? 2 : 1;
}

/** The output's record of a kept pair; `block` is similarityBlock(features, the document of pair.i). */
export function toAlignmentPair(features: CollectionFeatures, block: SimilarityBlock, pair: KeptPair): AlignmentPair {
  // Segments are sorted by document and i is in the earlier document, so side a sorts first.
  return keptPairRecord(features, pair, pairChannels(features, block, pair.i, pair.j), false);
}

/**
 * The record of a kept pair whose per-channel cosines are `channels`; `swap` puts segment j on
 * side a (the reference form, where i's document is the reference, not the one whose id sorts first).
 */
export function keptPairRecord(features: CollectionFeatures, pair: KeptPair, channels: Record<string, number>, swap: boolean): AlignmentPair {
  const [a, b] = (swap ? [features.segments[pair.j], features.segments[pair.i]] : [features.segments[pair.i], features.segments[pair.j]]) as [Segment, Segment];
  return pairRecord(a, b, {
    score: round6(pair.margin),
    grade: gradeOf(pair, features.contentWords),
    signals: { similarity: round6(pair.similarity), margin: round6(pair.margin), ...channels, many: pair.via === 'core' || pair.via === 'path' ? 0 : 1 },
  });
}
