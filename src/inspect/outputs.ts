// The in-memory view of a run folder, and the pure selections the terminal and HTML views share.
import { FralignError } from '../errors.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';

/** Everything `fralign inspect` reads from a run folder. */
export interface RunOutputs {
  /** The folder the files came from (shown in headers; never read again). */
  readonly dir: string;
  readonly sentences: readonly Segment[];
  readonly alignments: readonly AlignmentPair[];
  readonly groups: readonly FactGroup[];
  /** DIR/manifest.json when present, as parsed; its shape belongs to the run stage. */
  readonly manifest?: Readonly<Record<string, unknown>>;
  /** DIR/stories.jsonl when present (the stories stage): which documents are versions of one story. */
  readonly stories?: readonly Story[];
}

/** Filters shared by the terminal and HTML views. */
export interface SelectionOptions {
  /**
   * Documents to keep, each named by its id, a unique id prefix, or its outlet (`source`, any
   * case: every version that outlet published). One entry: pairs that involve it. Two or more:
   * pairs whose both sides are in the list. Default: every document.
   */
  readonly docs?: readonly string[];
  /** Keep only this story's documents (a `story` id of stories.jsonl, e.g. "s3"). Default: every story. */
  readonly story?: string;
  /** Keep pairs whose score is at least this. Default: no minimum. */
  readonly minScore?: number;
}

/** Every document id the run mentions, sorted (the order of columns everywhere). */
export function knownDocIds(outputs: RunOutputs): string[] {
  const ids = new Set<string>();
  for (const segment of outputs.sentences) ids.add(segment.doc);
  for (const pair of outputs.alignments) ids.add(pair.a_doc).add(pair.b_doc);
  for (const group of outputs.groups) for (const doc of group.docs) ids.add(doc);
  return [...ids].sort();
}

/** The outlet (`source`) of each document that has one: from sentences.jsonl's records, else the manifest. */
export function documentSources(outputs: RunOutputs): Map<string, string> {
  const sources = new Map<string, string>();
  const documents = outputs.manifest?.['documents'];
  if (Array.isArray(documents)) {
    for (const entry of documents as unknown[]) {
      const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const name = typeof record['source'] === 'string' ? record['source'] : record['outlet'];
      if (typeof record['id'] === 'string' && typeof name === 'string' && name.trim() !== '') sources.set(record['id'], name.trim());
    }
  }
  for (const segment of outputs.sentences) {
    const source = (segment as { source?: unknown }).source;
    if (!sources.has(segment.doc) && typeof source === 'string' && source.trim() !== '') sources.set(segment.doc, source.trim());
  }
  return sources;
}

/**
 * What people read for each document: its outlet's name, plus the id when the outlet has several
 * versions in the run (a wire story run twice); the id when no outlet is known.
 */
export function documentLabels(outputs: RunOutputs, within: readonly string[] = knownDocIds(outputs), sources: ReadonlyMap<string, string> = documentSources(outputs)): Map<string, string> {
  const perOutlet = new Map<string, number>();
  for (const doc of within) {
    const source = sources.get(doc);
    if (source !== undefined) perOutlet.set(source, (perOutlet.get(source) ?? 0) + 1);
  }
  return new Map(
    within.map((doc) => {
      const source = sources.get(doc);
      if (source === undefined) return [doc, doc];
      return [doc, perOutlet.get(source)! > 1 ? `${source} · ${doc}` : source];
    }),
  );
}

const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('fr');

/** The story ids of the run, in file order. */
function storyIds(outputs: RunOutputs): string[] {
  return (outputs.stories ?? []).map((story) => story.story);
}

/**
 * The documents a view shows: those named by `docs` (ids, unique id prefixes, or outlet names), in
 * the run's sorted order, within `story` when given; or all of them. Throws USAGE naming the unknown
 * or ambiguous entry and listing what is known, so a typo is fixable at once.
 */
