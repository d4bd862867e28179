// Command-line conventions a shell user relies on: help with examples and exit codes (colour only when
// asked for), -V and `help`, `-` for standard input/output, `report`, and `run` taking every stage's flags.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpUsesColor } from '../src/commands/help.ts';
import { ROOT, runCliAsync, SEEDS, type CliResult } from './helpers/cli.ts';

const BIN = path.join(ROOT, 'bin', 'fralign.js');
const ESC = '\u001B[';

/** The CLI in a child process, asynchronously; NO_COLOR is not forced here (pass it in env). */
const fralign = (args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> =>
  runCliAsync(args, { ...options, env: { NO_COLOR: undefined, ...options.env } });

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'fralign-conv-'));
const jsonl = <T>(text: string): T[] => text.trim().split('\n').map((line) => JSON.parse(line) as T);
const CORPUS = [
  { id: 'lm', outlet: 'Le Monde', title: 'Obus nord-coréens', url: 'https://example.org/lm', date: '2023-09-05', text: 'La Russie achète des obus 🚀 à la Corée du Nord, selon Washington. Le Kremlin dément.' },
  { id: 'lf', source: 'Le Figaro', text: 'Selon Washington, la Russie achète des obus à la Corée du Nord. Le Kremlin dément toute livraison.' },
]
  .map((line) => `${JSON.stringify(line)}\n`)
  .join('');

describe('help', () => {
  it.each([
    [['--help'], 'fralign run seeds --out out'],
    [['help'], 'fralign run seeds --out out'],
    [['help', 'export'], 'fralign export out --format hf --out - > train.jsonl'],
    [['export', '--help'], 'fralign export out --format hf --out - > train.jsonl'],
    [['inspect', '-h'], 'fralign inspect out --json - > pairs.jsonl'],
  ])('%j prints usage, examples and exit codes on stdout, without colour codes when piped', async (args, example) => {
    const result = await fralign(args, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('USAGE');
    expect(result.stdout).toContain('EXAMPLES');
    expect(result.stdout).toContain(example);
    expect(result.stdout).toMatch(/EXIT CODES\n\n {2}0 +success\n {2}1 .*\n(?: .*\n)* {2}2 +usage error.*\n {2}130 +interrupted/);
    expect(result.stdout).not.toContain(ESC);
  });

  it('colours help when FORCE_COLOR is set, even into a pipe (and CI=true does not stop it)', async () => {
    const result = await fralign(['split', '--help'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined, CI: 'true' } });
    expect(result.stdout).toContain(`${ESC}4m${ESC}1mOPTIONS`);
  });

  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [false, {}, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, true],
    [true, { TERM: 'dumb' }, false],
  ])('helpUsesColor(tty=%s, %j) = %s', async (tty, env, expected) => {
    expect(helpUsesColor(tty, env)).toBe(expected);
  });

  it('wraps option descriptions to the width without cutting words', async () => {
    const lines = (await fralign(['run', '--help'])).stdout.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines.some((line) => line.includes('--threshold=<THRESHOLD>'))).toBe(true);
  });

  it('bare `fralign` is a usage error: help on stderr, nothing on stdout, exit 2', async () => {
    const result = await fralign([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('COMMANDS');
  });
});

