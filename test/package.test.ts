// The package as a library user gets it: `npm run build` output (dist/ .js + .d.ts) installed as
// node_modules/fralign in a scratch project, imported by name from plain Node (no tsx, no vitest
// transform), through the `exports` map. Built into the scratch folder so the checkout's own dist/
// (which bin/fralign.js may be running) is never half-written while other tests use it.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  types: string;
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
let project: string;
/** Async, so vitest's worker keeps answering while tsc runs (a blocking spawnSync times its RPC out). */
const run = promisify(execFile);
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let installed: string;

function node(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'fralign-package-'));
  installed = path.join(project, 'node_modules', 'fralign');
  mkdirSync(installed, { recursive: true });
  try {
    await run(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(installed, 'dist')], { cwd: ROOT });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p tsconfig.build.json failed:\n${stdout}${stderr}`);
  }
  for (const asset of ['decode-worker.mjs', 'onnx.proto']) {
    copyFileSync(path.join(ROOT, 'src', 'translate', asset), path.join(installed, 'dist', 'translate', asset));
  }
  copyFileSync(path.join(ROOT, 'package.json'), path.join(installed, 'package.json'));
  // The package's own dependencies, where npm would have put them.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'package.json'), '{"type": "module", "private": true}\n');
}, 240_000);

describe('the dependency pins', () => {
  // Two onnxruntime-node copies in one process fail to load (`VERS_1.31.1 not found`): fralign's own
  // pin must be exactly the one transformers.js pins, and transformers.js is pinned so that an
  // install without the lockfile cannot pick a release that pins another.
  const transformers = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@huggingface', 'transformers', 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  it.each([
    ['onnxruntime-node', pkg.dependencies['onnxruntime-node'], transformers.dependencies['onnxruntime-node']],
    ['@huggingface/transformers', pkg.dependencies['@huggingface/transformers'], transformers.version],
  ])('%s is pinned exactly to what is installed and what transformers.js pins', (_name, ours, theirs) => {
    expect(ours).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ours).toBe(theirs);
  });

  it('keeps tsx (a TypeScript loader) out of what an installed fralign needs', () => {
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.scripts.prepare).toBe('npm run build');
  });
});

describe('the repository root', () => {
  it('holds no run outputs (an old bug wrote manifest.json and sentences.jsonl there, and they were committed)', () => {
    const tracked = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter((file) => file !== '' && !file.includes('/'));
    expect(tracked.length).toBeGreaterThan(0);
    expect(tracked.filter((file) => /^(manifest\.json|(sentences|alignments|groups|stories)\.jsonl|report\.html)$/.test(file))).toEqual([]);
  });
});

describe('the built package', () => {
  it('points main, types and the exports map at dist/, and the build script copies the worker entry', () => {
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.scripts.build).toBe('node scripts/build.mjs');
    expect(readFileSync(path.join(ROOT, 'scripts', 'build.mjs'), 'utf8')).toMatch(/tsconfig\.build\.json/);
    for (const file of ['index.js', 'index.d.ts', 'cli.js', 'types.d.ts', 'export/index.d.ts', 'translate/decode-worker.mjs']) {
      expect(existsSync(path.join(installed, 'dist', file)), file).toBe(true);
    }
  });

  it('imports by name from plain Node and runs the pipeline functions on real text', () => {
    const result = node(`
      import { segmentDocument, alignSegments, segmentRecords, codePointOffsets, FralignError, VERSION } from 'fralign';
      const text = 'Le président 😀 a parlé. Il a dit « oui ».';
      const doc = { id: 'a', path: 'a.txt', text, meta: { source: 'Le Monde' } };
      const segments = segmentDocument(doc);
      const records = [...segmentRecords(segments, [doc])];
      const b = { id: 'b', path: 'b.txt', text: 'Il a dit « oui ». Le président a parlé.', meta: {} };
      const aligned = alignSegments([...segments, ...segmentDocument(b)]);
      console.log(JSON.stringify({ version: VERSION, n: segments.length, rec: records[1], pairs: aligned.pairs.length, err: new FralignError('USAGE', 'x').code }));
    `);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { version: string; n: number; rec: Record<string, unknown>; pairs: number; err: string };
    expect(out.version).toBe(pkg.version);
    expect(out.n).toBe(2);
    expect(out.rec).toMatchObject({ fr: 'Il a dit « oui ».', source: 'Le Monde', title: null, en: null, start_cp: 24, start: 25 });
    expect(out.pairs).toBeGreaterThan(0);
    expect(out.err).toBe('USAGE');
  });

  it('ships declarations a TypeScript user compiles against', async () => {
    const user = path.join(project, 'use.ts');
    writeFileSync(user, "import { type Segment, type ExportFormat, runExport } from 'fralign';\nconst f: ExportFormat = 'parquet';\nconst s: Segment | undefined = undefined;\nexport const run: typeof runExport = runExport;\nexport { f, s };\n");
    const tsc = await run(
      process.execPath,
      [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), user],
      { cwd: project },
    ).then(() => ({ status: 0, stdout: '', stderr: '' }), (error: { code?: number; stdout?: string; stderr?: string }) => ({ status: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('refuses deep imports outside the exports map', () => {
    const result = node("import('fralign/dist/cli.js').then(() => console.log('imported'), (e) => console.log(e.code))");
    expect(result.stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
