// Persistent translation cache: one append-only JSONL file per (model hash, generation settings),
// one line per source text. Appends are synchronous and whole-line, so `kill -9` loses at most the
// batch in flight and at worst leaves one torn last line, which loading drops and repairs.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import type { TranslationFlag } from '../types.ts';
import type { GenerationSettings } from './engine.ts';
import { roundScore } from './quality.ts';

export interface CachedTranslation {
  readonly en: string;
  readonly flags: readonly TranslationFlag[];
  /** Mean log-probability of the chosen tokens (absent from engines or cache lines without one). */
  readonly score?: number;
  /** Generated tokens behind `score` (weights pieces of a split sentence). */
  readonly tokens?: number;
}

interface CacheLine {
  readonly fr: string;
  readonly en: string;
  readonly flags?: readonly TranslationFlag[];
  readonly score?: number;
  readonly tokens?: number;
}

/** The cache key of everything that changes a model's output: model bytes, dtype and generation settings. */
export function cacheKey(modelHash: string, dtype: string, generation: GenerationSettings): string {
  // beams only when not greedy, so caches written before --beams existed stay valid for greedy runs.
  const beams = generation.beams ?? 1;
  const settings = JSON.stringify({ dtype, lengthCap: generation.lengthCap, forceSteps: generation.forceSteps ?? null, ...(beams === 1 ? {} : { beams }) });
  return createHash('sha256').update(`${modelHash}\0${settings}`).digest('hex').slice(0, 24);
}

export class TranslationCache {
  private readonly entries = new Map<string, CachedTranslation>();

  private constructor(readonly file: string | undefined) {}

  /** A cache that only lives in memory (dedupe within one run). */
  static inMemory(): TranslationCache {
    return new TranslationCache(undefined);
  }

  /** Opens (creating) `<dir>/translations-<key>.jsonl`, loading what earlier runs stored. */
  static open(dir: string, key: string): TranslationCache {
    mkdirSync(dir, { recursive: true });
    const cache = new TranslationCache(path.join(dir, `translations-${key}.jsonl`));
    cache.load();
    return cache;
  }

  private load(): void {
    if (!this.file || !existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    // A run killed mid-append leaves a torn last line: keep everything up to the last newline.
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) truncateSync(this.file, Buffer.byteLength(text.slice(0, complete)));
    for (const line of text.slice(0, complete).split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as CacheLine;
        if (typeof entry.fr === 'string' && typeof entry.en === 'string') {
          this.entries.set(entry.fr, {
            en: entry.en,
            flags: entry.flags ?? [],
            ...(typeof entry.score === 'number' ? { score: entry.score } : {}),
            ...(typeof entry.tokens === 'number' ? { tokens: entry.tokens } : {}),
          });
        }
      } catch {
        // A corrupt line is a lost cache entry, not lost data: that sentence is translated again.
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(fr: string): CachedTranslation | undefined {
    return this.entries.get(fr);
  }

  /** Stores a batch and appends it to disk in one write. */
  addAll(items: readonly (readonly [fr: string, translation: CachedTranslation])[]): void {
    let lines = '';
    for (const [fr, translation] of items) {
      if (this.entries.has(fr)) continue;
      // Only these fields: an engine's output also carries token ids, which the cache does not keep.
      const scored = { ...(translation.score === undefined ? {} : { score: roundScore(translation.score) }), ...(translation.tokens === undefined ? {} : { tokens: translation.tokens }) };
      this.entries.set(fr, { en: translation.en, flags: translation.flags, ...scored });
      const line: CacheLine = { fr, en: translation.en, ...(translation.flags.length > 0 ? { flags: translation.flags } : {}), ...scored };
      lines += `${JSON.stringify(line)}\n`;
    }
    if (this.file && lines) {
      try {
        appendFileSync(this.file, lines);
      } catch (error) {
        // A torn line from a failed append is dropped and repaired by load(), like after kill -9.
        throw new FralignError('WRITE_FAILED', `${this.file}: cannot append to the translation cache (${(error as Error).message}); translations finished so far are kept; free some space and run the same command again`, { cause: error });
      }
    }
  }
}
