// Resume: `fralign translate` killed with SIGKILL mid-run (or stopped with Ctrl-C), then run again,
// ends with a sentences.jsonl byte-identical to an uninterrupted run's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../src/types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'src', 'cli.ts');
/** `node --import tsx`, not the tsx binary: that one runs the CLI in a child process SIGKILL would not reach. */
const NODE_ARGS = ['--import', 'tsx', CLI];
const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
/** Small batches, one session: many cache appends, so a kill lands mid-run. */
const ARGS = ['--model', TINY, '--offline', '--quiet', '--batch-size', '2', '--concurrency', '1'];

function frenchOfPairs(): string[] {
  return readFileSync(path.join(ROOT, 'test', 'fixtures', 'tiny-pairs.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#') && line !== 'fr\ten')
    .map((line) => line.split('\t')[0] as string);
}

/** An output folder with a split-stage sentences.jsonl of `count` distinct sentences (plus repeats). */
function runFolder(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fralign-resume-'));
  const french = frenchOfPairs();
  const segments: Segment[] = [];
  for (let i = 0; i < count; i++) {
    const base = french[i % french.length] as string;
    const fr = i < french.length ? base : `${base} ${Math.floor(i / french.length)}`;
    segments.push({ id: `d:${i}`, doc: 'd', index: i, start: 0, end: fr.length, kind: i === 0 ? 'title' : 'body', fr });
    if (i % 10 === 0) segments.push({ id: `d:r${i}`, doc: 'd', index: i, start: 0, end: fr.length, kind: 'body', fr });
  }
  writeFileSync(path.join(dir, 'sentences.jsonl'), segments.map((s) => `${JSON.stringify(s)}\n`).join(''));
  return dir;
}

function translateSync(dir: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [...NODE_ARGS, 'translate', '--out', dir, ...ARGS], { encoding: 'utf8', cwd: ROOT });
  return { status: result.status, stderr: result.stderr };
}

function cacheLines(dir: string): number {
  const cacheDir = path.join(dir, '.cache', 'translations');
  if (!existsSync(cacheDir)) return 0;
  return readdirSync(cacheDir).reduce((sum, file) => sum + readFileSync(path.join(cacheDir, file), 'utf8').split('\n').filter(Boolean).length, 0);
}

/** Starts the CLI, waits until `minCached` translations are in the cache, sends `signal`, waits for exit. */
async function interrupt(dir: string, signal: NodeJS.Signals, minCached: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'translate', '--out', dir, ...ARGS.filter((a) => a !== '--quiet')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && cacheLines(dir) < minCached) await new Promise((r) => setTimeout(r, 10));
  if (!done) child.kill(signal);
  return { ...(await exited), stderr };
}

describe('resume after interruption', () => {
  const COUNT = 500;
  let expected: Buffer;
  let distinct: number;

  beforeAll(() => {
    const reference = runFolder(COUNT);
    expect(translateSync(reference).status).toBe(0);
    expected = readFileSync(path.join(reference, 'sentences.jsonl'));
    distinct = cacheLines(reference);
  }, 120_000);

  it('kill -9 mid-run, then the same command: byte-identical sentences.jsonl', async () => {
    const dir = runFolder(COUNT);
    const before = readFileSync(path.join(dir, 'sentences.jsonl'));
    const killed = await interrupt(dir, 'SIGKILL', 20);
    const cachedAtKill = cacheLines(dir);
    // The kill really was mid-run: some but not all translations were saved, the input is untouched.
    expect(killed.signal).toBe('SIGKILL');
    expect(cachedAtKill).toBeGreaterThan(0);
    expect(cachedAtKill).toBeLessThan(distinct);
    expect(readFileSync(path.join(dir, 'sentences.jsonl')).equals(before)).toBe(true);

    expect(translateSync(dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'sentences.jsonl')).equals(expected)).toBe(true);
    expect(cacheLines(dir)).toBe(distinct);
  }, 120_000);

  it('Ctrl-C saves finished batches and says how to resume; the rerun completes identically', async () => {
    const dir = runFolder(COUNT);
    const stopped = await interrupt(dir, 'SIGINT', 20);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/interrupted after \d+ of \d+ distinct sentences.*run the same command again to resume/u);
    expect(cacheLines(dir)).toBeGreaterThan(0);
    expect(translateSync(dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'sentences.jsonl')).equals(expected)).toBe(true);
  }, 120_000);
});
