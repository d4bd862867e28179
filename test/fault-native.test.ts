// Errors from worker threads and native code become one FralignError line, never an abort (issue 21
// finding 4): a translation-cache append that fails under the DEFAULT decode concurrency used to end
// in `terminate called after throwing an instance of 'Napi::Error'`, exit 134, the lock left behind.
import { mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, SEEDS } from './helpers/cli.ts';

const MODEL = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
const runArgs = (dir: string, cacheDir: string): string[] => ['run', SEEDS, '--out', dir, '--model', MODEL, '-q', '--batch-size', '1', '--cache-dir', cacheDir];
let tmp: string;
let cacheFile: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'fralign-native-'));
  // The cache file's name (model hash + settings), from one good run.
  const probe = path.join(tmp, 'probe-cache');
  expect((await runCliAsync(runArgs(path.join(tmp, 'probe'), probe))).status).toBe(0);
  [cacheFile] = (await readdir(probe)) as [string];
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a cache append failure under the default concurrency', () => {
  // Two attempts: on the old code each aborted about 3 times in 4 (a worker still inside onnxruntime
  // when the failure closed the pool); batch size 1 keeps both workers busy when the first append fails.
  it.each([[1], [2]])('attempt %i: one line, exit 2, nothing lost, no lock left', async (attempt) => {
    const dir = path.join(tmp, `run-${attempt}`);
    // The cache file is a dangling link: each append fails with ENOENT, even for root (as a
    // read-only --cache-dir or a full disk would).
    const cacheDir = path.join(tmp, `cache-${attempt}`);
    await mkdir(cacheDir);
    await symlink(path.join(tmp, 'nowhere', 'x.jsonl'), path.join(cacheDir, cacheFile));

    const result = await runCliAsync(runArgs(dir, cacheDir));
    expect(result.stderr).not.toMatch(/terminate called|Napi::Error/);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot append to the translation cache \(ENOENT/);
    // The French side was written by split and stays whole; a rerun with a writable cache resumes.
    expect((await readFile(path.join(dir, 'sentences.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(87);
    expect(await readdir(dir)).not.toContain('.fralign.lock');
  }, 120_000);
});