export function selectDocs(outputs: RunOutputs, docs: readonly string[] | undefined, story?: string): string[] {
  let known = knownDocIds(outputs);
  if (story !== undefined) {
    const found = (outputs.stories ?? []).find((s) => s.story === story);
    if (!found) {
      const ids = storyIds(outputs);
      const list = ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, … (${ids.length} stories)` : ids.join(', ');
      throw new FralignError('USAGE', `--story: unknown story "${story}" in ${outputs.dir}; known stories: ${list || '(none: run `fralign stories` first)'}`);
    }
    const members = new Set(found.docs);
    known = known.filter((doc) => members.has(doc));
  }
  if (docs === undefined || docs.length === 0) return known;
  const sources = documentSources(outputs);
  const resolved = new Set<string>();
  for (const doc of docs) {
    let matches = known.includes(doc) ? [doc] : known.filter((id) => id.startsWith(doc));
    if (matches.length !== 1) {
      const byOutlet = known.filter((id) => sources.has(id) && fold(sources.get(id)!) === fold(doc));
      if (byOutlet.length > 0) matches = byOutlet;
    }
    if (matches.length !== 1 && !(matches.length > 1 && matches.every((id) => fold(sources.get(id) ?? '') === fold(doc)))) {
      const problem = matches.length === 0 ? `unknown document id "${doc}"` : `ambiguous document id (matches ${matches.join(', ')}) "${doc}"`;
      const outlets = [...new Set(known.map((id) => sources.get(id)).filter((s) => s !== undefined))].sort();
      throw new FralignError(
        'USAGE',
        `--docs: ${problem} in ${outputs.dir}${story === undefined ? '' : ` story ${story}`}; known ids: ${known.join(', ') || '(none)'}` +
          (outlets.length > 0 ? `; or name an outlet: ${outlets.join(', ')}` : ''),
      );
    }
    for (const id of matches) resolved.add(id);
  }
  return known.filter((doc) => resolved.has(doc));
}

/** The alignment pairs that pass the filters, in file order. */
export function selectPairs(outputs: RunOutputs, options: SelectionOptions): AlignmentPair[] {
  const docs = selectDocs(outputs, options.docs, options.story);
  const wanted = new Set(docs);
  // One entry (an id, or an outlet with all its versions) asks "what does it share with the
  // others"; several ask for pairs among them.
  const single = options.docs !== undefined && options.docs.length === 1;
  return outputs.alignments.filter((pair) => {
    const inA = wanted.has(pair.a_doc);
    const inB = wanted.has(pair.b_doc);
    if (single ? !(inA || inB) : !(inA && inB)) return false;
    return options.minScore === undefined || pair.score >= options.minScore;
  });
}

/**
 * Fact groups restricted to the selected documents: members of other documents are left out and a
 * group with no member left disappears. Groups keep their ids, file order and their full `docs` list
 * (so "only this outlet" stays true of the whole run, not of the selection).
 */
export function selectGroups(outputs: RunOutputs, docs: readonly string[]): FactGroup[] {
  const wanted = new Set(docs);
  const selected: FactGroup[] = [];
  for (const group of outputs.groups) {
    const members = group.members.filter((member) => wanted.has(member.doc));
    if (members.length === 0) continue;
    selected.push({ ...group, members });
  }
  return selected;
}

/** What one outlet reports, for the coverage summary. */
export interface DocCoverage {
  readonly doc: string;
  /** Segments of every kind. */
  readonly segments: number;
  readonly boilerplate: number;
  /** Fact groups with at least one member from this document. */
  readonly facts: number;
  /** Fact groups whose only document is this one. */
  readonly onlyHere: number;
}

export function coverageByDoc(outputs: RunOutputs, docs: readonly string[]): DocCoverage[] {
  return docs.map((doc) => {
    const segments = outputs.sentences.filter((segment) => segment.doc === doc);
    const groups = outputs.groups.filter((group) => group.docs.includes(doc));
    return {
      doc,
      segments: segments.length,
      boilerplate: segments.filter((segment) => segment.kind === 'boilerplate').length,
      facts: groups.length,
      onlyHere: groups.filter((group) => group.docs.length === 1).length,
    };
  });
}

/** Segments of one document in reading order. */
export function segmentsOf(outputs: RunOutputs, doc: string): Segment[] {
  return outputs.sentences.filter((segment) => segment.doc === doc).sort((x, y) => x.index - y.index);
}

/** Unordered document pairs (a < b) among `docs`, in sorted order. */
export function docPairs(docs: readonly string[]): [string, string][] {
  const sorted = [...docs].sort();
  const pairs: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i]!, sorted[j]!]);
  }
  return pairs;
}
