// The scale-out recipes of docs/scale.md, run as written: their shell blocks are read from the doc
// (so the doc cannot drift from what was tested) and run by bash in a scratch folder holding
// `corpus/` and the tiny test model as models/Xenova/opus-mt-fr-en, with the `fralign` of the packed
// tarball (scripts/install-tarball.sh) on PATH. The merged folder must be byte-identical to one
// unsharded `fralign run corpus/`.
//
// Needs GNU parallel and a running Slurm cluster (scripts/slurm-local.sh start, as root), so it runs
// only with FRALIGN_RECIPES=1: .ci/run sets it in a step of its own after `npm test`.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from './helpers/cli.ts';

const ENABLED = process.env['FRALIGN_RECIPES'] === '1';
if (!ENABLED) console.warn('test/scale-recipes.test.ts: skipped; set FRALIGN_RECIPES=1 with GNU parallel installed and `scripts/slurm-local.sh start` run (.ci/run does both)');

const exec = promisify(execFile);
const COMPARED = ['sentences.jsonl', 'stories.jsonl', 'alignments.jsonl', 'groups.jsonl'];
const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
let scratch: string;
let env: NodeJS.ProcessEnv;
let single: string;

/** The ```sh blocks of one `### heading` section of docs/scale.md, in order. */
function recipeBlocks(heading: string): string[] {
  const doc = readFileSync(path.join(ROOT, 'docs', 'scale.md'), 'utf8');
  const start = doc.indexOf(`### ${heading}`);
  if (start === -1) throw new Error(`docs/scale.md has no "### ${heading}" section`);
  const next = /\n#{2,3} /g;
  next.lastIndex = start + 4;
  const end = next.exec(doc)?.index;
  const section = doc.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** A folder laid out as the recipes expect: corpus/ and models/<default id>/ (tracked files only). */
function workFolder(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(path.join(dir, 'corpus'), { recursive: true });
  for (const from of [SEEDS, path.join(ROOT, 'test', 'fixtures', 'corpus')]) {
    for (const file of readdirSync(from).filter((f) => f.endsWith('.txt'))) cpSync(path.join(from, file), path.join(dir, 'corpus', file));
  }
  cpSync(TINY, path.join(dir, 'models', 'Xenova', 'opus-mt-fr-en'), { recursive: true, filter: (file) => !/\.int8rows-v/.test(file) });
  return dir;
}

async function sh(script: string, cwd: string, timeout = 600_000): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, timeout, maxBuffer: 64 << 20 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof code === 'number' ? code : 1, stdout, stderr: `${stderr}${String(error)}` };
  }
}

function expectSameAsSingle(dir: string): void {
  for (const file of COMPARED) {
    expect(readFileSync(path.join(dir, file)).equals(readFileSync(path.join(single, 'run', 'all', file))), file).toBe(true);
  }
  expect(readFileSync(path.join(dir, 'sentences.jsonl'), 'utf8')).toMatch(/"en":"[^"]/);
}

