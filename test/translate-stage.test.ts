// The stage's bookkeeping with a fake engine (no model): selection, order, dedupe, cache, splitting,
// flags, interruption. The model-backed behaviour is in translate-model.test.ts.
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, TranslationCache } from '../src/translate/cache.ts';
import { DEFAULT_LENGTH_CAP, maxNewTokens, type TranslationOutput, type Translator } from '../src/translate/engine.ts';
import { splitToFit } from '../src/translate/split-long.ts';
import { translateSegments, translateSegmentsWithStats } from '../src/translate/stage.ts';
import type { Segment, SegmentKind } from '../src/types.ts';

const words = (text: string): number => text.split(/\s+/u).filter(Boolean).length + 1;

/** Uppercases its input; records every text it was asked to translate. */
function fakeTranslator(maxSourceTokens = 50): Translator & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: 'fake',
    maxSourceTokens,
    parallelism: 2,
    calls,
    countTokens: words,
    async translate(batch): Promise<TranslationOutput[]> {
      calls.push([...batch]);
      return batch.map((text) => ({ en: text.toUpperCase(), flags: text.includes('boucle') ? ['length-cap'] : [], tokenIds: [] }));
    },
    async close() {},
  };
}

function seg(doc: string, index: number, fr: string, kind: SegmentKind = 'body'): Segment {
  return { id: `${doc}:${index}`, doc, index, start: 0, end: fr.length, kind, fr };
}

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'fralign-tr-'));

describe('translateSegments', () => {
  it('fills en for body and title, keeps order, leaves boilerplate and empty segments alone', async () => {
    const input = [seg('a', 0, 'Titre', 'title'), seg('a', 1, 'LIRE AUSSI', 'boilerplate'), seg('a', 2, '  '), seg('a', 3, 'Une phrase.')];
    const out = await translateSegments(input, { translator: fakeTranslator() });
    expect(out.map((s) => s.en)).toEqual(['TITRE', undefined, undefined, 'UNE PHRASE.']);
    expect(out[1]).toBe(input[1]);
    const withBoilerplate = await translateSegments(input, { translator: fakeTranslator(), includeBoilerplate: true });
    expect(withBoilerplate[1]?.en).toBe('LIRE AUSSI');
  });

  it('translates identical sentences once, in length-sorted batches of the given size', async () => {
    const translator = fakeTranslator();
    const input = [seg('a', 0, 'un deux trois'), seg('b', 0, 'un'), seg('c', 0, 'un deux trois'), seg('c', 1, 'un  deux\ntrois'), seg('d', 0, 'un deux')];
    const { segments, stats } = await translateSegmentsWithStats(input, { translator, batchSize: 2 });
    expect(translator.calls).toEqual([['un', 'un deux'], ['un deux trois']]);
    expect(segments.map((s) => s.en)).toEqual(['UN DEUX TROIS', 'UN', 'UN DEUX TROIS', 'UN DEUX TROIS', 'UN DEUX']);
    expect(stats).toMatchObject({ translated_segments: 5, unique_sources: 3, model_sources: 3, cache_hits: 0 });
  });

  it('fills each batch within one engine batch key, so the engine never gets rows of different padded lengths', async () => {
    const translator = { ...fakeTranslator(), batchKey: (tokens: number) => Math.ceil(tokens / 2) * 2 };
    // 2, 3, 3, 4, 4, 4 and 5 tokens: keys 2, 4, 4, 4, 4, 4, 6.
    const texts = ['a', 'a b', 'c d', 'a b c', 'd e f', 'g h i', 'a b c d'];
    await translateSegments(texts.map((fr, i) => seg('a', i, fr)), { translator, batchSize: 3 });
    expect(translator.calls).toEqual([['a'], ['a b', 'c d', 'a b c'], ['d e f', 'g h i'], ['a b c d']]);
  });

  it('makes no model call for sentences a persistent cache knows, even reordered in another run', async () => {
    const dir = tmp();
    const key = cacheKey('hash', 'fp32', { lengthCap: DEFAULT_LENGTH_CAP });
    const input = [seg('a', 0, 'premier'), seg('a', 1, 'deuxième phrase'), seg('a', 2, 'troisième')];
    const first = fakeTranslator();
    const out1 = await translateSegments(input, { translator: first, cache: TranslationCache.open(dir, key) });
    expect(first.calls.flat()).toHaveLength(3);

    const second = fakeTranslator();
    const reordered = [input[2], seg('b', 0, 'nouvelle'), input[0], input[1]] as Segment[];
    const { segments: out2, stats } = await translateSegmentsWithStats(reordered, { translator: second, cache: TranslationCache.open(dir, key) });
    expect(second.calls).toEqual([['nouvelle']]);
    expect(stats.cache_hits).toBe(3);
    expect(out2.map((s) => s.en)).toEqual([out1[2]?.en, 'NOUVELLE', out1[0]?.en, out1[1]?.en]);

    // A different model hash or generation setting is a different cache.
    const otherKey = cacheKey('hash', 'fp32', { lengthCap: { base: 1, perSourceToken: 1 } });
    expect(otherKey).not.toBe(key);
    expect(TranslationCache.open(dir, otherKey).size).toBe(0);
  });

  it('splits a sentence longer than the model accepts, translates every piece, flags it split', async () => {
    const translator = fakeTranslator(8);
    const long = 'un deux trois quatre, cinq six sept huit; neuf dix onze douze treize quatorze quinze seize dix-sept';
    const [out] = await translateSegments([seg('a', 0, long)], { translator });
    expect(out?.en_flags).toEqual(['split']);
    // Nothing is lost: the pieces the engine saw put back together are the sentence.
    expect(translator.calls.flat().every((piece) => words(piece) <= 8)).toBe(true);
    expect(out?.en?.replace(/\s+/gu, ' ')).toBe(long.toUpperCase());
  });

  it('flags length-cap when any piece hit the cap, and drops stale flags on a retranslation', async () => {
    const input = [{ ...seg('a', 0, 'une boucle'), en: 'old', en_flags: ['split'] } as Segment, { ...seg('a', 1, 'calme'), en: 'old', en_flags: ['length-cap'] } as Segment];
    const out = await translateSegments(input, { translator: fakeTranslator() });
    expect(out[0]?.en_flags).toEqual(['length-cap']);
    expect(out[1]).not.toHaveProperty('en_flags');
    expect(Object.keys(out[0] ?? {})).toEqual(['id', 'doc', 'index', 'start', 'end', 'kind', 'fr', 'en', 'en_flags']);
  });

  it('stops on abort after the batches in flight, keeping them in the cache', async () => {
    const dir = tmp();
    const controller = new AbortController();
    const translator = fakeTranslator();
    const slow: Translator = {
      ...translator,
      parallelism: 1,
      async translate(batch) {
        controller.abort();
        return translator.translate(batch);
      },
    };
    const cache = TranslationCache.open(dir, 'k');
    const input = ['a b', 'c d e', 'f g h i'].map((fr, i) => seg('a', i, fr));
    await expect(translateSegments(input, { translator: slow, cache, batchSize: 1, signal: controller.signal })).rejects.toThrow(/interrupted after 1 of 3.*run the same command again/u);
    expect(TranslationCache.open(dir, 'k').size).toBe(1);
  });
});

