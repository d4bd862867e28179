// Scaling out: --shard K/N (and auto, from Kubernetes Indexed Jobs and Slurm arrays) and
// `fralign merge`, which must give exactly the files an unsharded run writes.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardOfSentence, shardOfStory } from '../src/pipeline/shard.ts';
import type { TranslationOutput, Translator } from '../src/translate/engine.ts';
import { TranslationCache } from '../src/translate/cache.ts';
import { translateSegmentsWithStats } from '../src/translate/stage.ts';
import type { Segment } from '../src/types.ts';
import { ROOT, runCli, SEEDS } from './helpers/cli.ts';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
/** The files a merge must reproduce byte for byte (report.html and manifest.json name their folder and timings). */
const COMPARED = ['sentences.jsonl', 'stories.jsonl', 'alignments.jsonl', 'groups.jsonl'];

describe('parseShard', () => {
  it.each([
    ['2/4', {}, { index: 2, count: 4 }],
    ['1/1', {}, { index: 1, count: 1 }],
    ['auto', { JOB_COMPLETION_INDEX: '0', FRALIGN_SHARD_COUNT: '3' }, { index: 1, count: 3 }],
    ['auto', { JOB_COMPLETION_INDEX: '2', FRALIGN_SHARD_COUNT: '3' }, { index: 3, count: 3 }],
    ['auto', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' }, { index: 1, count: 4 }],
    ['auto', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '2' }, { index: 2, count: 2 }],
  ])('%s with %j is shard %j', (value, env, shard) => {
    expect(parseShard(value, env)).toEqual(shard);
  });

  it.each([
    ['0/4', {}, /shard 0 of 4 does not exist/u],
    ['5/4', {}, /shard 5 of 4 does not exist/u],
    ['two', {}, /expected K\/N \(e\.g\. 2\/4\) or auto, got "two"/u],
    ['auto', {}, /neither JOB_COMPLETION_INDEX .* nor SLURM_ARRAY_TASK_ID/u],
    ['auto', { JOB_COMPLETION_INDEX: '1' }, /pass --shard-count N or set FRALIGN_SHARD_COUNT/u],
    ['auto', { JOB_COMPLETION_INDEX: '3', FRALIGN_SHARD_COUNT: '3' }, /shard 4 of 3 does not exist/u],
  ])('%s with %j is a usage error', (value, env, message) => {
    expect(() => parseShard(value, env)).toThrow(message);
  });

  it('sends stories round-robin and every sentence to exactly one shard', () => {
    expect([1, 2, 3, 4, 5].map((n) => shardOfStory(n, 2))).toEqual([1, 2, 1, 2, 1]);
    const shards = ['Une phrase.', 'Une autre.', 'Encore une.', 'La dernière.'].map((s) => shardOfSentence(s, 3));
    expect(shards.every((k) => k >= 1 && k <= 3)).toBe(true);
    expect(shardOfSentence('Une phrase.', 3)).toBe(shards[0]);
  });
});

describe('translation by sentence hash', () => {
  const translator = (calls: string[]): Translator => ({
    name: 'fake',
    maxSourceTokens: 50,
    parallelism: 1,
    countTokens: (t) => t.split(' ').length,
    async translate(batch): Promise<TranslationOutput[]> {
      calls.push(...batch);
      return batch.map((text) => ({ en: text.toUpperCase(), flags: [], tokenIds: [] }));
    },
    async close() {},
  });
  const segments: Segment[] = ['Une phrase.', 'Une autre.', 'Encore une.', 'La dernière.', 'Et celle-ci.'].map((fr, index) => ({ id: `a:${index}`, doc: 'a', index, start: 0, end: fr.length, kind: 'body', fr }));

  it('translates each sentence on one shard only; with the shards\' cache, every shard then has every translation', async () => {
    const cache = TranslationCache.inMemory();
    const calls: string[][] = [[], []];
    const first = await Promise.all([1, 2].map((k) => translateSegmentsWithStats(segments, { translator: translator(calls[k - 1] as string[]), cache: TranslationCache.inMemory(), translates: (s) => shardOfSentence(s, 2) === k })));
    expect([...(calls[0] as string[]), ...(calls[1] as string[])].sort()).toEqual(segments.map((s) => s.fr).sort());
    expect(first.map((r) => r.stats.other_shard_segments)).toEqual([calls[1]?.length, calls[0]?.length]);
    // The shared cache (what docs/scale.md has the shards write to) serves the second pass.
    for (const k of [1, 2]) await translateSegmentsWithStats(segments, { translator: translator([]), cache, translates: (s) => shardOfSentence(s, 2) === k });
    const again: string[] = [];
    const second = await translateSegmentsWithStats(segments, { translator: translator(again), cache, translates: (s) => shardOfSentence(s, 2) === 1 });
    expect(again).toEqual([]);
    expect(second.stats.other_shard_segments).toBe(0);
    expect(second.segments.map((s) => s.en)).toEqual(segments.map((s) => s.fr.toUpperCase()));
  });
});

