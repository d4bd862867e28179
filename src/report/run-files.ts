// The report's ReportSource over a run folder's files, for runs of any size: one streaming pass over
// each JSONL file checks every line and notes the byte ranges of each story's lines; each story is
// then read back by range when its page is written. What stays in memory is per document or per
// story (ids, byte ranges, metadata), never per sentence or per pair.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { FralignError } from '../errors.ts';
import { readCheckedManifest, readOptionalStories, RUN_FILES, runFileHint } from '../inspect/load.ts';
import { readJsonlLines } from '../output/jsonl-stream.ts';
import { absentWhenNull } from '../output/records.ts';
import { checkGroup, checkPair, checkSegment, type LineCheck } from '../output/read-jsonl.ts';
import { indexSentences } from '../pipeline/sentence-index.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../types.ts';
import { runContext, storyList, type PairRef } from './model.ts';
import type { ReportSource } from './page.ts';

export interface RunFilesOptions {
  /** Keep pairs whose score is at least this. Default: every pair. */
  readonly minScore?: number;
}

type Ranges = [number, number][];

/** Opens DIR for the report: checks every line of its files and indexes them by story. */
export async function runFilesSource(dir: string, options: RunFilesOptions = {}): Promise<ReportSource> {
  const manifest = await readCheckedManifest(dir);
  const sentences = await indexSentences(dir, undefined, (line) => checkSegment(asRead(line)));
  const stories = await readOptionalStories(dir);
  const storyOfDoc = new Map<string, string>();
  for (const story of stories ?? []) for (const doc of story.docs) if (!storyOfDoc.has(doc)) storyOfDoc.set(doc, story.story);
  const known = new Set(sentences.ranges.keys());
  const pairs = await indexByStory(dir, RUN_FILES.alignments, checkPair, (line) => {
    const pair = line as AlignmentPair;
    known.add(pair.a_doc).add(pair.b_doc);
    return typeof pair.story === 'string' ? pair.story : storyOfDoc.get(pair.a_doc);
  });
  const groups = await indexByStory(dir, RUN_FILES.groups, checkGroup, (line) => {
    const group = line as FactGroup;
    for (const doc of group.docs) known.add(doc);
    return typeof group.story === 'string' ? group.story : storyOfDoc.get(group.docs[0]!);
  });
  const docs = [...known].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const pairsFile = join(dir, RUN_FILES.alignments.name);
  const groupsFile = join(dir, RUN_FILES.groups.name);
  return {
    dir,
    segments: sentences.segments,
    stories: storyList(stories, docs),
    context: runContext(docs, manifest),
    read: async (story: Story) => {
      const ranges = story.docs.flatMap((doc) => sentences.ranges.get(doc) ?? []).sort((x, y) => x[0] - y[0]);
      const storyPairs: PairRef[] = [];
      for await (const pair of readRanges<AlignmentPair>(pairsFile, pairs.get(story.story) ?? [])) {
        if (options.minScore === undefined || pair.score >= options.minScore) storyPairs.push(keptFields(pair));
      }
      const storyGroups: FactGroup[] = [];
      for await (const group of readRanges<FactGroup>(groupsFile, groups.get(story.story) ?? [])) storyGroups.push(group);
      const segments: Segment[] = [];
      for await (const segment of readRanges<Segment>(sentences.file, ranges)) segments.push(segment);
      return { segments, pairs: storyPairs, groups: storyGroups };
    },
  };
}

/** A line as the readers see it: null-valued optional fields absent (records.ts absentWhenNull). */
function asRead(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRead);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const kept = absentWhenNull(key, asRead(field));
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * The fields of a pair the report reads (both sentences' texts are in sentences.jsonl): a story of a
 * thousand versions has millions of pairs, and their texts would be gigabytes.
 */
function keptFields(pair: AlignmentPair): PairRef {
  const { a, b, a_doc, b_doc, score, grade } = pair;
  return { a, b, a_doc, b_doc, score, grade };
}

const CHUNK_BYTES = 1 << 23;

/**
 * The JSONL values in some byte ranges of a file (ranges sorted, each whole lines), read in chunks
 * of at most 8 MiB, so a story whose lines take gigabytes is never one buffer or one string.
 */
async function* readRanges<T>(file: string, ranges: readonly (readonly [number, number])[]): AsyncGenerator<T> {
  if (ranges.length === 0) return;
  const handle = await open(file, 'r');
  try {
    for (const [offset, bytes] of ranges) {
      let rest = Buffer.alloc(0);
      for (let done = 0; done < bytes; ) {
        const size = Math.min(CHUNK_BYTES, bytes - done);
        const piece = Buffer.alloc(size);
        const { bytesRead } = await handle.read(piece, 0, size, offset + done);
        if (bytesRead === 0) throw new FralignError('OUTPUT', `${file}: shorter than when it was indexed (changed during the report); run the report again`);
        done += bytesRead;
        const buffer = rest.length > 0 ? Buffer.concat([rest, piece.subarray(0, bytesRead)]) : piece.subarray(0, bytesRead);
        const last = done < bytes ? buffer.lastIndexOf(10) : buffer.length;
        if (last === -1) {
          rest = buffer;
          continue;
        }
        for (const text of buffer.subarray(0, last).toString('utf8').split('\n')) {
          if (text.trim() !== '') yield JSON.parse(text, absentWhenNull) as T;
        }
        rest = Buffer.from(buffer.subarray(last + 1));
      }
    }
  } finally {
    await handle.close();
  }
}

/**
 * One pass over a JSONL file: each line checked (a bad one fails with file:line), and the byte ranges
 * of each story's lines (adjacent lines merged, so a file written story by story holds one range per
 * story). Lines of no known story are left out, as the in-memory report leaves them out.
 */
async function indexByStory(
  dir: string,
  file: { name: string; madeBy: string },
  check: LineCheck,
  storyOf: (line: unknown) => string | undefined,
): Promise<Map<string, Ranges>> {
  const path = join(dir, file.name);
  const ranges = new Map<string, Ranges>();
  for await (const line of readJsonlLines<unknown>(path, runFileHint(dir, file))) {
    const problem = check(asRead(line.value));
    if (problem !== undefined) {
      throw new FralignError('OUTPUT', `${path}:${line.line}: expected ${problem}; regenerate the folder with the command that wrote it`);
    }
    const story = storyOf(line.value);
    if (story === undefined) continue;
    const list = ranges.get(story);
    const last = list?.[list.length - 1];
    if (last && last[0] + last[1] === line.offset) last[1] += line.bytes;
    else if (list) list.push([line.offset, line.bytes]);
    else ranges.set(story, [[line.offset, line.bytes]]);
  }
  return ranges;
}
