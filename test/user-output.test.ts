// The one output-path policy (src/output/user-output.ts), and the commands that write user-named
// files through it (issue 21 findings 1-3): a device node, FIFO or symlink is never replaced by a
// regular file; a path holding run data is refused; fralign deletes only what it created and recorded.
import { spawn, spawnSync } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../src/inspect/html.ts';
import { checkUserOutput, resolveUserOutput, writeChunks, writeUserOutput } from '../src/output/index.ts';
import { ROOT, runCliAsync } from './helpers/cli.ts';
import { largeRun } from './helpers/large-run.ts';

const BASIC = path.join(ROOT, 'test', 'fixtures', 'inspect', 'basic');
const isRoot = process.getuid?.() === 0;

let tmp: string;
let run: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'fralign-user-output-'));
  run = path.join(tmp, 'run');
  await cp(BASIC, run, { recursive: true });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const write = (target: string, text: string, runDir?: string): Promise<void> =>
  writeUserOutput(target, { flag: '--out', ...(runDir === undefined ? {} : { runDir }) }, (out) => writeChunks(out, text));

describe('resolveUserOutput', () => {
  it.each([
    ['the empty string', '', /--out '': expected a file name/],
    ['a folder', '.', /is a folder/],
    ['a new file under /dev', '/dev/fralign-no-such-node', /does not create files under \/dev/],
  ])('refuses %s with one USAGE line', (_what, target, message) => {
    expect(() => checkUserOutput(target, { flag: '--out' })).toThrow(message);
  });

  it('refuses - where standard output is not allowed, accepts it by default', () => {
    expect(() => checkUserOutput('-', { flag: '--out', allowStdout: false })).toThrow(/cannot go to standard output/);
    expect(resolveUserOutput('-', { flag: '--out' })).toEqual({ kind: 'stdout' });
  });

  it.each([
    ['sentences.jsonl'],
    ['alignments.jsonl'],
    ['groups.jsonl'],
    ['manifest.json'],
    ['stories.jsonl'],
    ['.fralign.lock'],
    ['.cache/translations/x.jsonl'],
  ])('refuses the run data %s, also through .. and a symlink', async (name) => {
    expect(() => checkUserOutput(path.join(run, name), { flag: '--json', runDir: run })).toThrow(/that is the run's .*which fralign reads/);
    expect(() => checkUserOutput(path.join(run, 'export', '..', name), { flag: '--json', runDir: run })).toThrow(/that is the run's/);
    if (!name.endsWith('.jsonl') || name.includes('/') || name === 'stories.jsonl') return;
    const link = path.join(tmp, `link-${name}`);
    await symlink(path.join(run, name), link);
    expect(() => checkUserOutput(link, { flag: '--json', runDir: run })).toThrow(/that is the run's/);
  });

  it.each([['report.html'], ['export/translation.jsonl'], ['../elsewhere.jsonl']])('accepts %s beside the run data', (name) => {
    expect(resolveUserOutput(path.join(run, name), { flag: '--out', runDir: run }).kind).toBe('file');
  });
});

describe('writeUserOutput', () => {
  it('writes an absent file and replaces a regular one atomically, leaving no temp file', async () => {
    const dir = path.join(tmp, 'regular');
    const file = path.join(dir, 'out.txt');
    await write(file, 'first\n');
    await write(file, 'second\n');
    expect(await readFile(file, 'utf8')).toBe('second\n');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('writes through a symlink: the link stays a link, its target gets the content', async () => {
    const target = path.join(tmp, 'link-target.txt');
    const link = path.join(tmp, 'link.txt');
    await writeFile(target, 'old\n');
    await symlink(target, link);
    await write(link, 'new\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('new\n');
  });

  it('refuses a dangling symlink', async () => {
    const link = path.join(tmp, 'dangling.txt');
    await symlink(path.join(tmp, 'nowhere', 'x.txt'), link);
    await expect(write(link, 'x')).rejects.toThrow(/symlink to a path that does not exist/);
  });

  it('streams into a FIFO and leaves it a FIFO', async () => {
    const fifo = path.join(tmp, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (got += chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await write(fifo, 'through the pipe\n');
    await closed;
    expect(got).toBe('through the pipe\n');
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  it.skipIf(!isRoot)('streams into a device node (mknod c 1 3) and leaves it a device', async () => {
    const node = path.join(tmp, 'null');
    expect(spawnSync('mknod', [node, 'c', '1', '3']).status).toBe(0);
    await write(node, 'x'.repeat(100_000));
    const info = await stat(node);
    expect(info.isCharacterDevice()).toBe(true);
    expect(info.size).toBe(0);
  });
});

describe('commands write user-named files through the policy (issue 21 findings 1, 3)', () => {
  it.skipIf(!isRoot)('report --out NODE writes to the device node, which stays a device node', async () => {
    const node = path.join(tmp, 'report-null');
    expect(spawnSync('mknod', [node, 'c', '1', '3']).status).toBe(0);
    const result = await runCliAsync(['report', run, '--out', node, '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await stat(node)).isCharacterDevice()).toBe(true);
  }, 60_000);

  it('inspect --json /dev/stdout writes the records to standard output', async () => {
    const result = await runCliAsync(['inspect', run, '--json', '/dev/stdout']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(JSON.parse(result.stdout.split('\n')[0]!)).toHaveProperty('score');
  }, 60_000);

  it.each([
    [['inspect', '{run}', '--json', '{run}/sentences.jsonl'], 'sentences.jsonl'],
    [['inspect', '{run}', '--docs', 'a', '--json', '{run}/alignments.jsonl'], 'alignments.jsonl'],
    [['inspect', '{run}', '--html', '{run}/manifest.json'], 'manifest.json'],
    [['report', '{run}', '--out', '{run}/groups.jsonl'], 'groups.jsonl'],
    [['export', '{run}', '--format', 'hf', '--pairs', 'aligned', '--out', '{run}/sentences.jsonl'], 'sentences.jsonl'],
  ])('%j is refused with exit 2, the run data unchanged', async (args, name) => {
    const before = await readFile(path.join(run, name));
    const result = await runCliAsync(args.map((arg) => arg.replace('{run}', run)));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`that is the run's ${name.replace('.', '\\.')}`));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(path.join(run, name))).toEqual(before);
  }, 60_000);
});

describe('a FIFO whose reader stops early (`head -c 10 fifo`)', () => {
  // Larger than a pipe's buffer (64 KiB), so the reader's going away surely reaches the writer.
  let seedsRun: string;
  beforeAll(async () => {
    seedsRun = path.join(tmp, 'seeds-run');
    const made = await runCliAsync(['run', path.join(ROOT, 'seeds'), '--no-translate', '--out', seedsRun, '-q']);
    expect(made.status).toBe(0);
  }, 120_000);

  const readFifo = async (reader: string[], args: readonly string[]): Promise<{ status: number | null; stderr: string; got: string }> => {
    const fifo = path.join(tmp, `early-${Math.random().toString(36).slice(2)}`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(reader[0] as string, [...reader.slice(1), fifo]);
    let got = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (got += chunk));
    const closed = new Promise((resolve) => child.on('close', resolve));
    const result = await runCliAsync([...args, fifo]);
    await closed;
    return { status: result.status, stderr: result.stderr, got };
  };

  // The report (155 KiB for the seeds); export and inspect go through the same writer, but their seeds
  // outputs fit in the pipe's buffer, so a reader's going away never reaches them.
  it.each([['report', ['report', '{RUN}', '--out']]])('%s ends quietly, exit 0, and prints no summary claiming the whole file was written', async (_name, args) => {
    const early = await readFifo(['head', '-c', '10'], args.map((a) => a.replace('{RUN}', seedsRun)));
    expect(early.got).toHaveLength(10);
    expect(early.status).toBe(0);
    expect(early.stderr).toBe('');
    // A reader that takes everything still gets the summary.
    const whole = await readFifo(['cat'], args.map((a) => a.replace('{RUN}', seedsRun)));
    expect(whole.status).toBe(0);
    expect(whole.stderr.trim().split('\n')).toHaveLength(1);
    expect(whole.got.length).toBeGreaterThan(64 * 1024);
  }, 120_000);
});

describe('the report deletes only what it created and recorded (issue 21 finding 2)', () => {
  it('refuses an existing X-stories/ folder it did not make, and keeps its files', async () => {
    const dir = path.join(tmp, 'finding2');
    await mkdir(path.join(dir, 'X-stories'), { recursive: true });
    await writeFile(path.join(dir, 'X-stories', 'notes.txt'), 'mine\n');
    await expect(writeReport(largeRun(3, 3, 700), path.join(dir, 'X.html'))).rejects.toThrow(/exists and was not made by fralign/);
    expect(await readFile(path.join(dir, 'X-stories', 'notes.txt'), 'utf8')).toBe('mine\n');
  }, 60_000);

  it('a rewrite removes only the pages it recorded and no longer writes', async () => {
    const dir = path.join(tmp, 'rewrite');
    const file = path.join(dir, 'r.html');
    await writeReport(largeRun(4, 3, 700), file);
    await writeFile(path.join(dir, 'r-stories', 'user.txt'), 'mine\n');
    await writeReport(largeRun(3, 3, 700), file);
    const names = (await readdir(path.join(dir, 'r-stories'))).filter((n) => !n.startsWith('.')).sort();
    expect(names).toEqual(['0.html', '1.html', '2.html', 'user.txt']);
  }, 60_000);
});
