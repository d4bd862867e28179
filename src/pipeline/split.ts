// The split stage as a library call: inputs → documents → segments → DIR/sentences.jsonl + manifest.
import path from 'node:path';
import { isFralignError } from '../errors.ts';
import { labelLanguages, loadDetector } from '../lang/detect.ts';
import { ingest, noDocumentsError, type IngestOptions, type InputFile } from '../ingest/index.ts';
import { markOutputsStale, outputPath, updateManifest } from '../output/index.ts';
import { JsonlStreamWriter } from '../output/jsonl-stream.ts';
import { manifestDocument, segmentRecords } from '../output/records.ts';
import { segmentDocument } from '../segment/index.ts';
import type { Document, DocumentFailure, Segment, SegmentKind } from '../types.ts';
import { countBy } from './counts.ts';

export interface SplitResult {
  readonly documents: readonly Document[];
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
 * Reads the inputs, splits them one document at a time and streams DIR/sentences.jsonl (the
 * segments of the corpus are never all in memory), then writes the manifest's split section.
 */
export async function runSplitStage(inputs: readonly string[], outDir: string, options: IngestOptions = {}): Promise<SplitResult> {
  const started = performance.now();
  const ingested = await ingest(inputs, options);
  if (ingested.documents.length === 0) throw noDocumentsError(ingested.failures, outDir);
  const writer = await JsonlStreamWriter.create(outputPath(outDir, 'sentences'));
  const segmentFailures: DocumentFailure[] = [];
  const ok: Document[] = [];
  const perDoc = new Map<string, number>();
  const langs = new Map<string, string>();
  const segmentLanguages: Record<string, number> = {};
  const detect = await loadDetector();
  const kinds: Record<SegmentKind, number> = { body: 0, title: 0, boilerplate: 0 };
  const reasons: Record<string, number> = {};
  let total = 0;
  try {
    for (const doc of ingested.documents) {
      const { segments: split, failures } = segmentAll([doc]);
      segmentFailures.push(...failures);
      if (failures.length > 0) continue;
      const { lang, segments } = labelLanguages(split, detect);
      ok.push(doc);
      perDoc.set(doc.id, segments.length);
      langs.set(doc.id, lang);
      for (const segment of segmentRecords(segments, [doc])) {
        await writer.write(segment);
        total++;
        kinds[segment.kind]++;
        if (segment.lang !== null && segment.lang !== 'fr') segmentLanguages[segment.lang] = (segmentLanguages[segment.lang] ?? 0) + 1;
        if (segment.kind === 'boilerplate') reasons[segment.reason ?? 'unspecified'] = (reasons[segment.reason ?? 'unspecified'] ?? 0) + 1;
      }
    }
    if (ok.length === 0) throw noDocumentsError([...ingested.failures, ...segmentFailures], outDir);
    // Marked right before sentences.jsonl is replaced: every later stage's outputs are stale from here.
    await markOutputsStale(outDir, 'split');
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const failures = [...ingested.failures, ...segmentFailures];
  const languages = countBy([...langs.values()], (lang) => lang);
  const counts: SplitCounts = { documents: ok.length, segments: total, kinds, boilerplate_reasons: reasons, languages, segment_languages: segmentLanguages };
  await updateManifest(outDir, {
    command: process.argv.slice(2),
    inputs: ingested.files.map((file) => ({ ...file, path: recordedPath(outDir, file.path) })),
    documents: ok.map((doc) => {
      const record = manifestDocument(doc, perDoc.get(doc.id) ?? 0, langs.get(doc.id));
      return { ...record, path: recordedPath(outDir, record.path) };
    }),
    failures: failures.map((f) => ({ ...f, source: recordedPath(outDir, f.source) })),
    stages: { split: { status: 'done', ms: Math.round(performance.now() - started), counts: { ...counts, failed: failures.length } } },
  });
  return { documents: ok, files: ingested.files, failures, counts };
}

/**
 * A path as the manifest records it: as the user gave it when relative, relative to the run folder
 * when absolute, so a shared manifest carries no absolute local path (/home/…/corpus.jsonl →
 * ../corpus.jsonl). Standard input's name is kept.
 */
export function recordedPath(outDir: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(path.resolve(outDir), file) || '.' : file;
}
