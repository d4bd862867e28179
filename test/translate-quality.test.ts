// Per-sentence signals from the decoding loop: the looping flag (`repeat`) and the confidence score
// (`en_score`), and how the stage carries them (cache, split sentences, progress in tokens).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../src/translate/cache.ts';
import { outputFlags, type TranslationOutput, type Translator } from '../src/translate/engine.ts';
import { isLooping, roundScore } from '../src/translate/quality.ts';
import { translateSegments, translateSegmentsWithStats, type TranslateProgress } from '../src/translate/stage.ts';
import type { Segment } from '../src/types.ts';
import { segmentRecords } from '../src/output/records.ts';
import { schemaErrors } from './helpers/schemas.ts';

describe('isLooping', () => {
  it.each([
    ['a normal sentence', [5, 6, 7, 8, 9, 10, 11, 12], false],
    ['one piece six times in a row', [5, 9, 9, 9, 9, 9, 9], true],
    ['one piece five times (an emphatic "no no no no no")', [9, 9, 9, 9, 9, 4], false],
    ['a bigram three times', [1, 2, 3, 2, 3, 2, 3], true],
    ['a bigram twice', [1, 2, 3, 2, 3, 4], false],
    ['a 4-gram three times after a real start', [7, 8, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4], true],
    ['a 9-gram three times (longer units are not checked)', [...Array(3)].flatMap(() => [1, 2, 3, 4, 5, 6, 7, 8, 9]), false],
    ['the random benchmark model: one piece to the cap', Array(32).fill(47120), true],
    ['empty', [], false],
  ])('%s → %s', (_name, tokens, expected) => {
    expect(isLooping(tokens)).toBe(expected);
  });

  it('becomes the repeat flag next to length-cap', () => {
    expect(outputFlags(Array(20).fill(3), true)).toEqual(['length-cap', 'repeat']);
    expect(outputFlags([1, 2, 3], false)).toEqual([]);
  });
});

describe('roundScore', () => {
  it.each([
    [-0.123456, -0.123],
    [-1e-9, 0],
    [0.0007, 0],
  ])('%f → %f (3 decimals, never above 0)', (score, expected) => {
    expect(roundScore(score)).toBe(expected);
  });
});

/** Score = -(number of words)/10, tokens = one per word; loops on 'encore'. */
function scoringTranslator(): Translator {
  return {
    name: 'scoring',
    maxSourceTokens: 6,
    parallelism: 1,
    countTokens: (text) => text.split(/\s+/u).filter(Boolean).length + 1,
    async translate(batch): Promise<TranslationOutput[]> {
      return batch.map((text) => {
        const tokenIds = text.includes('encore') ? Array(8).fill(1) : text.split(/\s+/u).map((_, i) => i + 2);
        return { en: text.toUpperCase(), flags: outputFlags(tokenIds, false), tokenIds, score: -tokenIds.length / 10 };
      });
    },
    async close() {},
  };
}

const seg = (index: number, fr: string): Segment => ({ id: `d:${index}`, doc: 'd', index, start: 0, end: fr.length, kind: 'body', fr });

describe('the stage carries score and repeat', () => {
  it('puts en_score and the repeat flag on segments, valid against the schema, and keeps them through the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fralign-q-'));
    const input = [seg(0, 'une phrase'), seg(1, 'encore encore')];
    const first = await translateSegments(input, { translator: scoringTranslator(), cache: TranslationCache.open(dir, 'k') });
    expect(first.map((s) => [s.en_score, s.en_flags])).toEqual([[-0.2, undefined], [-0.8, ['repeat']]]);
    expect(schemaErrors('segment', [...segmentRecords(first)])).toEqual([]);
    const cachedOnly: Translator = { ...scoringTranslator(), translate: () => Promise.reject(new Error('cache should answer')) };
    const again = await translateSegments(input, { translator: cachedOnly, cache: TranslationCache.open(dir, 'k') });
    expect(again).toEqual(first);
  });

  it('scores a split sentence as the token-weighted mean of its pieces', async () => {
    // maxSourceTokens 6: split at the comma into 'a b c d e,' (5 words) and 'f' (1 word).
    const [out] = await translateSegments([seg(0, 'a b c d e, f')], { translator: scoringTranslator() });
    expect(out?.en_flags).toEqual(['split']);
    expect(out?.en_score).toBe(roundScore((-0.5 * 5 + -0.1 * 1) / 6));
  });

  it('reports progress in source tokens of what the model translates (the ETA basis), cached sentences excluded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fralign-q-'));
    await translateSegments([seg(0, 'déjà là')], { translator: scoringTranslator(), cache: TranslationCache.open(dir, 'k') });
    const events: TranslateProgress[] = [];
    const input = [seg(0, 'déjà là'), seg(1, 'un'), seg(2, 'un deux trois quatre')];
    const { stats } = await translateSegmentsWithStats(input, { translator: scoringTranslator(), cache: TranslationCache.open(dir, 'k'), batchSize: 1, onProgress: (p) => events.push(p) });
    expect(stats.cache_hits).toBe(1);
    // 'un' = 2 tokens, 'un deux trois quatre' = 5 tokens (words + end token); shortest first.
    expect(events.map((e) => [e.done, e.modelTokensDone, e.modelTokensTotal])).toEqual([[1, 0, 7], [2, 2, 7], [3, 7, 7]]);
  });
});