describe('fralign merge', () => {
  let single: string;
  beforeAll(async () => {
    single = await mkdtemp(path.join(tmpdir(), 'fralign-single-'));
    const result = runCli(['run', SEEDS, CORPUS, '--no-translate', '--out', single, '-q']);
    expect(result.status, result.stderr).toBe(0);
  }, 120_000);

  async function expectSameAsSingle(merged: string): Promise<void> {
    for (const file of COMPARED) {
      expect((await readFile(path.join(merged, file))).equals(await readFile(path.join(single, file))), file).toBe(true);
    }
  }

  it('merges 2 shards into exactly the files of one unsharded run, with a report', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'fralign-shards-'));
    for (const k of [1, 2]) {
      const shard = runCli(['run', SEEDS, CORPUS, '--no-translate', '--shard', `${k}/2`, '--out', path.join(base, String(k))]);
      expect(shard.status, shard.stderr).toBe(0);
      expect(shard.stderr).toContain(`align (shard ${k}/2): `);
    }
    const merged = runCli(['merge', path.join(base, '1'), path.join(base, '2'), '--out', path.join(base, 'merged')]);
    expect(merged.status, merged.stderr).toBe(0);
    await expectSameAsSingle(path.join(base, 'merged'));
    expect((await readFile(path.join(base, 'merged', 'report.html'), 'utf8')).length).toBeGreaterThan(1000);
  }, 120_000);

  it('refuses to merge when a shard is missing, naming it', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'fralign-shards-'));
    expect(runCli(['run', SEEDS, '--no-translate', '--shard', '1/3', '--out', path.join(base, '1'), '-q']).status).toBe(0);
    const merged = runCli(['merge', path.join(base, '1'), '--out', path.join(base, 'merged')]);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toContain('shards 2/3, 3/3 missing');
  }, 60_000);

  const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).stdout?.includes('GNU parallel') ?? false;
  if (!hasParallel) console.warn('test/shard.test.ts: GNU parallel is not installed (Debian package `parallel`; .ci/run installs it): the 4-shard GNU parallel test is skipped');
  it.skipIf(!hasParallel)('runs 4 shards with GNU parallel (--shard auto from SLURM_ARRAY_TASK_ID) and merges them into the unsharded run', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'fralign-parallel-'));
    const bin = path.join(ROOT, 'bin', 'fralign.js');
    const job = spawnSync('parallel', ['--halt', 'now,fail=1', '-j', '4',
      `SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT=4 ${process.execPath} ${bin} run ${SEEDS} ${CORPUS} --no-translate --shard auto --out ${base}/shard-{} -q`,
      ':::', '0', '1', '2', '3'], { encoding: 'utf8', timeout: 240_000 });
    expect(job.status, job.stderr).toBe(0);
    const merged = runCli(['merge', ...[0, 1, 2, 3].map((k) => path.join(base, `shard-${k}`)), '--out', path.join(base, 'merged'), '-q']);
    expect(merged.status, merged.stderr).toBe(0);
    await expectSameAsSingle(path.join(base, 'merged'));
  }, 300_000);
});

describe('fralign run --shard with translation (tiny fixture model)', () => {
  const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
  const MODEL_ARGS = ['--model', TINY, '--offline', '--quiet'];

  it('translates by sentence hash, waits for the other shards, and after sharing the caches merges into the unsharded run', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'fralign-shard-tr-'));
    const single = runCli(['run', SEEDS, ...MODEL_ARGS, '--out', path.join(base, 'single')]);
    expect(single.status, single.stderr).toBe(0);
    const shardRun = (k: number, cache: string) => runCli(['run', SEEDS, ...MODEL_ARGS, '--shard', `${k}/2`, '--cache-dir', cache, '--out', path.join(base, `shard-${k}`)]);
    // Pass 1: each shard translates its half into its own cache and does not align yet.
    for (const k of [1, 2]) {
      const first = shardRun(k, path.join(base, 'cache', `shard-${k}`));
      expect(first.status, first.stderr).toBe(0);
      const manifest = JSON.parse(await readFile(path.join(base, `shard-${k}`, 'manifest.json'), 'utf8')) as { stages: { align: { status: string; note: string } } };
      expect(manifest.stages.align).toMatchObject({ status: 'skipped', note: expect.stringMatching(/sentences are translated by other shards/u) });
    }
    // Between the passes: the two caches concatenated into one (docs/scale.md).
    const shared = path.join(base, 'cache', 'all');
    const files = spawnSync('sh', ['-c', `mkdir -p ${shared} && for f in ${base}/cache/shard-*/translations-*.jsonl; do cat "$f" >> ${shared}/$(basename "$f"); done && ls ${shared}`], { encoding: 'utf8' });
    expect(files.status, files.stderr).toBe(0);
    for (const k of [1, 2]) expect(shardRun(k, shared).status).toBe(0);
    const merged = runCli(['merge', path.join(base, 'shard-1'), path.join(base, 'shard-2'), '--out', path.join(base, 'merged'), '-q']);
    expect(merged.status, merged.stderr).toBe(0);
    for (const file of COMPARED) {
      expect((await readFile(path.join(base, 'merged', file))).equals(await readFile(path.join(base, 'single', file))), file).toBe(true);
    }
    expect(await readFile(path.join(base, 'merged', 'sentences.jsonl'), 'utf8')).toContain('"en":');
  }, 300_000);
});
