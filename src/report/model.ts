// What the report shows, prepared from a run's files: outlets with names, stories, facts (several
// outlets first, single-outlet facts per outlet), each fact's reference sentence, kept pairs. Pure.
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
import { selectDocs, selectPairs, type RunOutputs, type SelectionOptions } from '../inspect/outputs.ts';
import { mostCentral } from './similarity.ts';

export interface OutletView {
  /** Position within its story (columns, colours, URL hash). */
  readonly index: number;
  readonly id: string;
  /** The outlet's name (`source`), or a short readable id when the metadata has none. */
  readonly name: string;
  readonly title?: string;
  readonly date?: string;
  /** Only http(s) links are kept: anything else (javascript:, data:) is shown nowhere. */
  readonly url?: string;
  /** Segments in reading order, every kind. */
  readonly segments: readonly Segment[];
  readonly boilerplate: number;
  readonly facts: number;
  readonly onlyHere: number;
}

export interface MemberView {
  readonly outlet: number;
  /** Position of the segment in its article, or -1 when sentences.jsonl lacks it. */
  readonly position: number;
  readonly id: string;
  readonly fr: string;
  readonly en?: string;
  readonly flags: readonly string[];
  readonly enScore?: number;
}

export interface FactView {
  readonly id: string;
  readonly score: number;
  /** Lowest grade among the kept pairs inside the fact (2 only when every pair is "same information"). */
  readonly grade?: 1 | 2;
  /** Outlet indices, sorted. */
  readonly outlets: readonly number[];
  /** Sorted by outlet, then position. */
  readonly members: readonly MemberView[];
  /** Index in `members` of the most central sentence, the one the others are diffed against. */
  readonly reference: number;
}

/** A kept alignment pair as numbers: outlet and position of each side, score, grade. */
export type KeptPair = readonly [number, number, number, number, number, 1 | 2];

export interface StoryView {
  readonly id: string;
  readonly title: string;
  readonly dates: readonly string[];
  readonly outlets: readonly OutletView[];
  /** Facts two or more outlets report, most outlets first (the aligner's order within). */
  readonly shared: readonly FactView[];
  /** Single-outlet facts, per outlet index. */
  readonly single: readonly (readonly FactView[])[];
  readonly pairs: readonly KeptPair[];
  /** Kept pairs naming a sentence sentences.jsonl lacks: counted, never dropped silently. */
  readonly unplaced: number;
  readonly duplicates: readonly (readonly string[])[];
  readonly hasEnglish: boolean;
}

export interface DocMeta {
  readonly source?: string;
  readonly title?: string;
  readonly date?: string;
  readonly url?: string;
}

/** manifest.json `documents[]` entries, read defensively (the run stage owns their shape). */
export function documentMeta(manifest: RunOutputs['manifest']): Map<string, DocMeta> {
  const meta = new Map<string, DocMeta>();
  const documents = manifest?.documents;
  if (!Array.isArray(documents)) return meta;
  for (const entry of documents) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { id?: unknown }).id !== 'string') continue;
    const record = entry as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === 'string' && (record[key] as string).trim() !== '' ? (record[key] as string).trim() : undefined);
    meta.set(record.id as string, { source: text('source') ?? text('outlet'), title: text('title'), date: text('date'), url: text('url') });
  }
  return meta;
}

/** `001` for `001_a381a8de4f316d59` when that prefix is unique in the run; else the id, shortened. */
export function shortIds(ids: readonly string[]): Map<string, string> {
  const short = shortIdMaker(ids);
  return new Map(ids.map((id) => [id, short(id)]));
}