describe('TranslationCache', () => {
  it('drops a torn last line (kill -9 mid-append) and keeps appending cleanly after it', () => {
    const dir = tmp();
    const cache = TranslationCache.open(dir, 'k');
    cache.addAll([['un', { en: 'one', flags: [] }], ['deux', { en: 'two', flags: ['length-cap'] }]]);
    const file = cache.file as string;
    appendFileSync(file, '{"fr":"trois","e');
    const reopened = TranslationCache.open(dir, 'k');
    expect(reopened.size).toBe(2);
    expect(reopened.get('deux')).toEqual({ en: 'two', flags: ['length-cap'] });
    reopened.addAll([['trois', { en: 'three', flags: [] }]]);
    expect(TranslationCache.open(dir, 'k').get('trois')?.en).toBe('three');
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).fr)).toEqual(['un', 'deux', 'trois']);
  });

  it('ignores a corrupt line in the middle instead of failing the run', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'translations-k.jsonl'), '{"fr":"a","en":"A"}\nnot json\n{"fr":"b","en":"B"}\n');
    const cache = TranslationCache.open(dir, 'k');
    expect([cache.get('a')?.en, cache.get('b')?.en, cache.size]).toEqual(['A', 'B', 2]);
  });
});

describe('splitToFit', () => {
  it.each([
    ['fits already', 'un deux trois', 10, ['un deux trois']],
    ['at semicolons first', 'a b c; d e f; g h i', 5, ['a b c;', ' d e f;', ' g h i']],
    ['at commas when a clause is still too long', 'a b c, d e f; g', 4, ['a b c,', ' d e f;', ' g']],
    ['around dashes', 'a b c d — e f g h', 6, ['a b c d', ' — e f g h']],
    ['at words as a last clause resort', 'a b c d e f', 3, ['a b ', 'c d ', 'e f']],
  ])('%s', (_name, text, max, expected) => {
    const pieces = splitToFit(text, max, words);
    expect(pieces).toEqual(expected);
    expect(pieces.join('')).toBe(text);
  });

  it('cuts a single overlong token by characters without losing any', () => {
    const countChars = (text: string): number => text.length;
    const pieces = splitToFit('abcdefghij', 3, countChars);
    expect(pieces).toEqual(['abc', 'def', 'ghi', 'j']);
  });
});

describe('maxNewTokens', () => {
  it.each([
    [10, { base: 16, perSourceToken: 1.5 }, 512, 31],
    [400, { base: 16, perSourceToken: 1.5 }, 512, 511],
    [0, { base: 0, perSourceToken: 0 }, 512, 1],
  ])('source %i tokens → budget', (source, cap, positions, expected) => {
    expect(maxNewTokens(source, cap, positions)).toBe(expected);
  });
});
