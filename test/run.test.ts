// The whole job as a newcomer runs it: `fralign run seeds`, with and without a translation model.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlignmentPair, FactGroup, Segment } from '../src/types.ts';
import { ROOT, runCli, SEEDS, type CliResult } from './helpers/cli.ts';
import { schemaErrors } from './helpers/schemas.ts';

const TINY_MODEL = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');

async function readJsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as T);
}

interface RunFiles {
  readonly result: CliResult;
  readonly segments: Segment[];
  readonly pairs: AlignmentPair[];
  readonly groups: FactGroup[];
  readonly manifest: { stages: Record<string, { status: string; note?: string }>; model?: { id: string; hash: string } };
}

async function runOnSeeds(extra: readonly string[]): Promise<RunFiles> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'fralign-run-'));
  const result = runCli(['run', SEEDS, '--out', out, ...extra]);
  return {
    result,
    segments: await readJsonl<Segment>(path.join(out, 'sentences.jsonl')),
    pairs: await readJsonl<AlignmentPair>(path.join(out, 'alignments.jsonl')),
    groups: await readJsonl<FactGroup>(path.join(out, 'groups.jsonl')),
    manifest: JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as RunFiles['manifest'],
  };
}

function expectValidOutputs(run: RunFiles): void {
  expect(schemaErrors('segment', run.segments)).toEqual([]);
  expect(schemaErrors('alignment', run.pairs)).toEqual([]);
  expect(schemaErrors('group', run.groups)).toEqual([]);
  expect(schemaErrors('manifest', [run.manifest])).toEqual([]);
  const ids = new Set(run.segments.map((s) => s.id));
  for (const pair of run.pairs) {
    expect(ids.has(pair.a) && ids.has(pair.b), `${pair.a} ${pair.b}`).toBe(true);
    expect(pair.a_doc).not.toBe(pair.b_doc);
  }
  // Every body/title segment is in exactly one fact group.
  const grouped = run.groups.flatMap((g) => g.members.map((m) => m.id)).sort();
  const alignable = run.segments.filter((s) => s.kind !== 'boilerplate').map((s) => s.id).sort();
  expect(grouped).toEqual(alignable);
}

describe('fralign run seeds, offline with no model', () => {
  let run: RunFiles;
  beforeAll(async () => {
    run = await runOnSeeds(['--offline']);
  });

  it('still splits, aligns and reports, and says in one line that translation was skipped and why', () => {
    expect(run.result.status).toBe(0);
    const errors = run.result.stderr.trim().split('\n').filter((line) => line.startsWith('fralign: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^fralign: translation skipped: model Xenova\/opus-mt-fr-en .* not found in .*models.* fetch-model/);
    // Summaries are messages: on stderr, so standard output carries only data (none, for run).
    expect(run.result.stdout).toBe('');
    expect(run.result.stderr).toMatch(/^split: 5 documents/m);
    expect(run.result.stderr).toMatch(/^align: \d+ sentence pairs/m);
    expect(run.result.stderr).toMatch(/^report: .*report\.html/m);
    expect(run.manifest.stages['translate']).toMatchObject({ status: 'skipped' });
    expect(run.segments.some((s) => s.en !== null)).toBe(false);
  });

  it('writes outputs that satisfy the schemas and reference each other', () => {
    expectValidOutputs(run);
    expect(run.pairs.length).toBeGreaterThan(10);
    expect(run.groups.filter((g) => g.docs.length >= 3).length).toBeGreaterThan(3);
  });
});

describe('fralign run seeds --model <tiny fixture>', () => {
  let run: RunFiles;
  beforeAll(async () => {
    run = await runOnSeeds(['--model', TINY_MODEL, '--quiet']);
  });

  it('fills English for every body and title sentence and records the model in the manifest', () => {
    expect(run.result.stderr).toBe('');
    expect(run.result.status).toBe(0);
    const translatable = run.segments.filter((s) => s.kind !== 'boilerplate');
    expect(translatable.filter((s) => !s.en)).toEqual([]);
    expect(run.segments.filter((s) => s.kind === 'boilerplate' && s.en !== null)).toEqual([]);
    expect(run.manifest.stages['translate']).toMatchObject({ status: 'done' });
    expect(run.manifest.model?.hash).toMatch(/^[0-9a-f]{64}$/);
    expectValidOutputs(run);
    expect(run.pairs.every((p) => typeof p.a_en === 'string' && typeof p.b_en === 'string')).toBe(true);
  });
});
