// The split stage as a library call: inputs → documents → segments → DIR/sentences.jsonl + manifest.
import path from 'node:path';
import { isFralignError } from '../errors.ts';
import { labelLanguages, loadDetector, type Detect } from '../lang/detect.ts';
import { ingestDocuments, noDocumentsError, type IngestOptions, type InputFile } from '../ingest/index.ts';
import { markOutputsStale, outputPath, updateManifest } from '../output/index.ts';
import { JsonlStreamWriter } from '../output/jsonl-stream.ts';
import { manifestDocument, segmentRecords, type ManifestDocument } from '../output/records.ts';
import { segmentDocument } from '../segment/index.ts';
import type { Document, DocumentFailure, Segment, SegmentKind } from '../types.ts';
import { countBy } from './counts.ts';

export interface SplitResult {
  /** The manifest's record of each document split (id, path, segments, chars, labels, lang), as written; not its text. */
  readonly documents: readonly ManifestDocument[];
  readonly files: readonly InputFile[];
  readonly failures: readonly DocumentFailure[];
  readonly counts: SplitCounts;
}

export interface SplitCounts {
  readonly documents: number;
  readonly segments: number;
  readonly kinds: Readonly<Record<SegmentKind, number>>;
  readonly boilerplate_reasons: Readonly<Record<string, number>>;
  /** Documents per language (src/lang/detect.ts), e.g. { fr: 120, en: 2 }; absent from library callers of countSegments. */
  readonly languages?: Readonly<Record<string, number>>;
  /** Segments whose language differs from French, per language. */
  readonly segment_languages?: Readonly<Record<string, number>>;
}

/** Segments every document; a document the segmenter throws on becomes a failure, not a crash. */
export function segmentAll(documents: readonly Document[]): { segments: Segment[]; failures: DocumentFailure[]; ok: Document[] } {
  const segments: Segment[] = [];
  const failures: DocumentFailure[] = [];
  const ok: Document[] = [];
  for (const doc of documents) {
    try {
      // A loop, not push(...): a 10 MB article has hundreds of thousands of sentences, past the call-stack limit for spread arguments.
      for (const segment of segmentDocument(doc)) segments.push(segment);
      ok.push(doc);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ source: doc.path, code: isFralignError(error) ? error.code : 'SEGMENT', message: `${doc.path}: cannot split into sentences (${message})` });
    }
  }
  return { segments, failures, ok };
}

export function countSegments(documents: number, segments: readonly Segment[]): SplitCounts {
  const kinds = { body: 0, title: 0, boilerplate: 0, ...countBy(segments, (s) => s.kind) };
  return {
    documents,
    segments: segments.length,
    kinds,
    boilerplate_reasons: countBy(segments.filter((s) => s.kind === 'boilerplate'), (s) => s.reason ?? 'unspecified'),
  };
}

/**
 * Reads the inputs as a stream and splits them one document at a time into DIR/sentences.jsonl
 * (neither the corpus's text nor its segments are ever all in memory; what is kept per document is
 * its manifest record), then writes the manifest's split section. With no document to write, it
 * throws before anything in DIR is created or replaced.
 */
export async function runSplitStage(inputs: readonly string[], outDir: string, options: IngestOptions = {}): Promise<SplitResult> {
  const started = performance.now();
  const stream = ingestDocuments(inputs, options);
  // Made at the first document that splits, so a run with none leaves DIR as it was.
  let writer: JsonlStreamWriter | undefined;
  let detect: Detect | undefined;
  const segmentFailures: DocumentFailure[] = [];
  const documents: ManifestDocument[] = [];
  const languages: Record<string, number> = {};
  const segmentLanguages: Record<string, number> = {};
  const kinds: Record<SegmentKind, number> = { body: 0, title: 0, boilerplate: 0 };
  const reasons: Record<string, number> = {};
  let total = 0;
  try {
    for await (const doc of stream.documents) {
      const { segments: split, failures } = segmentAll([doc]);
      segmentFailures.push(...failures);
      if (failures.length > 0) continue;
      detect ??= await loadDetector();
      writer ??= await JsonlStreamWriter.create(outputPath(outDir, 'sentences'));
      const { lang, segments } = labelLanguages(split, detect);
      const record = manifestDocument(doc, segments.length, lang);
      documents.push({ ...record, path: recordedPath(outDir, record.path) });
      languages[lang] = (languages[lang] ?? 0) + 1;
      for (const segment of segmentRecords(segments, [doc])) {
        await writer.write(segment);
        total++;
        kinds[segment.kind]++;
        if (segment.lang !== null && segment.lang !== 'fr') segmentLanguages[segment.lang] = (segmentLanguages[segment.lang] ?? 0) + 1;
        if (segment.kind === 'boilerplate') reasons[segment.reason ?? 'unspecified'] = (reasons[segment.reason ?? 'unspecified'] ?? 0) + 1;
      }
    }
    if (writer === undefined) throw noDocumentsError([...stream.failures, ...segmentFailures], outDir);
    // Marked right before sentences.jsonl is replaced: every later stage's outputs are stale from here.
    await markOutputsStale(outDir, 'split');
    await writer.finish();
  } catch (error) {
    await writer?.abort();
    throw error;
  }
  // Reading failures first, then the documents the segmenter refused, as the manifest always listed them.
  const failures = [...stream.failures, ...segmentFailures];
  const counts: SplitCounts = { documents: documents.length, segments: total, kinds, boilerplate_reasons: reasons, languages, segment_languages: segmentLanguages };
  await updateManifest(outDir, {
    command: process.argv.slice(2),
    inputs: stream.files.map((file) => ({ ...file, path: recordedPath(outDir, file.path) })),
    documents,
    failures: failures.map((f) => ({ ...f, source: recordedPath(outDir, f.source) })),
    stages: { split: { status: 'done', ms: Math.round(performance.now() - started), counts: { ...counts, failed: failures.length } } },
  });
  return { documents, files: stream.files, failures, counts };
}

/**
 * A path as the manifest records it: as the user gave it when relative, relative to the run folder
 * when absolute, so a shared manifest carries no absolute local path (/home/…/corpus.jsonl →
 * ../corpus.jsonl). Standard input's name is kept.
 */
export function recordedPath(outDir: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(path.resolve(outDir), file) || '.' : file;
}
