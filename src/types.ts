// The data contracts shared by every stage (see docs/data-contracts.md).
// Plain, readonly, JSON-serialisable: each stage is a function from these to these.

/** Metadata about a document. Unknown keys from JSONL inputs are kept as they are. */
export interface DocumentMeta {
  /** Publication date as written in the source (e.g. "2022-09" from a leading `date 2022-09` marker). */
  readonly date?: string;
  readonly title?: string;
  readonly source?: string;
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
  | 'split';

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
  /** English translation, when the translate stage ran. */
  readonly en?: string;
  /** Present only when non-empty. */
  readonly en_flags?: readonly TranslationFlag[];
}

/** A document that could not be processed, and why. */
export interface DocumentFailure {
  /** The file (and `:line` for JSONL) that failed. */
  readonly source: string;
  readonly code: string;
  readonly message: string;
}
