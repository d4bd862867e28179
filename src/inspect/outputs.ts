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
   * Document ids to keep. One id: pairs that involve it. Two or more: pairs whose both sides are in
   * the list. Default: every document.
   */
  readonly docs?: readonly string[];
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

/**
 * The documents a view shows: `docs` as given (in the run's sorted order), or all of them. An id may
 * be shortened to a unique prefix (`001` for `001_a381a8de4f316d59`), since run ids are long hashes.
 * Throws USAGE naming the unknown or ambiguous id and listing the known ones, so a typo is fixable at once.
 */
export function selectDocs(outputs: RunOutputs, docs: readonly string[] | undefined): string[] {
  const known = knownDocIds(outputs);
  if (docs === undefined || docs.length === 0) return known;
  const resolved = new Set<string>();
  for (const doc of docs) {
    const matches = known.includes(doc) ? [doc] : known.filter((id) => id.startsWith(doc));
    if (matches.length !== 1) {
      const problem = matches.length === 0 ? 'unknown document id' : `ambiguous document id (matches ${matches.join(', ')})`;
      throw new FralignError(
        'USAGE',
        `--docs: ${problem} "${doc}" in ${outputs.dir}; known ids: ${known.join(', ') || '(none)'}`,
      );
    }
    resolved.add(matches[0]!);
  }
  return known.filter((doc) => resolved.has(doc));
}

/** The alignment pairs that pass the filters, in file order. */
export function selectPairs(outputs: RunOutputs, options: SelectionOptions): AlignmentPair[] {
  const docs = selectDocs(outputs, options.docs);
  const wanted = new Set(docs);
  // One id asks "what does this outlet share with the others"; several ask for pairs among them.
  const single = options.docs !== undefined && docs.length === 1;
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
