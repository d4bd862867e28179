// Full disk, I/O errors and short writes, injected in-process (test/helpers/fault-fs.ts): every
// output file of every stage ends as the complete new version or the untouched old one.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAlignStage } from '../src/align/stage.ts';
import { FralignError } from '../src/errors.ts';
import { writeFileAtomic, writeJsonlAtomic } from '../src/output/atomic-write.ts';
import { markOutputsStale, readManifest, updateManifest, type StageName } from '../src/output/manifest.ts';
import { runReportStage } from '../src/pipeline/report.ts';
import { runSplitStage } from '../src/pipeline/split.ts';
import { TranslationCache } from '../src/translate/cache.ts';
import { runTranslateStage } from '../src/translate/run-stage.ts';
import { faults, type FaultPlan } from './helpers/fault-fs.ts';
import { ROOT, SEEDS } from './helpers/cli.ts';

vi.mock('node:fs/promises', async (real) => (await import('./helpers/fault-fs.ts')).faultyFsPromises(await real()));
vi.mock('node:fs', async (real) => (await import('./helpers/fault-fs.ts')).faultyFs(await real()));

const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');

afterEach(() => faults.reset());

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'fralign-fault-'));
}

async function tempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
}

describe('writeFileAtomic under injected faults', () => {
  const OLD = 'old good content\n';
  const NEW = Array.from({ length: 3000 }, (_, i) => `{"line":${i},"text":"une phrase accentuée é à ç"}\n`);

  it.each<[string, FaultPlan]>([
    ['ENOSPC on the first write', { op: 'write', at: 1, kind: 'ENOSPC' }],
    ['EIO on the first write', { op: 'write', at: 1, kind: 'EIO' }],
    ['a short write, then ENOSPC (a disk filling up)', { op: 'write', at: 1, kind: 'short-then-ENOSPC' }],
    ['EIO on fsync', { op: 'sync', at: 1, kind: 'EIO' }],
    ['ENOSPC on close (delayed allocation)', { op: 'close', at: 1, kind: 'ENOSPC' }],
    ['EIO on rename', { op: 'rename', at: 1, kind: 'EIO' }],
  ])('%s: one-line WRITE_FAILED naming the file, old file untouched, no temp file left', async (_name, plan) => {
    const dir = await tempDir();
    const file = path.join(dir, 'sentences.jsonl');
    await writeFile(file, OLD);
    faults.arm(dir, plan);
    const error = await writeJsonlAtomic(file, NEW.map((line) => JSON.parse(line) as unknown)).catch((e: unknown) => e);
    expect(faults.fired).toBe(true);
    expect(error).toBeInstanceOf(FralignError);
    expect((error as FralignError).code).toBe('WRITE_FAILED');
    expect((error as FralignError).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot write \\(.*\\); the previous file is untouched`));
    expect((error as FralignError).message).not.toContain('\n');
    expect(await readFile(file, 'utf8')).toBe(OLD);
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('a short write alone is continued: the file is complete', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'big.jsonl');
    const content = 'é'.repeat(3 << 20);
    faults.arm(dir, { op: 'write', at: 2, kind: 'short' });
    await writeFileAtomic(file, content);
    expect(faults.fired).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('removes temp files left by a killed writer (dead pid), never a live writer\'s', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const leftover = `.sentences.jsonl.${dead}-0badc0de.tmp`;
    const live = `.sentences.jsonl.${process.pid}-0123abcd.tmp`;
    await writeFile(path.join(dir, leftover), 'torn');
    await writeFile(path.join(dir, live), 'in progress');
    await writeFileAtomic(path.join(dir, 'sentences.jsonl'), 'x\n');
    expect(await tempFiles(dir)).toEqual([live]);
  });
});

describe('the translation cache append under a full disk', () => {
  it('is a WRITE_FAILED line, and the torn line it left is repaired on the next open', async () => {
    const dir = await tempDir();
    const cache = TranslationCache.open(dir, 'k');
    cache.addAll([['Bonjour.', { en: 'Hello.', flags: [] }]]);
    faults.arm(dir, { op: 'append', at: 1, kind: 'short-then-ENOSPC' });
    expect(() => cache.addAll([['Merci.', { en: 'Thanks.', flags: [] }]])).toThrow(/translations-k\.jsonl: cannot append to the translation cache \(ENOSPC/);
    faults.reset();
    const reopened = TranslationCache.open(dir, 'k');
    expect(reopened.get('Bonjour.')?.en).toBe('Hello.');
    expect(reopened.get('Merci.')).toBeUndefined();
  });
});

/** The files a stage may replace, and how to tell a complete version of each. */
const DATA_FILES = ['sentences.jsonl', 'alignments.jsonl', 'groups.jsonl'] as const;
type Snapshot = Record<string, string | undefined>;

async function snapshot(dir: string): Promise<Snapshot> {
  const files: Snapshot = {};
  for (const name of [...DATA_FILES, 'report.html', 'manifest.json']) files[name] = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
  return files;
}

const STAGES = {
  split: (dir: string) => runSplitStage([path.join(SEEDS, '002_791b76ca8c774dff.txt'), path.join(SEEDS, '003_69673ac11f88ea3f.txt'), path.join(SEEDS, '004_31d5ac676ff9227d.txt')], dir),
  translate: (dir: string) => runTranslateStage(dir, { modelPath: TINY, offline: true, batchSize: 8, concurrency: 1 }),
  align: (dir: string) => runAlignStage(dir),
  report: (dir: string) => runReportStage(dir),
} as const;
type Stage = keyof typeof STAGES;
const ORDER: readonly Stage[] = ['split', 'translate', 'align', 'report'];
const OUTPUTS: Record<Stage, readonly string[]> = {
  split: ['sentences.jsonl'],
  translate: ['sentences.jsonl'],
  align: ['alignments.jsonl', 'groups.jsonl'],
  report: ['report.html'],
};

describe('every stage under every injected fault: each output is the complete new version or the untouched old one', () => {
  /** states[k]: the folder before ORDER[k] runs; states[k + 1]: after. A full run on seeds 000-002 first, then each stage on 002-004. */
  const states: string[] = [];
  const snapshots: Snapshot[] = [];

  beforeAll(async () => {
    const first = await tempDir();
    await runSplitStage([0, 1, 2].map((i) => path.join(SEEDS, (['000_cbf94cc716c46ff7', '001_a381a8de4f316d59', '002_791b76ca8c774dff'] as const)[i]! + '.txt')), first);
    await STAGES.translate(first);
    await STAGES.align(first);
    await STAGES.report(first);
    states.push(first);
    for (const stage of ORDER) {
      const next = await tempDir();
      await cp(states.at(-1)!, next, { recursive: true });
      await STAGES[stage](next);
      states.push(next);
    }
    for (const state of states) snapshots.push(await snapshot(state));
  }, 120_000);

  const plans = (stage: Stage): FaultPlan[] => {
    // Translation is the slow stage (a model run per plan): one fault per write it makes, plus the cache.
    if (stage === 'translate') {
      return [
        { op: 'write', at: 1, kind: 'ENOSPC' }, { op: 'write', at: 2, kind: 'short-then-ENOSPC' }, { op: 'write', at: 3, kind: 'ENOSPC' },
        { op: 'rename', at: 2, kind: 'EIO' }, { op: 'append', at: 2, kind: 'short-then-ENOSPC' },
      ];
    }
    const kinds: FaultPlan[] = [];
    for (let at = 1; at <= 4; at++) {
      kinds.push({ op: 'write', at, kind: 'ENOSPC' }, { op: 'write', at, kind: 'short-then-ENOSPC' }, { op: 'sync', at, kind: 'EIO' }, { op: 'rename', at, kind: 'EIO' });
    }
    return kinds;
  };

  it.each(ORDER)('%s', async (stage) => {
    const k = ORDER.indexOf(stage);
    const before = snapshots[k]!;
    const after = snapshots[k + 1]!;
    for (const name of OUTPUTS[stage]) expect(after[name], `${stage} changes ${name}`).not.toBe(before[name]);
    let fired = 0;
    for (const plan of plans(stage)) {
      const dir = await tempDir();
      await cp(states[k]!, dir, { recursive: true });
      faults.arm(dir, plan);
      const error = await STAGES[stage](dir).then(() => undefined, (e: unknown) => e);
      const injected = faults.fired;
      faults.reset();
      const label = `${stage} ${JSON.stringify(plan)}`;
      const now = await snapshot(dir);
      if (injected && plan.kind !== 'short') {
        fired++;
        expect(error, label).toBeInstanceOf(FralignError);
        expect((error as FralignError).code, label).toBe('WRITE_FAILED');
      } else {
        expect(error, label).toBeUndefined();
      }
      for (const name of DATA_FILES) expect([before[name], after[name]], `${label}: ${name}`).toContain(now[name]);
      if (now['report.html'] !== before['report.html']) expect(now['report.html'], label).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
      const manifest = JSON.parse(now['manifest.json']!) as { stages: Record<string, { status: string }> };
      // An output that was replaced while the stage did not finish is marked stale, never "done".
      const replaced = OUTPUTS[stage].some((name) => now[name] !== before[name]);
      if (error !== undefined && replaced) expect(manifest.stages[stage]?.status, label).toBe('stale');
      expect(await tempFiles(dir), label).toEqual([]);
    }
    expect(fired).toBeGreaterThanOrEqual(4);
  }, 240_000);
});

describe('rerunning a stage marks it and everything made from it stale until each reruns', () => {
  it.each<[StageName, Record<StageName, string>]>([
    ['split', { split: 'stale', translate: 'stale', stories: 'stale', align: 'stale', report: 'stale' }],
    ['translate', { split: 'done', translate: 'stale', stories: 'done', align: 'stale', report: 'stale' }],
    ['stories', { split: 'done', translate: 'done', stories: 'stale', align: 'stale', report: 'stale' }],
    ['align', { split: 'done', translate: 'done', stories: 'done', align: 'stale', report: 'stale' }],
    ['report', { split: 'done', translate: 'done', stories: 'done', align: 'done', report: 'stale' }],
  ])('%s', async (stage, expected) => {
    const dir = await tempDir();
    const done = { status: 'done' as const, ms: 1 };
    await updateManifest(dir, { stages: { split: done, translate: done, stories: done, align: done, report: done } });
    await markOutputsStale(dir, stage);
    const stages = (await readManifest(dir))!.stages;
    expect(Object.fromEntries(Object.entries(stages).map(([name, record]) => [name, record.status]))).toEqual(expected);
    expect(stages[stage]?.note).toMatch(new RegExp(`^${stage} began rewriting its outputs at .* and has not finished`));
  });
});
