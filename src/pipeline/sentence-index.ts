// One streaming pass over DIR/sentences.jsonl: every line checked, and for each document the byte
// ranges of its lines, so later passes read one story's documents without holding the corpus.
import { FralignError } from '../errors.ts';
import { outputPath } from '../output/index.ts';
import { readJsonlLines, readJsonlRanges } from '../output/jsonl-stream.ts';
import type { Segment } from '../types.ts';

export interface SentenceIndex {
  readonly file: string;
  /** Document id → byte ranges of its lines (merged when adjacent), in file order. */
  readonly ranges: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  readonly segments: number;
}

/** Streams the file once; `onSegment` sees every segment in file order. */
export async function indexSentences(
  outDir: string,
  onSegment?: (segment: Segment) => void,
  /** An extra check of each line (e.g. offsets against the document lengths): a problem text fails the run at that line. */
  check?: (line: unknown) => string | undefined,
): Promise<SentenceIndex> {
  const file = outputPath(outDir, 'sentences');
  const ranges = new Map<string, [number, number][]>();
  let segments = 0;
  for await (const line of readJsonlLines<unknown>(file, `run \`fralign split <articles> --out ${outDir}\` first`)) {
    const segment = checkSegment(line.value, `${file}:${line.line}`);
    const problem = check?.(line.value);
    if (problem !== undefined) {
      throw new FralignError('OUTPUT', `${file}:${line.line}: expected ${problem}; rerun \`fralign split\` to regenerate it`);
    }
    segments++;
    const list = ranges.get(segment.doc);
    const last = list?.[list.length - 1];
    if (last && last[0] + last[1] === line.offset) last[1] += line.bytes;
    else if (list) list.push([line.offset, line.bytes]);
    else ranges.set(segment.doc, [[line.offset, line.bytes]]);
    onSegment?.(segment);
  }
  return { file, ranges, segments };
}

/** The segments of some documents, read by byte range (each line checked again). */
export async function readDocuments(index: SentenceIndex, docs: readonly string[]): Promise<Segment[]> {
  const ranges = docs.flatMap((doc) => index.ranges.get(doc) ?? []).sort((x, y) => x[0] - y[0]);
  const values = await readJsonlRanges<unknown>(index.file, ranges);
  return values.map((value) => checkSegment(value, index.file));
}

/** A line of sentences.jsonl must carry the Segment fields the later stages read. */
export function checkSegment(record: unknown, where: string): Segment {
  const s = record as Partial<Segment> | null;
  const ok =
    typeof s === 'object' && s !== null &&
    typeof s.id === 'string' && typeof s.doc === 'string' && typeof s.fr === 'string' &&
    Number.isInteger(s.index) && Number.isInteger(s.start) && Number.isInteger(s.end) &&
    (s.kind === 'body' || s.kind === 'title' || s.kind === 'boilerplate');
  if (!ok) {
    const got = JSON.stringify(record)?.slice(0, 80) ?? String(record);
    throw new FralignError('OUTPUT', `${where}: expected a segment {id, doc, index, start, end, kind, fr}, got ${got}; rerun \`fralign split\``);
  }
  return s as Segment;
}
