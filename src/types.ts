// The data contracts shared by every stage; their JSON forms are in schemas/*.schema.json and docs/outputs.md.
// Plain, readonly, JSON-serialisable: each stage is a function from these to these.

/** Metadata about a document. Unknown keys from JSONL inputs are kept as they are. */
export interface DocumentMeta {
  /** Publication date as written in the source (e.g. "2022-09" from a leading `date 2022-09` marker). */
  readonly date?: string;
  readonly title?: string;
  /** The outlet's name ("Le Monde"); JSONL inputs may say `outlet` or `source` (issue 12 fills it). */
  readonly source?: string;
  readonly url?: string;
  readonly [key: string]: unknown;
}

/** One article, as read from disk. `text` is the original text, untouched. */
export interface Document {
  /** File stem, or the `id` field of a JSONL line. Unique within a run. */
  readonly id: string;
  /** Where it came from: a file path, or `file.jsonl:LINE` for a JSONL line. */
  readonly path: string;
  readonly text: string;
  readonly meta: DocumentMeta;
}

export type SegmentKind = 'body' | 'title' | 'boilerplate';

/** Why a segment was flagged; see src/segment/boilerplate.ts for the rules. */
export type BoilerplateReason = string;

/** Flags on a translation that a user should be able to find. */
export type TranslationFlag =
  /** The decoder stopped at the output-length cap: the English may be looping or cut short. */
  | 'length-cap'
  /** The sentence was longer than the model accepts; it was split at clause boundaries and rejoined. */
  | 'split'
  /** The decoder repeated itself (an n-gram looping): the English is likely garbage past that point. */
  | 'repeat'
  /** The sentence is English (`lang` "en"): copied to `en` as it is, not sent through the fr→en model. */
  | 'source-en'
  /** The sentence is in another language than French or English (see `lang`): left without `en`. */
  | 'source-other'
  /** Translation checks (src/translate/checks.ts, docs/translation.md "Checks"): a number of the French is missing or changed in the English. */
  | 'number'
  /** A capitalised name or acronym of the French is absent from the English. */
  | 'name'
  /** The English is the French unchanged. */
  | 'untranslated'
  /** English length / French length (characters) is outside the range fitted on parallel text. */
  | 'length-ratio';

/** A sentence (or headline, or boilerplate line) of a document. */
export interface Segment {
  /** `<doc>:<index>` */
  readonly id: string;
  readonly doc: string;
  /** 0-based position within the document. */
  readonly index: number;
  /** Character offsets (UTF-16 code units) into the document's original text: text.slice(start, end) === fr. */
  readonly start: number;
  readonly end: number;
  readonly kind: SegmentKind;
  /** Present when kind === 'boilerplate': which rule flagged it. */
  readonly reason?: BoilerplateReason;
  readonly fr: string;
  /**
   * ISO 639-1 code of the sentence's language (src/lang/detect.ts): its document's unless clearly
   * another. Absent in files written before fralign detected languages.
   */
  readonly lang?: string;
  /** English translation, when the translate stage ran. */
  readonly en?: string;
  /** Present only when non-empty. */
  readonly en_flags?: readonly TranslationFlag[];
  /** Mean log-probability of the chosen English tokens (≤ 0; closer to 0 = more confident). */
  readonly en_score?: number;
}

/** A document that could not be processed, and why. */
export interface DocumentFailure {
  /** The file (and `:line` for JSONL) that failed. */
  readonly source: string;
  readonly code: string;
  readonly message: string;
}

/** Per-signal similarities behind an alignment score, each in [0, 1]. */
export interface AlignmentSignals {
  readonly [signal: string]: number;
}

/**
 * One line of alignments.jsonl: two sentences from two different documents that state the same fact.
 * Flat on purpose, so pandas/DuckDB/jq read it as columns. Side `a` is the one whose document id
 * sorts first.
 */
export interface AlignmentPair {
  readonly a: string;
  readonly b: string;
  readonly a_doc: string;
  readonly b_doc: string;
  readonly a_start: number;
  readonly a_end: number;
  readonly b_start: number;
  readonly b_end: number;
  readonly a_fr: string;
  readonly b_fr: string;
  readonly a_en?: string;
  readonly b_en?: string;
  /** Final score the threshold applies to (higher = more confident). */
  readonly score: number;
  /** Predicted grade: 2 = same information, 1 = partial overlap. */
  readonly grade: 1 | 2;
  readonly signals: AlignmentSignals;
  /** The story both documents belong to (stories.jsonl); pairs never cross stories. */
  readonly story?: string;
}

/** A member of a fact group. */
export interface FactGroupMember {
  readonly id: string;
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  readonly fr: string;
  readonly en?: string;
}

/**
 * One line of groups.jsonl: segments across documents that state the same fact.
 * Every body/title segment is in exactly one group; a group with one document is a fact only that
 * outlet reports.
 */
export interface FactGroup {
  /** `g<n>`, numbered in a deterministic order (largest document coverage first). */
  readonly id: string;
  /** Documents that report this fact, sorted. */
  readonly docs: readonly string[];
  readonly members: readonly FactGroupMember[];
  /** Mean score of the alignment pairs inside the group (0 for a single segment). */
  readonly score: number;
  /** The story the group belongs to (stories.jsonl). */
  readonly story?: string;
}

/**
 * One line of stories.jsonl: documents that are versions of one news story. Near-duplicate
 * documents (the same wire copy run twice) stay members and are listed in `duplicates`.
 */
export interface Story {
  /** `s<n>`, numbered deterministically (independent of input order). */
  readonly story: string;
  /** Document ids, sorted. */
  readonly docs: readonly string[];
  /** A representative headline (the title segment of the most central document), or null. */
  readonly title: string | null;
  /** The `meta.date` values of the members, sorted and distinct. */
  readonly dates: readonly string[];
  /** Groups of near-identical documents inside the story, each sorted; [] when none. */
  readonly duplicates: readonly (readonly string[])[];
}
