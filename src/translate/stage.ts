// The translate stage over plain segments: choose what to translate, split what is too long, dedupe,
// skip what the cache knows, batch the rest by length for the engine, and put the English back in
// input order. Nothing is dropped: every selected non-empty segment gets `en`.
import PQueue from 'p-queue';
import { FralignError } from '../errors.ts';
import type { Segment, SegmentKind, TranslationFlag } from '../types.ts';
import { TranslationCache, type CachedTranslation } from './cache.ts';
import type { TranslationOutput, Translator } from './engine.ts';
import { checkTranslation } from './checks.ts';
import { roundScore } from './quality.ts';
import { splitToFit } from './split-long.ts';

export const DEFAULT_BATCH_SIZE = 16;

export interface TranslateProgress {
  /** Distinct source texts (sentence pieces) finished, cache hits included. */
  readonly done: number;
  readonly total: number;
  /** Of `done`, how many came from the cache. */
  readonly cached: number;
  /**
   * Source tokens of the sentences the model has to translate, and of those finished. Batches run
   * shortest first, so sentences/s climbs as a run goes on and an ETA must come from tokens.
   */
  readonly modelTokensDone: number;
  readonly modelTokensTotal: number;
}

export interface TranslateSegmentsOptions {
  readonly translator: Translator;
  /** Default: an in-memory cache (dedupe within this call only). */
  readonly cache?: TranslationCache;
  /** Sentences per model batch. Default DEFAULT_BATCH_SIZE (16). */
  readonly batchSize?: number;
  /** Also translate boilerplate segments. Default false (body and title only). */
  readonly includeBoilerplate?: boolean;
  readonly onProgress?: (progress: TranslateProgress) => void;
  /** Stops after the batches in flight; what finished is in the cache. */
  readonly signal?: AbortSignal;
  /**
   * Which source texts this process may send to the model (`--shard`: its share of the sentence
   * hashes). Others are served from the cache when there; a segment with a piece in neither is left
   * without `en` (counted in `other_shard_segments`). Default: all.
   */
  readonly translates?: (source: string) => boolean;
}

export interface TranslateStats {
  /** Segments that received a translation. */
  readonly translated_segments: number;
  /** Distinct source texts (after splitting), and how they were served. */
  readonly unique_sources: number;
  readonly cache_hits: number;
  readonly model_sources: number;
  readonly split_segments: number;
  readonly length_capped_segments: number;
  /** With `translates` (--shard): segments left untranslated because a piece belongs to another shard. */
  readonly other_shard_segments?: number;
  /** Segments whose translation (or a piece of it) looped. */
  readonly repeat_segments: number;
  /** English segments copied to `en` (flag source-en), and segments in other languages left without `en` (source-other). */
  readonly source_en_segments: number;
  readonly source_other_segments: number;
  /** Segments each translation check flagged (src/translate/checks.ts). */
  readonly checks: Readonly<Record<string, number>>;
}

/** Whitespace inside a sentence (line breaks in the source) means nothing to the model; one key per text. */
export function normaliseSource(fr: string): string {
  return fr.replace(/\s+/gu, ' ').trim();
}

/** Selected for the translate stage (whatever its language). */
function isSelected(segment: Segment, includeBoilerplate: boolean): boolean {
  const kinds: readonly SegmentKind[] = includeBoilerplate ? ['body', 'title', 'boilerplate'] : ['body', 'title'];
  return kinds.includes(segment.kind) && normaliseSource(segment.fr) !== '';
}

/** French (or from a file written before languages were detected): sent through the fr→en model. */
const isFrench = (segment: Segment): boolean => segment.lang === undefined || segment.lang === 'fr';

export function isTranslatable(segment: Segment, includeBoilerplate: boolean): boolean {
  return isSelected(segment, includeBoilerplate) && isFrench(segment);
}

/**
 * A selected segment the detector found not French (docs/translation.md "Language"): English is
 * copied to `en` as it is (flag source-en); any other language keeps no `en` (flag source-other),
 * since an fr→en model turns German into confident nonsense.
 */
function notFrench(segment: Segment): Segment {
  const { en: _oldEn, en_flags: _oldFlags, en_score: _oldScore, ...rest } = segment;
  return segment.lang === 'en' ? { ...rest, en: normaliseSource(segment.fr), en_flags: ['source-en'] } : { ...rest, en_flags: ['source-other'] };
}