/** `scontrol show job ID` as key=value pairs (the first record: an array task's own). */
async function jobInfo(id: string): Promise<Record<string, string>> {
  const { stdout } = await exec('scontrol', ['show', 'job', '-o', id], { env });
  const first = stdout.split('\n')[0] ?? '';
  return Object.fromEntries(first.split(/\s+/).filter((kv) => kv.includes('=')).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

async function waitForJob(id: string, folder: string, limitMs = 540_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const state = (await jobInfo(id))['JobState'] ?? 'UNKNOWN';
    if (state === 'COMPLETED') return;
    const pendingForever = state === 'PENDING' && /DependencyNeverSatisfied/.test(JSON.stringify(await jobInfo(id)));
    if (['FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(state) || pendingForever || Date.now() - started > limitMs) {
      const logs = readdirSync(folder).filter((f) => f.startsWith('slurm-')).map((f) => `${f}:\n${readFileSync(path.join(folder, f), 'utf8')}`);
      throw new Error(`Slurm job ${id} ended ${state}; task logs:\n${logs.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Submits the Slurm recipe in a fresh folder; `during` runs while the jobs are queued or running. */
async function submitSlurmRecipe(name: string, during?: (folder: string) => Promise<void>): Promise<{ folder: string; seconds: number }> {
  const [sbatch, submit] = recipeBlocks('Slurm job array');
  const folder = workFolder(name);
  writeFileSync(path.join(folder, 'fralign.sbatch'), sbatch as string);
  const started = Date.now();
  const submitted = await sh(submit as string, folder);
  expect(submitted.status, submitted.stderr).toBe(0);
  const mergeJob = submitted.stdout.trim().split('\n').pop() as string;
  expect(mergeJob).toMatch(/^\d+$/);
  if (during) await during(folder);
  await waitForJob(mergeJob, folder);
  return { folder, seconds: (Date.now() - started) / 1000 };
}

describe.skipIf(!ENABLED)('docs/scale.md recipes, run as written', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'fralign-recipes-'));
    const prefix = path.join(scratch, 'prefix');
    const install = await sh(`${JSON.stringify(path.join(ROOT, 'scripts', 'install-tarball.sh'))} ${JSON.stringify(prefix)}`, scratch);
    if (install.status !== 0) throw new Error(`scripts/install-tarball.sh failed:\n${install.stdout}${install.stderr}`);
    env = { ...process.env, PATH: `${path.join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
    delete env['FRALIGN_MODELS'];
    // The unsharded reference: the same corpus and model, one process.
    single = workFolder('single');
    const started = Date.now();
    const one = await sh('export FRALIGN_MODELS=$PWD/models; fralign run corpus/ --out run/all -q', single);
    if (one.status !== 0) throw new Error(`fralign run corpus/ failed:\n${one.stderr}`);
    console.log(`scale-recipes: one unsharded \`fralign run corpus/\` took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);

  it('GNU parallel: 4 shards, two passes, merged = one run', async () => {
    const [recipe] = recipeBlocks('GNU parallel');
    const folder = workFolder('parallel');
    const started = Date.now();
    const result = await sh(recipe as string, folder);
    expect(result.status, result.stderr).toBe(0);
    console.log(`scale-recipes: GNU parallel recipe (4 shards, 2 passes, merge) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expectSameAsSingle(path.join(folder, 'run', 'all'));
  }, 600_000);

  it('Slurm: sbatch --array=0-3 twice, then the merge job (afterok): merged = one run', async () => {
    const { folder, seconds } = await submitSlurmRecipe('slurm');
    console.log(`scale-recipes: Slurm recipe (fetch-model, 2 arrays of 4 tasks, merge job) took ${seconds.toFixed(1)} s from submission to merged`);
    expectSameAsSingle(path.join(folder, 'run', 'all'));
  }, 600_000);

  it('Slurm: a pass-1 task requeued mid-run (scontrol requeue) still gives the same bytes', async () => {
    let requeued = '';
    const { folder } = await submitSlurmRecipe('slurm-requeue', async (work) => {
      // The first running task of the first array (pass 1), once it has split (its sentences.jsonl is
      // there) and is translating.
      const started = Date.now();
      while (requeued === '' && Date.now() - started < 300_000) {
        const { stdout } = await exec('squeue', ['-h', '-t', 'R', '-o', '%F %K'], { env });
        const running = stdout.trim().split('\n').filter(Boolean).map((line) => line.split(' ').map(Number) as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const first = running.find(([job]) => job === Math.min(...running.map(([j]) => j)));
        if (first && existsSync(path.join(work, 'run', `shard-${first[1]}`, 'sentences.jsonl'))) {
          requeued = `${first[0]}_${first[1]}`;
          await exec('scontrol', ['requeue', requeued], { env });
        } else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(requeued, 'no pass-1 task was seen running').not.toBe('');
    });
    const info = await jobInfo(requeued);
    expect(Number(info['Restarts']), `scontrol show job ${requeued}`).toBeGreaterThanOrEqual(1);
    expect(info['JobState']).toBe('COMPLETED');
    expectSameAsSingle(path.join(folder, 'run', 'all'));
  }, 600_000);
});
