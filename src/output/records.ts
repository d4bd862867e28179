// The shape of every JSONL line on disk (docs/outputs.md, schemas/): each schema field is always
// present, `null` when it has no value, so pandas/DuckDB/datasets see the same columns whether or not
// a run translated; code-point offsets (`start_cp`/`end_cp`) sit beside the UTF-16 ones so Python
// slicing works too; the outlet (`source`) and headline (`title`) ride along on every line that names
// a document. Stages keep working on the plain types of ../types.ts; these functions run at the write.
import type { AlignmentPair, AlignmentSignals, Document, DocumentMeta, FactGroup, Segment, SegmentKind, TranslationFlag } from '../types.ts';

/** What every line that names a document says about it. */
export interface DocumentLabel {
  /** The outlet's name ("Le Monde"), from `source`/`outlet` in JSONL inputs, a sidecar or --meta. */
  readonly source: string | null;
  /** The article's headline as given in the metadata (not the detected title segment). */
  readonly title: string | null;
}

/** One line of sentences.jsonl. */
export interface SegmentRecord extends DocumentLabel {
  readonly id: string;
  readonly doc: string;
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Code-point offsets: [...text].slice(start_cp, end_cp).join('') === fr; Python text[start_cp:end_cp]. */
  readonly start_cp: number | null;
  readonly end_cp: number | null;
  readonly kind: SegmentKind;
  readonly reason: string | null;
  readonly fr: string;
  /** ISO 639-1 code (src/lang/detect.ts); null in files written before fralign detected languages. */
  readonly lang: string | null;
  readonly en: string | null;
  readonly en_flags: readonly TranslationFlag[];
  readonly en_score: number | null;
}

/** One line of alignments.jsonl. */
export interface PairRecord {
  readonly a: string;
  readonly b: string;
  readonly a_doc: string;
  readonly b_doc: string;
  readonly a_source: string | null;
  readonly b_source: string | null;
  readonly a_title: string | null;
  readonly b_title: string | null;
  readonly a_start: number;
  readonly a_end: number;
  readonly b_start: number;
  readonly b_end: number;
  readonly a_start_cp: number | null;
  readonly a_end_cp: number | null;
  readonly b_start_cp: number | null;
  readonly b_end_cp: number | null;
  readonly a_fr: string;
  readonly b_fr: string;
  readonly a_en: string | null;
  readonly b_en: string | null;
  readonly score: number;
  readonly grade: 1 | 2;
  readonly signals: AlignmentSignals;
  readonly story: string | null;
}

export interface GroupMemberRecord extends DocumentLabel {
  readonly id: string;
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  readonly start_cp: number | null;
  readonly end_cp: number | null;
  readonly fr: string;
  readonly en: string | null;
}

/** One line of groups.jsonl. `sources[i]` is the outlet of `docs[i]`. */
export interface GroupRecord {
  readonly id: string;
  readonly docs: readonly string[];
  readonly sources: readonly (string | null)[];
  readonly members: readonly GroupMemberRecord[];
  readonly score: number;
  readonly story: string | null;
}

/** An entry of manifest.json `documents`. */
export interface ManifestDocument extends DocumentLabel {
  readonly id: string;
  readonly path: string;
  readonly segments: number;
  /** The length of the document's text in UTF-16 code units, the bound of its segments' offsets. */
  readonly chars: number;
  readonly url: string | null;
  readonly date: string | null;
  /** The document's language (src/lang/detect.ts); absent in manifests written before fralign detected languages. */
  readonly lang?: string;
}

/** Fields a reader may find null on disk that the in-memory types leave out instead (see parseJsonl). */
export const NULLABLE_IN_MEMORY = new Set(['reason', 'lang', 'en', 'en_flags', 'en_score', 'a_en', 'b_en', 'story']);

