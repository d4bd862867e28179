// One story as the align stage writes it. A story of more than COPIES_FROM versions whose
// stories.jsonl entry lists near-duplicates is aligned in the compact form (copies.ts): the
// representatives all-pairs, each copy tied to its representative only, the fact groups in full
// (every copy sentence in its representative sentence's group). Every other story is aligned as
// alignStory aligns it (the full form): its output is what it was before copies were collapsed.
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
import { groupsWithCopies, linkCopy, planCopies, type CopyLink } from './copies.ts';
import { alignStory, comparePairs, type AlignOptions } from './index.ts';
import { pairRecord } from './pair-record.ts';

/** Versions above which a story's near-duplicates are aligned through representatives. */
export const COPIES_FROM = 32;

export interface StoryAlignment {
  readonly form: 'full' | 'compact';
  readonly groups: readonly FactGroup[];
  /** Sorted as alignSegments sorts them, made as they are read. */
  readonly pairs: Iterable<AlignmentPair>;
}

export function alignStoryForm(segments: readonly Segment[], story: Pick<Story, 'docs' | 'duplicates'>, options: AlignOptions = {}, copiesFrom = COPIES_FROM): StoryAlignment {
  const plan = story.docs.length > copiesFrom && story.duplicates.length > 0 ? planCopies(story.docs, story.duplicates, segments) : undefined;
  if (plan === undefined || plan.representativeOf.size === 0) {
    const result = alignStory(segments, options);
    return { form: 'full', groups: result.groups, pairs: result.pairs() };
  }
  const byDoc = new Map<string, Segment[]>();
  for (const s of segments) {
    const list = byDoc.get(s.doc);
    if (list === undefined) byDoc.set(s.doc, [s]);
    else list.push(s);
  }
  for (const list of byDoc.values()) list.sort((x, y) => x.index - y.index);
  const kept = plan.representatives.flatMap((doc) => byDoc.get(doc) ?? []);
  const result = alignStory(kept, options);
  const links: CopyLink[] = [];
  const copies: Segment[] = [];
  for (const [copy, representative] of plan.representativeOf) {
    const mine = byDoc.get(copy) ?? [];
    copies.push(...mine);
    links.push(...linkCopy(mine, byDoc.get(representative) ?? []));
  }
  const copyPairs = links.map(copyPair).sort(comparePairs);
  return { form: 'compact', groups: groupsWithCopies(result.groups, links, copies), pairs: mergeSorted(result.pairs(), copyPairs) };
}

/** The pair a copy's sentence makes with its representative's (side a: the document id that sorts first). */
function copyPair(link: CopyLink): AlignmentPair {
  const [a, b] = link.copy.doc < link.representative.doc ? [link.copy, link.representative] : [link.representative, link.copy];
  return pairRecord(a, b, { score: link.dice, grade: 2, signals: { similarity: link.dice, copy: 1 } });
}

function* mergeSorted(stream: Iterable<AlignmentPair>, sorted: readonly AlignmentPair[]): Generator<AlignmentPair> {
  let next = 0;
  for (const pair of stream) {
    while (next < sorted.length && comparePairs(sorted[next] as AlignmentPair, pair) < 0) yield sorted[next++] as AlignmentPair;
    yield pair;
  }
  while (next < sorted.length) yield sorted[next++] as AlignmentPair;
}
