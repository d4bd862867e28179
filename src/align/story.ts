// One story as the align stage writes it. A story of more than COPIES_FROM versions whose
// stories.jsonl entry lists near-duplicates is aligned in the compact form (copies.ts): the
// representatives all-pairs, each copy tied to its representative only, the fact groups in full
// (every copy sentence in its representative sentence's group). A story of more than
// REFERENCES_FROM alignable versions (counted after copies are collapsed: the representatives)
// is aligned in the reference form (references.ts): only document pairs with one of its reference
// versions. Every other story is aligned as alignStory aligns it (the full form): its output is
// what it was before either form existed.
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
import { groupsWithCopies, linkCopy, planCopies, type CopyLink } from './copies.ts';
import { alignStory, comparePairs, type AlignOptions } from './index.ts';
import { pairRecord } from './pair-record.ts';
import { alignWithReferences, REFERENCE_COUNT, REFERENCES_FROM } from './references.ts';

/** Versions above which a story's near-duplicates are aligned through representatives. */
export const COPIES_FROM = 32;

/** When a story is written in a compact form (tests pass small ones; Infinity turns a form off). */
export interface StoryForms {
  /** Versions above which near-duplicates go through representatives (default COPIES_FROM). */
  readonly copiesFrom?: number;
  /** Alignable versions, after copies are collapsed, above which the reference form is used (default REFERENCES_FROM). */
  readonly referencesFrom?: number;
  /** Reference versions in the reference form (default REFERENCE_COUNT). */
  readonly references?: number;
}

export interface StoryAlignment {
  /** compact: near-duplicates were aligned through representatives (copies.ts); full: not. */
  readonly form: 'full' | 'compact';
  /** The reference versions (sorted) when the story was aligned in the reference form; absent otherwise. */
  readonly references?: readonly string[];
  readonly groups: readonly FactGroup[];
  /** Sorted as alignSegments sorts them, made as they are read. */
  readonly pairs: Iterable<AlignmentPair>;
}

export function alignStoryForm(segments: readonly Segment[], story: Pick<Story, 'docs' | 'duplicates'>, options: AlignOptions = {}, forms: StoryForms = {}): StoryAlignment {
  const copiesFrom = forms.copiesFrom ?? COPIES_FROM;
  const plan = story.docs.length > copiesFrom && story.duplicates.length > 0 ? planCopies(story.docs, story.duplicates, segments) : undefined;
  if (plan === undefined || plan.representativeOf.size === 0) return { form: 'full', ...alignVersions(segments, options, forms) };
  const byDoc = new Map<string, Segment[]>();
  for (const s of segments) {
    const list = byDoc.get(s.doc);
    if (list === undefined) byDoc.set(s.doc, [s]);
    else list.push(s);
  }
  for (const list of byDoc.values()) list.sort((x, y) => x.index - y.index);
  const kept = plan.representatives.flatMap((doc) => byDoc.get(doc) ?? []);
  const result = alignVersions(kept, options, forms);
  const links: CopyLink[] = [];
  const copies: Segment[] = [];
  for (const [copy, representative] of plan.representativeOf) {
    const mine = byDoc.get(copy) ?? [];
    copies.push(...mine);
    links.push(...linkCopy(mine, byDoc.get(representative) ?? []));
  }
  const copyPairs = links.map(copyPair).sort(comparePairs);
  return {
    form: 'compact',
    ...(result.references !== undefined ? { references: result.references } : {}),
    groups: groupsWithCopies(result.groups, links, copies),
    pairs: mergeSorted(result.pairs, copyPairs),
  };
}

/** The full form, or the reference form when more than referencesFrom versions have alignable sentences. */
function alignVersions(segments: readonly Segment[], options: AlignOptions, forms: StoryForms): Omit<StoryAlignment, 'form'> {
  const versions = new Set(segments.filter((s) => s.kind !== 'boilerplate').map((s) => s.doc)).size;
  if (versions > (forms.referencesFrom ?? REFERENCES_FROM)) {
    const result = alignWithReferences(segments, options, forms.references ?? REFERENCE_COUNT);
    return { references: result.references, groups: result.groups, pairs: result.pairs() };
  }
  const result = alignStory(segments, options);
  return { groups: result.groups, pairs: result.pairs() };
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
