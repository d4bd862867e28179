// Hostile but realistic use of the CLI: mistyped paths, a busy or unusable --out, stale outputs,
// terminal escapes in article text, absurd worker counts. Each answer is one line and loses nothing.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capConcurrency, capThreads, WORKER_MEMORY_BYTES } from '../src/commands/shared.ts';
import { FralignError } from '../src/errors.ts';
import { runAlignStage } from '../src/align/stage.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';
import { renderTerminal, renderTerminalChunks, terminalSafe } from '../src/inspect/terminal.ts';
import { runCli, SEEDS, type CliResult } from './helpers/cli.ts';

const SEED = (n: number): string => path.join(SEEDS, (['000_cbf94cc716c46ff7', '001_a381a8de4f316d59', '002_791b76ca8c774dff', '003_69673ac11f88ea3f', '004_31d5ac676ff9227d'] as const)[n]! + '.txt');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'fralign-cli-fault-'));
}

async function copyOf(dir: string): Promise<string> {
  const copy = await tempDir();
  await cp(dir, copy, { recursive: true });
  return copy;
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('.')) out[entry.name] = await readFile(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

function expectOneLine(result: CliResult, status: number, message: RegExp): void {
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(message);
  expect(result.status, result.stderr).toBe(status);
}

const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('a good run folder is never replaced by a worse one', () => {
  let good: string;
  beforeAll(async () => {
    good = await tempDir();
    expect(runCli(['run', SEED(0), SEED(1), SEED(2), '--out', good, '--offline', '--quiet']).status).toBe(0);
  }, 120_000);

  it('a mistyped input (`fralign run seedz`): one line, exit 1, every file untouched', async () => {
    const dir = await copyOf(good);
    const before = await files(dir);
    const result = runCli(['run', 'seedz', '--out', dir, '--offline']);
    expectOneLine(result, 1, /^fralign: no readable input \(seedz: no such file or folder; check the path\); nothing was written to .*; check the paths and run again$/);
    expect(await files(dir)).toEqual(before);
  });

  it('a write that fails (here: a folder where sentences.jsonl goes): one line, exit 2, other outputs untouched', async () => {
    const dir = await copyOf(good);
    const sentences = path.join(dir, 'sentences.jsonl');
    await rm(sentences);
    await mkdir(path.join(sentences, 'x'), { recursive: true });
    const before = await files(dir);
    const result = runCli(['split', SEED(3), '--out', dir]);
    expectOneLine(result, 2, /^fralign: .*sentences\.jsonl: cannot write \(.*\); the previous file is untouched; /);
    const after = await files(dir);
    for (const name of ['alignments.jsonl', 'groups.jsonl', 'report.html']) expect(after[name], name).toBe(before[name]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('re-splitting marks the old alignments stale; inspect refuses them until align reruns', async () => {
    const dir = await copyOf(good);
    expect(runCli(['split', SEED(3), SEED(4), '--out', dir, '--quiet']).status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { stages: Record<string, { status: string; note?: string }> };
    expect(manifest.stages['split']?.status).toBe('done');
    for (const stage of ['translate', 'align', 'report']) expect(manifest.stages[stage]?.status, stage).toMatch(/^(stale|skipped)$/);
    expect(manifest.stages['align']).toMatchObject({ status: 'stale', note: expect.stringMatching(/made before split rewrote its outputs/) });
    expectOneLine(runCli(['inspect', dir]), 1, /alignments\.jsonl and groups\.jsonl are stale .*run `fralign align /);
    expectOneLine(runCli(['inspect', dir, '--html', path.join(dir, 'again.html')]), 1, /are stale/);
    // The stories of the old documents no longer cover the new sentences: align names the command to run.
    expectOneLine(runCli(['align', '--out', dir, '--quiet']), 1, /stories\.jsonl: document .* rerun `fralign stories /);
    // Two versions alone share too little rare vocabulary for automatic clustering (see docs/scale.md): one story.
    expect(runCli(['stories', '--out', dir, '--stories', 'one', '--quiet']).status).toBe(0);
    expect(runCli(['align', '--out', dir, '--quiet']).status).toBe(0);
    const outputs = await loadRunOutputs(dir);
    const docs = new Set(outputs.alignments.flatMap((p) => [p.a_doc, p.b_doc]));
    expect([...docs].sort()).toEqual(['003_69673ac11f88ea3f', '004_31d5ac676ff9227d']);
  }, 60_000);

  it('sentences.jsonl changed behind the manifest\'s back (hand edit, another tool): inspect still refuses the old alignments', async () => {
    const dir = await copyOf(good);
    expect(runCli(['inspect', dir, '--limit', '1']).status).toBe(0);
    const file = path.join(dir, 'sentences.jsonl');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await writeFile(file, `${lines.slice(0, -1).join('\n')}\n`);
    expectOneLine(runCli(['inspect', dir]), 1, /are stale \(made from a different sentences\.jsonl than the one now in .*\): run `fralign align /);
  });

  it('inspect --html pointing at the run\'s data is refused and the data kept', async () => {
    const dir = await copyOf(good);
    const before = await files(dir);
    expectOneLine(runCli(['inspect', dir, '--html', path.join(dir, 'sentences.jsonl')]), 2, /--html .*sentences\.jsonl: that is the run's sentences\.jsonl/);
    expectOneLine(runCli(['inspect', dir, '--html', '']), 2, /--html '': expected a file name/);
    expectOneLine(runCli(['inspect', '']), 2, /DIR '': expected a folder path/);
    expect(await files(dir)).toEqual(before);
  });
});

describe('--out that cannot be used: one line, exit 2', () => {
  it.each([
    ['an existing file', async (dir: string) => { await writeFile(path.join(dir, 'f'), 'x'); return path.join(dir, 'f'); }, /--out .*\/f: is a file, not a folder/],
    ['a folder under a file', async (dir: string) => { await writeFile(path.join(dir, 'f'), 'x'); return path.join(dir, 'f', 'sub'); }, /--out .*\/f\/sub: cannot create the folder \(ENOTDIR: a file is in the way\)/],
    ['the empty string', async () => '', /--out '': expected a folder path \(use --out \. for the current folder\)/],
  ])('%s', async (_case, make, message) => {
    const dir = await tempDir();
    const out = await make(dir);
    expectOneLine(runCli(['split', SEED(0), '--out', out], { cwd: dir }), 2, message);
    expect((await readdir(dir)).filter((n) => n !== 'f')).toEqual([]);
  });
});

describe('the run lock on --out', () => {
  it('a live holder: one line naming its pid, exit 2, nothing written', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.fralign.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00Z', command: 'fralign run seeds' }));
    expectOneLine(runCli(['split', SEED(0), '--out', dir]), 2, new RegExp(`is in use by fralign pid ${process.pid} on .* \\(started 2026-01-01T00:00:00Z: fralign run seeds\\); wait for it to finish`));
    expect(await readdir(dir)).toEqual(['.fralign.lock']);
  });

  it('a stale lock (its process is gone) and leftover temp files of killed writes are cleared, the run proceeds', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.fralign.lock'), JSON.stringify({ pid: deadPid(), host: os.hostname(), started: '2026-01-01T00:00:00Z', command: 'fralign split' }));
    await writeFile(path.join(dir, '.sentences.jsonl.0badc0de.tmp'), 'torn (old writer)');
    await writeFile(path.join(dir, `.manifest.json.${deadPid()}-0badc0de.tmp`), 'torn');
    const result = runCli(['split', SEED(0), '--out', dir, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['manifest.json', 'sentences.jsonl']);
  });

  it('a second process while one holds the lock: refused naming it; after kill -9 the stale lock is taken over', async () => {
    const dir = await tempDir();
    const { spawn } = await import('node:child_process');
    // A process that opens the run folder exactly as the commands do, then stays busy.
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `import('./src/output/run-folder.ts').then((m) => m.openRunFolder(${JSON.stringify(dir)}, { create: true })).then(() => { console.log('locked'); setInterval(() => {}, 1000); })`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const second = runCli(['split', SEED(0), '--out', dir]);
    expectOneLine(second, 2, new RegExp(`is in use by fralign pid ${holder.pid} on `));
    expect(await readdir(dir)).toEqual(['.fralign.lock']);
    const killed = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await killed;
    expect(await readdir(dir)).toEqual(['.fralign.lock']);
    const third = runCli(['split', SEED(0), '--out', dir, '--quiet']);
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['manifest.json', 'sentences.jsonl']);
  }, 60_000);
});

describe('--concurrency and --threads are capped by cores and memory', () => {
  const small = { cores: 8, memoryBytes: 3 * WORKER_MEMORY_BYTES };
  it.each([
    [() => capConcurrency(3, { cores: 2, memoryBytes: 64 * 2 ** 30 }), /--concurrency 3: at most 2 on this machine \(2 cores, 64\.0 GiB memory/],
    [() => capConcurrency(4, small), /--concurrency 4: at most 2 on this machine \(8 cores/],
    [() => capThreads(9, small), /--threads 9: at most 8 on this machine/],
  ])('%s', (call, message) => {
    expect(call).toThrow(message);
    expect(call).toThrow(FralignError);
  });

  it('accepts what fits', () => {
    expect(capConcurrency(2, small)).toBe(2);
    expect(capThreads(8, small)).toBe(8);
    expect(capConcurrency(undefined, small)).toBeUndefined();
  });

  it.each([['--concurrency', '1000'], ['--threads', '1000']])('the CLI refuses %s %s in one line, exit 2', async (flag, value) => {
    const dir = await tempDir();
    expectOneLine(runCli(['translate', '--out', dir, '--offline', flag, value]), 2, new RegExp(`${flag} 1000: at most \\d+ on this machine`));
  });
});

describe('inspect never lets article text drive the terminal', () => {
  const hostile = 'Titre\u001b]0;pwned\u0007 puis\u001b[2J\u001b]52;c;ZWNobyBoaQ==\u0007 fin\u009b31m\u202e';

  it.each([
    ['OSC title', '\u001b]0;x\u0007', '\\x1b]0;x\\x07'],
    ['CSI clear', '\u001b[2J', '\\x1b[2J'],
    ['C1 CSI', '\u009b31m', '\\x9b31m'],
    ['bidi override', 'a\u202eb', 'a\\u202eb'],
    ['carriage return', 'a\rb', 'a\\x0db'],
    ['tab', 'a\tb', 'a b'],
    ['plain French', 'L’été à Noël « oui »', 'L’été à Noël « oui »'],
  ])('%s', (_case, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  it('the rendered pairs and facts contain no control character, only their visible escapes', async () => {
    const dir = await tempDir();
    const seg = (doc: string, fr: string) => ({ id: `${doc}:0`, doc, index: 0, start: 0, end: fr.length, kind: 'body', fr, en: fr });
    const a = seg('a', hostile);
    const b = seg('b', 'Un titre calme');
    await writeFile(path.join(dir, 'sentences.jsonl'), `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
    await writeFile(path.join(dir, 'alignments.jsonl'), `${JSON.stringify({ a: a.id, b: b.id, a_doc: 'a', b_doc: 'b', a_start: 0, a_end: a.end, b_start: 0, b_end: b.end, a_fr: a.fr, b_fr: b.fr, a_en: a.fr, b_en: b.fr, score: 0.5, grade: 1, signals: {} })}\n`);
    await writeFile(path.join(dir, 'groups.jsonl'), `${JSON.stringify({ id: 'g1', docs: ['a', 'b'], score: 0.5, members: [a, b].map(({ id, doc, start, end, fr, en }) => ({ id, doc, start, end, fr, en })) })}\n`);
    for (const view of [[], ['--facts']]) {
      const result = runCli(['inspect', dir, '--width', '200', ...view]);
      expect(result.status).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(result.stdout).toContain('\\x1b]52;c;ZWNobyBoaQ==\\x07');
    }
  });
});

describe('large outputs: inspect pages and streams', () => {
  it('--offset with --limit shows one page, numbered within the whole run', async () => {
    const outputs = await loadRunOutputs('test/fixtures/inspect/basic');
    const text = renderTerminal(outputs, { offset: 2, limit: 2, width: 100 });
    expect(text).toMatch(/— 3–4 of 7 pairs \(limit 2 · offset 2\)/);
    expect(text).toMatch(/^#3 /m);
    expect(text).not.toMatch(/^#[12] /m);
    expect(text).toContain('… 3 more pairs (raise --limit to see them) · next page: --offset 4');
  });

  it('the text comes in one piece per block, never one string for the whole run', async () => {
    const outputs = await loadRunOutputs('test/fixtures/inspect/basic');
    const chunks = [...renderTerminalChunks(outputs, { width: 100 })];
    expect(chunks.length).toBe(1 + outputs.alignments.length);
    expect(chunks.join('')).toBe(renderTerminal(outputs, { width: 100 }));
  });
});

describe('sentences.jsonl offsets are checked before they reach alignments.jsonl', () => {
  const line = (start: number, end: number, fr = 'Bonjour.') => JSON.stringify({ id: 'a:0', doc: 'a', index: 0, start, end, kind: 'body', fr });
  it.each([
    ['negative', line(-3, 5), /sentences\.jsonl:2: expected a Segment with non-negative offsets \(start -3, end 5\)/],
    ['reversed', line(8, 0), /sentences\.jsonl:2: expected a Segment with start ≤ end \(start 8, end 0\)/],
    ['not spanning fr', line(0, 3), /sentences\.jsonl:2: expected a Segment whose offsets span its "fr" \(end − start = 8\)/],
    ['past the document end', line(40, 48), /sentences\.jsonl:2: expected a Segment inside its document \(20 characters long\) \(start 40, end 48\)/],
  ])('%s offsets: the line is named, nothing is aligned', async (_case, bad, message) => {
    const dir = await tempDir();
    const good = JSON.stringify({ id: 'b:0', doc: 'b', index: 0, start: 0, end: 8, kind: 'body', fr: 'Bonjour.' });
    await writeFile(path.join(dir, 'sentences.jsonl'), `${good}\n${bad}\n`);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ stages: {}, documents: [{ id: 'a', path: 'a.txt', segments: 1, chars: 20 }] }));
    await expect(runAlignStage(dir)).rejects.toThrow(message);
    expect(await readdir(dir)).not.toContain('alignments.jsonl');
  });
});
