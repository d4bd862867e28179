// The align stage as a library call: DIR/sentences.jsonl → DIR/alignments.jsonl + DIR/groups.jsonl
// (+ the manifest's `align` section). I/O only; the alignment itself is alignSegments.
import { FralignError } from '../errors.ts';
import { checkSegmentSpan, documentLengths, markOutputsStale, sha256OfFile, outputPath, readJsonlFile, updateManifest, writeJsonlAtomic } from '../output/index.ts';
import type { Segment } from '../types.ts';
import { groupRecords, pairRecords } from '../output/records.ts';
import { alignSegments, resolveAlignOptions, type AlignmentResult, type AlignOptions } from './index.ts';

export interface AlignStageResult extends AlignmentResult {
  readonly segments: number;
  readonly documents: number;
  readonly ms: number;
}

export async function runAlignStage(outDir: string, options: AlignOptions = {}): Promise<AlignStageResult> {
  const started = performance.now();
  const file = outputPath(outDir, 'sentences');
  const lengths = await documentLengths(outDir);
  const records = await readJsonlFile<unknown>(file, `run \`fralign split <articles> --out ${outDir}\` first`, (line) => checkSegmentSpan(line, lengths));
  const segments = records.map((record, n) => checkSegment(record, `${file}:${n + 1}`));
  const result = alignSegments(segments, options);
  const inputs = { 'sentences.jsonl': await sha256OfFile(file) };
  await markOutputsStale(outDir, 'align');
  await writeJsonlAtomic(outputPath(outDir, 'alignments'), pairRecords(result.pairs, segments));
  await writeJsonlAtomic(outputPath(outDir, 'groups'), groupRecords(result.groups, segments));
  const documents = new Set(segments.map((s) => s.doc)).size;
  const ms = Math.round(performance.now() - started);
  const resolved = resolveAlignOptions(options);
  await updateManifest(outDir, {
    stages: {
      align: {
        status: 'done',
        ms,
        options: { ...resolved, weights: { ...resolved.weights } },
        inputs,
        counts: {
          pairs: result.pairs.length,
          grade2: result.pairs.filter((p) => p.grade === 2).length,
          groups: result.groups.length,
          multi_document_groups: result.groups.filter((g) => g.docs.length > 1).length,
        },
      },
    },
  });
  return { ...result, segments: segments.length, documents, ms };
}

/** A line of sentences.jsonl must carry the Segment fields the aligner reads. */
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