/** JSON.parse reviver: null-valued optional fields become absent, as the stages expect. */
export function absentWhenNull(key: string, value: unknown): unknown {
  return value === null && NULLABLE_IN_MEMORY.has(key) ? undefined : value;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function documentLabel(meta: DocumentMeta): DocumentLabel {
  return { source: text(meta.source), title: text(meta.title) };
}

export function manifestDocument(doc: Document, segments: number, lang?: string): ManifestDocument {
  return { id: doc.id, path: doc.path, segments, chars: doc.text.length, ...documentLabel(doc.meta), url: text(doc.meta.url), date: text(doc.meta.date), ...(lang === undefined ? {} : { lang }) };
}

/**
 * Maps UTF-16 offsets of `value` to code-point offsets (an astral character such as an emoji is two
 * UTF-16 units but one code point, one Python `str` index).
 */
export function codePointOffsets(value: string): (utf16: number) => number {
  const table = new Int32Array(value.length + 1);
  let cp = 0;
  for (let i = 0; i < value.length; i++, cp++) {
    table[i] = cp;
    if (isHigh(value.charCodeAt(i)) && isLow(value.charCodeAt(i + 1))) table[++i] = cp;
  }
  table[value.length] = cp;
  return (utf16) => table[utf16] ?? cp;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Whatever a segment read back from disk carries beyond the in-memory type (labels, cp offsets). */
type CarriedSegment = Segment & Partial<Pick<SegmentRecord, 'start_cp' | 'end_cp' | 'source' | 'title'>>;

export function segmentRecord(segment: CarriedSegment, label?: DocumentLabel, cp?: (utf16: number) => number): SegmentRecord {
  return {
    id: segment.id,
    doc: segment.doc,
    index: segment.index,
    start: segment.start,
    end: segment.end,
    start_cp: cp ? cp(segment.start) : (segment.start_cp ?? null),
    end_cp: cp ? cp(segment.end) : (segment.end_cp ?? null),
    kind: segment.kind,
    reason: segment.reason ?? null,
    fr: segment.fr,
    lang: segment.lang ?? null,
    en: segment.en ?? null,
    en_flags: segment.en_flags ?? [],
    en_score: segment.en_score ?? null,
    source: label ? label.source : (segment.source ?? null),
    title: label ? label.title : (segment.title ?? null),
  };
}

/**
 * sentences.jsonl lines. With `documents` (the split stage) labels and code-point offsets come from
 * the documents; without (later stages rewriting the file) they are kept from the lines read.
 */
export function* segmentRecords(segments: Iterable<Segment>, documents?: readonly Document[]): Generator<SegmentRecord> {
  const byId = new Map(documents?.map((doc) => [doc.id, doc]));
  const offsets = new Map<string, (utf16: number) => number>();
  for (const segment of segments) {
    const doc = byId.get(segment.doc);
    if (!doc) {
      yield segmentRecord(segment);
      continue;
    }
    let cp = offsets.get(doc.id);
    if (!cp) offsets.set(doc.id, (cp = codePointOffsets(doc.text)));
    yield segmentRecord(segment, documentLabel(doc.meta), cp);
  }
}

/** What the pair and group lines look up about a segment by id (from the sentences.jsonl read). */
function segmentIndex(segments: Iterable<Segment>): Map<string, CarriedSegment> {
  return new Map([...segments].map((s) => [s.id, s as CarriedSegment]));
}

export function* pairRecords(pairs: Iterable<AlignmentPair>, segments: Iterable<Segment>): Generator<PairRecord> {
  const byId = segmentIndex(segments);
  for (const pair of pairs) {
    const a = byId.get(pair.a);
    const b = byId.get(pair.b);
    yield {
      a: pair.a,
      b: pair.b,
      a_doc: pair.a_doc,
      b_doc: pair.b_doc,
      a_source: a?.source ?? null,
      b_source: b?.source ?? null,
      a_title: a?.title ?? null,
      b_title: b?.title ?? null,
      a_start: pair.a_start,
      a_end: pair.a_end,
      b_start: pair.b_start,
      b_end: pair.b_end,
      a_start_cp: a?.start_cp ?? null,
      a_end_cp: a?.end_cp ?? null,
      b_start_cp: b?.start_cp ?? null,
      b_end_cp: b?.end_cp ?? null,
      a_fr: pair.a_fr,
      b_fr: pair.b_fr,
      a_en: pair.a_en ?? null,
      b_en: pair.b_en ?? null,
      score: pair.score,
      grade: pair.grade,
      signals: pair.signals,
      story: pair.story ?? null,
    };
  }
}

export function* groupRecords(groups: Iterable<FactGroup>, segments: Iterable<Segment>): Generator<GroupRecord> {
  const byId = segmentIndex(segments);
  const sourceOfDoc = new Map<string, string | null>();
  for (const segment of byId.values()) if (!sourceOfDoc.has(segment.doc)) sourceOfDoc.set(segment.doc, segment.source ?? null);
  for (const group of groups) {
    yield {
      id: group.id,
      docs: group.docs,
      sources: group.docs.map((doc) => sourceOfDoc.get(doc) ?? null),
      members: group.members.map((member) => {
        const segment = byId.get(member.id);
        return {
          id: member.id,
          doc: member.doc,
          source: segment?.source ?? null,
          title: segment?.title ?? null,
          start: member.start,
          end: member.end,
          start_cp: segment?.start_cp ?? null,
          end_cp: segment?.end_cp ?? null,
          fr: member.fr,
          en: member.en ?? null,
        };
      }),
      score: group.score,
      story: group.story ?? null,
    };
  }
}