/** Source pieces of one segment: one piece, or several when it is longer than the model accepts. */
function piecesOf(fr: string, translator: Translator): string[] {
  const source = normaliseSource(fr);
  return splitToFit(source, translator.maxSourceTokens, (text) => translator.countTokens(text.trim()))
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

function withTranslation(segment: Segment, en: string, flags: readonly TranslationFlag[], score: number | undefined): Segment {
  // Rebuilt rather than spread so keys keep one order whether or not the input was translated before.
  const { en: _oldEn, en_flags: _oldFlags, en_score: _oldScore, ...rest } = segment;
  return { ...rest, en, ...(flags.length > 0 ? { en_flags: flags } : {}), ...(score === undefined ? {} : { en_score: score }) };
}

/** Token-weighted mean of the pieces' scores; undefined when a piece has none (reference engine, old cache). */
function combinedScore(pieces: readonly CachedTranslation[]): number | undefined {
  if (pieces.some((p) => p.score === undefined)) return undefined;
  const weights = pieces.map((p) => Math.max(1, p.tokens ?? 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return roundScore(pieces.reduce((sum, p, i) => sum + (p.score as number) * (weights[i] as number), 0) / total);
}

/** `translateSegmentsWithStats` without the stats. */
export async function translateSegments(segments: readonly Segment[], options: TranslateSegmentsOptions): Promise<Segment[]> {
  return (await translateSegmentsWithStats(segments, options)).segments;
}

export async function translateSegmentsWithStats(
  segments: readonly Segment[],
  options: TranslateSegmentsOptions,
): Promise<{ segments: Segment[]; stats: TranslateStats }> {
  const { translator } = options;
  const cache = options.cache ?? TranslationCache.inMemory();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new FralignError('USAGE', `batch size must be a positive integer, got ${batchSize}`);
  const includeBoilerplate = options.includeBoilerplate ?? false;

  const plan = segments.map((segment) => (isTranslatable(segment, includeBoilerplate) ? piecesOf(segment.fr, translator) : undefined));
  const unique = [...new Set(plan.flatMap((pieces) => pieces ?? []))];
  const translates = options.translates ?? (() => true);
  const missing = unique.filter((source) => cache.get(source) === undefined && translates(source));
  const cached = options.translates ? unique.filter((source) => cache.get(source) !== undefined).length : unique.length - missing.length;

  // Length buckets: similar lengths share a batch, so little compute goes to padding; batches are
  // filled within one engine batch key (Translator.batchKey), so the engine never has to split one.
  const lengths = new Map(missing.map((source) => [source, translator.countTokens(source)]));
  const ordered = [...missing].sort((a, b) => (lengths.get(a) as number) - (lengths.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));
  const keyOf = (source: string): number => translator.batchKey?.(lengths.get(source) as number) ?? 0;
  const batches: string[][] = [];
  for (const source of ordered) {
    const last = batches.at(-1);
    if (last && last.length < batchSize && keyOf(last[0] as string) === keyOf(source)) last.push(source);
    else batches.push([source]);
  }

  let done = cached;
  const modelTokensTotal = missing.reduce((sum, source) => sum + (lengths.get(source) as number), 0);
  let modelTokensDone = 0;
  const report = (): void => options.onProgress?.({ done, total: cached + missing.length, cached, modelTokensDone, modelTokensTotal });
  report();
  const queue = new PQueue({ concurrency: translator.parallelism });
  // The first failure (a cache append on a full disk, a decode error) stops new batches, and is
  // thrown only once the batches in flight have settled: closing the translator while a worker
  // is inside onnxruntime aborted the process (`terminate called after throwing 'Napi::Error'`).
  let failure: { error: unknown } | undefined;
  await Promise.all(
    batches.map((batch) =>
      queue.add(async () => {
        // Queued batches turn into no-ops once aborted (p-queue's clear() would leave their promises pending).
        if (options.signal?.aborted || failure) return;
        try {
          await translateBatch(batch);
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (failure) throw failure.error;
  async function translateBatch(batch: string[]): Promise<void> {
    const outputs = await translator.translate(batch);
    cache.addAll(
      batch.map((source, i) => {
        const output = outputs[i] as TranslationOutput;
        const entry: CachedTranslation = { en: output.en, flags: output.flags, ...(output.score === undefined ? {} : { score: output.score, tokens: output.tokenIds.length }) };
        return [source, entry] as const;
      }),
    );
    done += batch.length;
    modelTokensDone += batch.reduce((sum, source) => sum + (lengths.get(source) as number), 0);
    report();
  }
  if (options.signal?.aborted) {
    throw new FralignError(
      'INTERRUPTED',
      `translation interrupted after ${done} of ${unique.length} distinct sentences; ` +
        `finished ones are saved${cache.file ? ` in ${cache.file}` : ''} — run the same command again to resume`,
    );
  }

  let translatedSegments = 0;
  let splitSegments = 0;
  let cappedSegments = 0;
  let otherShardSegments = 0;
  let repeatSegments = 0;
  let sourceEn = 0;
  let sourceOther = 0;
  const checks: Record<string, number> = {};
  const result = segments.map((segment, index) => {
    const pieces = plan[index];
    if (pieces === undefined) {
      if (!isSelected(segment, includeBoilerplate) || isFrench(segment)) return segment;
      if (segment.lang === 'en') sourceEn++;
      else sourceOther++;
      return notFrench(segment);
    }
    if (options.translates && pieces.some((piece) => cache.get(piece) === undefined)) {
      otherShardSegments++;
      return segment;
    }
    const translations = pieces.map((piece) => {
      const translation = cache.get(piece);
      if (!translation) throw new Error(`internal: no translation for a planned piece of ${segment.id}`);
      return translation;
    });
    const flags: TranslationFlag[] = [];
    if (translations.some((t) => t.flags.includes('length-cap'))) flags.push('length-cap');
    if (pieces.length > 1) flags.push('split');
    if (translations.some((t) => t.flags.includes('repeat'))) flags.push('repeat');
    translatedSegments++;
    if (pieces.length > 1) splitSegments++;
    if (flags.includes('length-cap')) cappedSegments++;
    if (flags.includes('repeat')) repeatSegments++;
    const en = translations.map((t) => t.en).join(' ');
    for (const flag of checkTranslation(normaliseSource(segment.fr), en)) {
      flags.push(flag);
      checks[flag] = (checks[flag] ?? 0) + 1;
    }
    return withTranslation(segment, en, flags, combinedScore(translations));
  });
  return {
    segments: result,
    stats: {
      translated_segments: translatedSegments,
      unique_sources: unique.length,
      cache_hits: cached,
      model_sources: missing.length,
      split_segments: splitSegments,
      length_capped_segments: cappedSegments,
      ...(options.translates ? { other_shard_segments: otherShardSegments } : {}),
      repeat_segments: repeatSegments,
      source_en_segments: sourceEn,
      source_other_segments: sourceOther,
      checks,
    },
  };
}
