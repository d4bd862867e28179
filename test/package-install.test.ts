// fralign as a user installs it: scripts/install-tarball.sh packs this checkout and installs the
// tarball with `npm install --global` into an empty prefix — no lockfile, dependencies resolved as
// for `npm i -g fralign` (from npm's cache when it has them, else the registry), onnxruntime-node's
// NuGet download skipped — then the installed command runs from a folder that is not the clone.
// What the repo's own node_modules and lockfile hide shows here: two onnxruntime-node copies in
// one process, files the code reads at run time missing from dist/, a bin that needs tsx.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from './helpers/cli.ts';

const exec = promisify(execFile);
const TINY_MODEL = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
let prefix: string;
let elsewhere: string;

interface Result {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs without blocking vitest's worker; never throws on a non-zero exit. */
async function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Result> {
  try {
    const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    const { stdout, stderr } = await exec(file, args, { cwd, env: merged, timeout: 180_000, maxBuffer: 64 << 20 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof code === 'number' ? code : 1, stdout, stderr: `${stderr}${String(error)}` };
  }
}

/** The installed command, with only the prefix's bin/ and the system's folders on PATH. */
function fralign(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  const PATH = [path.join(prefix, 'bin'), path.dirname(process.execPath), '/usr/bin', '/bin'].join(':');
  const merged: NodeJS.ProcessEnv = { PATH, FRALIGN_MODELS: path.join(elsewhere, 'no-models'), ...env };
  return run(path.join(prefix, 'bin', 'fralign'), args, elsewhere, merged);
}

function packagesNamed(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    if (entry.name === name && existsSync(path.join(child, 'package.json'))) found.push(child);
    found.push(...packagesNamed(child, name));
  }
  return found;
}

beforeAll(async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'fralign-install-'));
  prefix = path.join(scratch, 'prefix');
  elsewhere = path.join(scratch, 'elsewhere');
  mkdirSync(elsewhere);
  const install = await run('bash', [path.join(ROOT, 'scripts', 'install-tarball.sh'), prefix], scratch);
  if (install.status !== 0) throw new Error(`scripts/install-tarball.sh failed:\n${install.stdout}${install.stderr}`);
}, 400_000);

describe('the packed tarball installed into an empty prefix', () => {
  it('holds one onnxruntime-node, and no lockfile, TypeScript sources or test fixtures', () => {
    const lib = path.join(prefix, 'lib', 'node_modules');
    expect(packagesNamed(lib, 'onnxruntime-node').map((dir) => path.relative(lib, dir))).toEqual(['fralign/node_modules/onnxruntime-node']);
    const installed = path.join(lib, 'fralign');
    for (const absent of ['package-lock.json', 'src', 'test', 'seeds', 'node_modules/tsx']) expect(existsSync(path.join(installed, absent)), absent).toBe(false);
    expect(existsSync(path.join(lib, 'tsx'))).toBe(false);
    expect(existsSync(path.join(installed, 'dist', 'translate', 'onnx.proto'))).toBe(true);
  });

  it('answers `fralign --help` from another folder', async () => {
    const result = await fralign(['--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/USAGE/);
  });

  it('runs `fralign run` on the seeds with the committed tiny model, translation included', async () => {
    const result = await fralign(['run', SEEDS, '--out', 'with-model', '--model', TINY_MODEL]);
    expect(result.status, result.stderr).toBe(0);
    const lines = readFileSync(path.join(elsewhere, 'with-model', 'sentences.jsonl'), 'utf8').trim().split('\n');
    const body = lines.map((line) => JSON.parse(line) as { kind: string; en: string | null }).filter((s) => s.kind === 'body');
    expect(body.length).toBeGreaterThan(50);
    expect(body.every((s) => typeof s.en === 'string' && s.en.length > 0)).toBe(true);
    expect(existsSync(path.join(elsewhere, 'with-model', 'report.html'))).toBe(true);
  });

  it('runs `fralign run` without a model: French only, exit 0, one line saying translation was skipped', async () => {
    const result = await fralign(['run', SEEDS, '--out', 'no-model', '--offline']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim().split('\n').filter((line) => /translation skipped/.test(line))).toHaveLength(1);
    expect(existsSync(path.join(elsewhere, 'no-model', 'report.html'))).toBe(true);
  });

  it('looks for the model in the user\'s cache folder, not in the installed package, when FRALIGN_MODELS is unset', async () => {
    const home = path.join(elsewhere, 'home');
    const result = await fralign(['run', SEEDS, '--out', 'cache-model', '--offline'], { FRALIGN_MODELS: undefined, HOME: home, XDG_CACHE_HOME: undefined });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`not found in ${path.join(home, '.cache', 'fralign', 'models', 'Xenova', 'opus-mt-fr-en')}`);
  });

  it('imports by name from plain Node where it is installed', async () => {
    const result = await run(process.execPath, ['-e', "import('fralign').then((m) => console.log(typeof m.segmentDocument, m.VERSION))"], path.join(prefix, 'lib'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(result.stdout.trim()).toBe(`function ${version}`);
  });
});

describe('the tarball npm pack makes', () => {
  it('carries dist/, bin/, schemas/ and docs, and nothing large or test-only', async () => {
    const result = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT);
    expect(result.status, result.stderr).toBe(0);
    const [packed] = JSON.parse(result.stdout) as { size: number; files: { path: string; size: number }[] }[];
    const files = packed!.files.map((file) => file.path);
    expect(files).toContain('bin/fralign.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/translate/onnx.proto');
    expect(files.filter((file) => /^(src|test|seeds|models|bench|scripts|node_modules)\/|\.onnx$|^package-lock\.json$/.test(file))).toEqual([]);
    expect(packed!.size).toBeLessThan(2_000_000);
  });
});
