// The run lock (issue 21 findings 6, 8): every command that reads or writes a run folder takes it
// (readers shared, writers exclusive); it carries host, pid, start time and a heartbeat; a lock
// whose heartbeat is old is taken over whatever its host, with one line; SIGINT/SIGTERM/SIGHUP
// release it, say what is saved and exit 130/143/129.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, SEEDS } from './helpers/cli.ts';

const BASIC = path.join(ROOT, 'test', 'fixtures', 'inspect', 'basic');
const MODEL = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'fralign-lock-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function runFolder(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(BASIC, dir, { recursive: true });
  return dir;
}

/** A process that opens DIR exactly as the commands do (mode read or write), then stays until killed. */
function holder(dir: string, mode: 'read' | 'write', env: NodeJS.ProcessEnv = {}): Promise<ReturnType<typeof spawn>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./src/output/run-folder.ts').then((m) => m.openRunFolder(${JSON.stringify(dir)}, { create: false, mode: '${mode}' })).then(() => { console.log('locked'); setInterval(() => {}, 1000); })`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

async function stop(child: ReturnType<typeof spawn>): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('readers and writers', () => {
  it.each([
    ['inspect', (dir: string) => ['inspect', dir, '--limit', '1']],
    ['report --out', (dir: string) => ['report', dir, '--out', path.join(tmp, 'r.html')]],
    ['export', (dir: string) => ['export', dir, '--format', 'hf', '--out', path.join(tmp, 'e.jsonl')]],
    ['stories', (dir: string) => ['stories', '--out', dir]],
    ['report', (dir: string) => ['report', dir]],
  ])('%s refuses a folder a writer holds: one line naming it, exit 2, nothing written', async (name, args) => {
    const dir = await runFolder(`w-${name.replace(/\W/g, '')}`);
    const writer = await holder(dir, 'write');
    try {
      const before = (await readdir(dir)).sort();
      const result = await runCliAsync(args(dir));
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`is (being written|in use) by fralign pid ${writer.pid} on `));
      expect((await readdir(dir)).sort()).toEqual(before);
    } finally {
      await stop(writer);
    }
  }, 60_000);

  it('a writer refuses a folder being read; two readers share it', async () => {
    const dir = await runFolder('readers');
    const reader = await holder(dir, 'read');
    try {
      const second = await runCliAsync(['inspect', dir, '--limit', '1']);
      expect(second.status).toBe(0);
      const writer = await runCliAsync(['stories', '--out', dir, '-q']);
      expect(writer.status).toBe(2);
      expect(writer.stderr).toMatch(new RegExp(`is being read by fralign pid ${reader.pid} on `));
    } finally {
      await stop(reader);
    }
    // The reader was killed: its lock is stale (pid gone on this host) and the writer proceeds.
    expect((await runCliAsync(['stories', '--out', dir, '-q'])).status).toBe(0);
  }, 60_000);
});

describe('a folder the reader cannot write', () => {
  // A read-only mount (root ignores file modes, so a read-only tmpfs stands for it); skipped where mount is not allowed.
  const ro = path.join(tmpdir(), `fralign-lock-ro-${process.pid}`);
  const mounted = ((): boolean => {
    try {
      spawnSync('mkdir', ['-p', ro]);
      return spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', ro]).status === 0;
    } catch {
      return false;
    }
  })();
  afterAll(() => {
    if (mounted) spawnSync('umount', [ro]);
  });
  it.skipIf(!mounted)('inspect still reads it (no reader lock), exit 0', async () => {
    await cp(BASIC, ro, { recursive: true });
    expect(spawnSync('mount', ['-o', 'remount,ro', ro]).status).toBe(0);
    const result = await runCliAsync(['inspect', ro, '--limit', '1']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});

describe('host, pid, start time and heartbeat', () => {
  it('the lock records them and its mtime is refreshed while held', async () => {
    const dir = await runFolder('heartbeat');
    const writer = await holder(dir, 'write', { FRALIGN_LOCK_STALE_SECONDS: '2' });
    try {
      const file = path.join(dir, '.fralign.lock');
      const { readFile } = await import('node:fs/promises');
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: writer.pid, host: expect.any(String), started: expect.any(String), mode: 'write' });
      const old = new Date(Date.now() - 3600_000);
      await utimes(file, old, old);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(Date.now() - (await stat(file)).mtimeMs).toBeLessThan(1200);
    } finally {
      await stop(writer);
    }
  }, 60_000);

  it.each([
    ['fresh', 0, 2],
    ['an hour old', 3600, 0],
  ])('a lock from another host with a heartbeat %s: %s', async (_what, age, status) => {
    const dir = await runFolder(`host-${age}`);
    const file = path.join(dir, '.fralign.lock');
    await writeFile(file, JSON.stringify({ pid: 4242, host: 'pod-that-is-gone', started: '2026-01-01T00:00:00Z', command: 'fralign run x' }));
    const then = new Date(Date.now() - age * 1000);
    await utimes(file, then, then);
    const result = await runCliAsync(['stories', '--out', dir, '-q']);
    expect(result.status).toBe(status);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    if (status === 0) {
      expect(result.stderr).toMatch(/taking over .*\.fralign\.lock from fralign pid 4242 on pod-that-is-gone: no heartbeat for 36\d\d s/);
      expect(existsSync(file)).toBe(false);
    } else {
      expect(result.stderr).toMatch(/is in use by fralign pid 4242 on pod-that-is-gone .*taken over once its heartbeat is 120 s old/);
    }
  }, 60_000);
});

describe('signals release the lock, say what is saved, exit as shells expect', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s during run → exit %i, no lock left, one line on how to resume', async (signal, code) => {
    const dir = path.join(tmp, `signal-${signal}`);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'fralign.js'), 'run', SEEDS, '--out', dir, '--model', MODEL, '--batch-size', '1', '-q'], { cwd: ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    while (!existsSync(path.join(dir, '.fralign.lock'))) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toMatch(/run the same command again/);
    expect(stderr).not.toMatch(/terminate called|at .*\.ts:\d+/);
    expect(existsSync(path.join(dir, '.fralign.lock'))).toBe(false);
  }, 60_000);
});