/** shortIds as a function: holds one count per prefix, not one string per document. */
export function shortIdMaker(ids: Iterable<string>): (id: string) => string {
  const prefix = (id: string) => /^([^_\s]{1,12})_/.exec(id)?.[1];
  const counts = new Map<string, number>();
  for (const id of ids) {
    const p = prefix(id);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return (id) => {
    const p = prefix(id);
    if (p && counts.get(p) === 1) return p;
    return id.length > 16 ? `${id.slice(0, 15)}…` : id;
  };
}

const safeUrl = (url: string | undefined) => (url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined);

/** What the report reads of an alignment pair (the texts are in the segments). */
export type PairRef = Pick<AlignmentPair, 'a' | 'b' | 'a_doc' | 'b_doc' | 'score' | 'grade'>;

/** A story's own slice of the run: its documents' segments, its kept pairs, its fact groups. */
export interface StoryInputs {
  readonly segments: readonly Segment[];
  readonly pairs: readonly PairRef[];
  readonly groups: readonly FactGroup[];
}

/** What every story page needs from the whole run: document metadata and short ids. Small (per document, not per sentence). */
export interface RunContext {
  readonly meta: ReadonlyMap<string, DocMeta>;
  readonly shortId: (id: string) => string;
}

/** The run's context built from the documents it names (short ids are unique across the whole run). */
export function runContext(docs: readonly string[], manifest: RunOutputs['manifest']): RunContext {
  const short = shortIdMaker(docs);
  return { meta: documentMeta(manifest), shortId: short };
}

/** The in-memory run, cut into stories: the list and each story's inputs (what writeReport streams from). */
export interface RunPartition {
  readonly stories: readonly Story[];
  readonly context: RunContext;
  readonly inputsOf: (story: Story) => StoryInputs;
}

export function partitionOutputs(outputs: RunOutputs, options: SelectionOptions = {}): RunPartition {
  const docs = selectDocs(outputs, options.docs, options.story);
  const wanted = new Set(docs);
  const pairs = selectPairs(outputs, options);
  const segmentsByDoc = new Map<string, Segment[]>(docs.map((doc) => [doc, []]));
  for (const segment of outputs.sentences) segmentsByDoc.get(segment.doc)?.push(segment);
  const stories = storyList(outputs.stories, docs);
  const storyOfDoc = new Map<string, string>();
  for (const story of stories) for (const doc of story.docs) storyOfDoc.set(doc, story.story);
  const groupsByStory = bucket(outputs.groups.filter((g) => g.docs.some((d) => wanted.has(d))), (g) => g.story ?? storyOfDoc.get(g.docs.find((d) => wanted.has(d))!));
  const pairsByStory = bucket(pairs, (p) => p.story ?? storyOfDoc.get(p.a_doc));
  return {
    stories,
    context: runContext(docs, outputs.manifest),
    inputsOf: (story) => ({
      segments: story.docs.flatMap((doc) => segmentsByDoc.get(doc) ?? []),
      pairs: pairsByStory.get(story.story) ?? [],
      groups: groupsByStory.get(story.story) ?? [],
    }),
  };
}

/** One StoryView per story of the run (stories.jsonl), or one for the whole run when it has none. */
export function buildStories(outputs: RunOutputs, options: SelectionOptions = {}): StoryView[] {
  const run = partitionOutputs(outputs, options);
  return run.stories.map((story) => buildStory(story, run.inputsOf(story), run.context));
}

/** One story's view from its own inputs: all the report needs to hold at a time. */
export function buildStory(story: Story, inputs: StoryInputs, context: RunContext): StoryView {
  const segmentsByDoc = new Map<string, Segment[]>(story.docs.map((doc) => [doc, []]));
  for (const segment of inputs.segments) segmentsByDoc.get(segment.doc)?.push(segment);
  for (const list of segmentsByDoc.values()) list.sort((x, y) => x.index - y.index);
  const names = outletNames(story.docs, context);
  const { groups } = inputs;
  const outlets = story.docs.map((doc, index): OutletView => {
    const segments = segmentsByDoc.get(doc) ?? [];
    const docMeta = context.meta.get(doc);
    const reporting = groups.filter((g) => g.docs.includes(doc));
    return {
      index, id: doc, name: names[index]!, segments,
      title: docMeta?.title ?? segments.find((s) => s.kind === 'title')?.fr,
      date: docMeta?.date,
      url: safeUrl(docMeta?.url),
      boilerplate: segments.filter((s) => s.kind === 'boilerplate').length,
      facts: reporting.length,
      onlyHere: reporting.filter((g) => g.docs.length === 1).length,
    };
  });
  return storyView(story, outlets, groups, inputs.pairs);
}

/** Stories restricted to the selected documents; documents no story names form one more story. */
export function storyList(stories: readonly Story[] | undefined, docs: readonly string[]): Story[] {
  const wanted = new Set(docs);
  const listed = new Set<string>();
  const kept: Story[] = [];
  for (const story of stories ?? []) {
    const members = story.docs.filter((doc) => wanted.has(doc) && !listed.has(doc));
    members.forEach((doc) => listed.add(doc));
    if (members.length > 0) kept.push({ ...story, docs: members });
  }
  const rest = docs.filter((doc) => !listed.has(doc));
  if (rest.length > 0) {
    const id = kept.length === 0 ? 's1' : 'unassigned';
    kept.push({ story: id, docs: rest, title: null, dates: [], duplicates: [] });
  }
  return kept;
}

function outletNames(docs: readonly string[], context: RunContext): string[] {
  const { meta, shortId } = context;
  const base = docs.map((doc) => meta.get(doc)?.source ?? shortId(doc));
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  // Two versions from one outlet (a wire story run twice) keep the outlet's name plus their short id.
  return base.map((name, k) => (counts.get(name)! > 1 && name !== shortId(docs[k]!) ? `${name} · ${shortId(docs[k]!)}` : name));
}

function bucket<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string | undefined, T[]> {
  const map = new Map<string | undefined, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

function storyView(story: Story, outlets: readonly OutletView[], groups: readonly FactGroup[], pairs: readonly PairRef[]): StoryView {
  const outletOf = new Map(outlets.map((o) => [o.id, o.index]));
  const position = new Map<string, [number, Segment]>();
  for (const outlet of outlets) for (const [k, s] of outlet.segments.entries()) position.set(s.id, [k, s]);
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const member of group.members) groupOf.set(member.id, group.id);

  const kept: KeptPair[] = [];
  const gradeOf = new Map<string, 1 | 2>();
  let unplaced = 0;
  for (const pair of pairs) {
    const a = position.get(pair.a);
    const b = position.get(pair.b);
    const [oa, ob] = [outletOf.get(pair.a_doc), outletOf.get(pair.b_doc)];
    if (!a || !b || oa === undefined || ob === undefined) {
      unplaced++;
      continue;
    }
    kept.push([oa, a[0], ob, b[0], Math.round(pair.score * 1000) / 1000, pair.grade]);
    const group = groupOf.get(pair.a);
    if (group !== undefined && group === groupOf.get(pair.b)) gradeOf.set(group, Math.min(gradeOf.get(group) ?? 2, pair.grade) as 1 | 2);
  }

  const facts = groups.map((group): FactView => {
    const members = group.members
      .filter((m) => outletOf.has(m.doc))
      .map((m): MemberView => {
        const found = position.get(m.id);
        const segment = found?.[1];
        return {
          outlet: outletOf.get(m.doc)!, position: found?.[0] ?? -1, id: m.id, fr: m.fr,
          ...(m.en ?? segment?.en) !== undefined ? { en: (m.en ?? segment?.en)! } : {},
          flags: segment?.en_flags ?? [],
          ...(typeof segment?.en_score === 'number' ? { enScore: segment.en_score } : {}),
        };
      })
      .sort((x, y) => x.outlet - y.outlet || x.position - y.position);
    const outletsOfFact = [...new Set(members.map((m) => m.outlet))].sort((x, y) => x - y);
    const grade = gradeOf.get(group.id);
    return { id: group.id, score: group.score, ...(grade ? { grade } : {}), outlets: outletsOfFact, members, reference: mostCentral(members.map((m) => m.fr)) };
  });
  const present = facts.filter((f) => f.members.length > 0);
  const shared = present.filter((f) => f.outlets.length > 1).sort((x, y) => y.outlets.length - x.outlets.length);
  const single = outlets.map((o) => present.filter((f) => f.outlets.length === 1 && f.outlets[0] === o.index));
  const hasEnglish = outlets.some((o) => o.segments.some((s) => typeof s.en === 'string'));
  return {
    id: story.story,
    title: story.title ?? outlets.find((o) => o.title)?.title ?? story.story,
    dates: story.dates.length > 0 ? story.dates : [...new Set(outlets.flatMap((o) => (o.date ? [o.date] : [])))].sort(),
    outlets, shared, single, pairs: kept, unplaced, duplicates: story.duplicates, hasEnglish,
  };
}