describe('version', () => {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  it.each([['--version'], ['-V'], ['-v']])('%s prints the package version alone', async (flag) => {
    const result = await fralign([flag]);
    expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('standard input and output', () => {
  it.each([['-'], ['/dev/stdin']])('split %s reads JSONL piped in as one document per line, with outlet names', async (input) => {
    const out = tmp();
    const result = await fralign(['split', input, '--out', out], { input: CORPUS });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^split: 2 documents, \d+ segments/);
    const sentences = jsonl<{ doc: string; source: string | null }>(readFileSync(path.join(out, 'sentences.jsonl'), 'utf8'));
    expect(new Map(sentences.map((s) => [s.doc, s.source]))).toEqual(new Map([['lm', 'Le Monde'], ['lf', 'Le Figaro']]));
  });

  it('split /dev/stdin reads a real shell pipe too', async () => {
    const out = tmp();
    const corpus = path.join(out, 'corpus.jsonl');
    writeFileSync(corpus, CORPUS);
    const result = spawnSync('sh', ['-c', `cat "$1" | "$2" "$3" split /dev/stdin --out "$4"`, 'sh', corpus, process.execPath, BIN, out], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^split: 2 documents, \d+ segments/);
  });

  it('split - reads plain text piped in as one article called "stdin" (and says "1 document")', async () => {
    const out = tmp();
    const result = await fralign(['split', '-', '--out', out], { input: 'Le Kremlin dément. La Russie achète des obus.\n' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^split: 1 document, 2 segments/);
    expect(jsonl<{ doc: string }>(readFileSync(path.join(out, 'sentences.jsonl'), 'utf8')).map((s) => s.doc)).toEqual(['stdin', 'stdin']);
  });

  it('inspect --json - writes every pair as a JSON line with all fields, outlets included', async () => {
    const out = tmp();
    expect((await fralign(['run', '-', '--out', out, '--no-translate', '--quiet'], { input: CORPUS })).status).toBe(0);
    const pairs = await fralign(['inspect', out, '--json', '-']);
    expect(pairs.status).toBe(0);
    const lines = jsonl<Record<string, unknown>>(pairs.stdout);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({ a_doc: 'lf', b_doc: 'lm', a_source: 'Le Figaro', b_source: 'Le Monde', b_title: 'Obus nord-coréens', a_en: null, b_en: null, story: 's1' });
    }
    const facts = jsonl<{ members: { source: string | null }[] }>((await fralign(['inspect', out, '--json', '-', '--facts', '--limit', '2'])).stdout);
    expect(facts).toHaveLength(2);
    expect(facts[0]!.members.map((m) => m.source).sort()).toEqual(['Le Figaro', 'Le Monde']);
  });
});

describe('fralign report', () => {
  it('writes DIR/report.html from a run folder, or the page to stdout with --out -', async () => {
    const out = tmp();
    expect((await fralign(['run', '-', '--out', out, '--no-translate', '--quiet'], { input: CORPUS })).status).toBe(0);
    const result = await fralign(['report', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^report: .*report\.html \(\d+ KiB\)\n$/);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const piped = await fralign(['report', out, '--out', '-']);
    expect(piped.stdout).toMatch(/^<!doctype html>/i);
  });

  it('names the missing file and the command that makes it, exit 1', async () => {
    const result = await fralign(['report', tmp()]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/sentences\.jsonl not found/);
  });
});

describe('fralign run takes every stage\'s flags', () => {
  it('passes align flags (--tie-ratio, --no-english, --threshold) and split flags (--meta) through', async () => {
    const out = tmp();
    const meta = path.join(out, 'meta.csv');
    writeFileSync(meta, 'file,outlet,title\n000_cbf94cc716c46ff7.txt,Fox News,"Russie, Corée du Nord"\n');
    const result = await fralign(['run', SEEDS, '--out', out, '--no-translate', '--quiet', '--tie-ratio', '0.9', '--no-english', '--threshold', '1.3', '--meta', meta]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      stages: { align: { options: Record<string, unknown> } };
      documents: { id: string; source: string | null; title: string | null }[];
    };
    expect(manifest.stages.align.options).toMatchObject({ tieRatio: 0.9, english: false, threshold: 1.3 });
    expect(manifest.documents.find((d) => d.id === '000_cbf94cc716c46ff7')).toMatchObject({ source: 'Fox News', title: 'Russie, Corée du Nord' });
    expect(manifest.documents.filter((d) => d.source === null)).toHaveLength(4);
  });

  it.each([
    [['--k', '2.5'], /--k: expected a whole number >= 1, got "2.5"/],
    [['--threshold', 'high'], /--threshold: expected a number/],
  ])('refuses a bad align value %j before doing any work, exit 2', async (flags, message) => {
    const result = await fralign(['run', SEEDS, '--out', tmp(), '--no-translate', ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('terminal widths', () => {
  it.each([
    ['a 😀 b', 6],
    ['e\u0301té', 3],
    ['北京', 4],
  ])('displayWidth(%j) = %i columns, as a terminal draws it', async (text, columns) => {
    const { displayWidth } = await import('../src/inspect/wrap.ts');
    expect(displayWidth(text)).toBe(columns);
  });

  it('wraps so that no line is wider than asked, emoji and long words included, losing nothing', async () => {
    const { displayWidth, wrapText } = await import('../src/inspect/wrap.ts');
    const text = 'Le président 😀😀😀 a parlé https://example.org/un/tres/long/chemin/😀/qui/deborde à Paris';
    const lines = wrapText(text, 12);
    expect(lines.every((line) => displayWidth(line) <= 12)).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

describe('where models live', () => {
  it.each([
    ['FRALIGN_MODELS', (dir: string) => ({ args: [], env: { FRALIGN_MODELS: dir } })],
    ['--models-dir', (dir: string) => ({ args: ['--models-dir', dir], env: { FRALIGN_MODELS: path.join(dir, 'not-this-one') } })],
  ])('%s chooses the models folder (the flag wins over the variable)', async (_name, setup) => {
    const out = tmp();
    const models = path.join(out, 'my-models');
    expect((await fralign(['split', SEEDS, '--out', out, '--quiet'])).status).toBe(0);
    const { args, env } = setup(models);
    const result = await fralign(['translate', '--out', out, '--offline', '--quiet', ...args], { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`not found in ${path.join(models, 'Xenova', 'opus-mt-fr-en')}`);
  });
});
