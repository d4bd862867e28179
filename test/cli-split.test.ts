import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../src/types.ts';
import { runCli, runCliAsync, SEEDS, type CliResult } from './helpers/cli.ts';
import { schemaErrors } from './helpers/schemas.ts';

async function readLines<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as T);
}

describe('fralign split seeds', () => {
  let out: string;
  let result: CliResult;
  let segments: Segment[];
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'fralign-split-'));
    result = runCli(['split', SEEDS, '--out', out]);
    segments = await readLines<Segment>(path.join(out, 'sentences.jsonl'));
  });

  it('exits 0 with a one-line summary of documents, sentences and boilerplate on stderr, nothing on stdout', () => {
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^split: 5 documents, \d+ segments \(\d+ body, \d+ title, \d+ boilerplate\)(?:; not French: \d+ segments? \([a-z]{2} \d+\))? → .*sentences\.jsonl\n$/);
  });

  it('writes segments whose offsets give back the French exactly', async () => {
    const texts = new Map<string, string>();
    for (const s of segments) {
      if (!texts.has(s.doc)) texts.set(s.doc, await readFile(path.join(SEEDS, `${s.doc}.txt`), 'utf8'));
      expect(texts.get(s.doc)?.slice(s.start, s.end)).toBe(s.fr);
    }
    expect(new Set(segments.map((s) => s.doc)).size).toBe(5);
  });

  it('writes lines and a manifest that satisfy the JSON Schemas', async () => {
    expect(schemaErrors('segment', segments)).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(schemaErrors('manifest', [manifest])).toEqual([]);
    expect(manifest).toMatchObject({ failures: [], stages: { split: { status: 'done', counts: { documents: 5, segments: segments.length } } } });
  });
});

describe('fralign split with bad inputs', () => {
  it('reports each bad input in one line, still writes the good documents, and exits 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-bad-'));
    const out = path.join(dir, 'out');
    await writeFile(path.join(dir, 'ok.txt'), 'M. Dupont est arrivé. Il est reparti.');
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'corpus.jsonl'), '{"id":"a","text":"Bonjour."}\nnot json\n');
    const result = runCli(['split', path.join(dir, 'ok.txt'), path.join(dir, 'empty.txt'), path.join(dir, 'corpus.jsonl'), path.join(dir, 'nope.txt'), '--out', out]);
    expect(result.status).toBe(1);
    const errors = result.stderr.trim().split('\n').filter((line) => line.startsWith('fralign: '));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^fralign: .*empty\.txt: empty file/);
    expect(errors[1]).toMatch(/^fralign: .*corpus\.jsonl:2: invalid JSON/);
    expect(errors[2]).toMatch(/^fralign: .*nope\.txt: no such file or folder/);
    expect(result.stderr).toMatch(/^split: 2 documents, 3 failed, 3 segments/m);
    const segments = await readLines<Segment>(path.join(out, 'sentences.jsonl'));
    expect(segments.map((s) => s.fr)).toEqual(['M. Dupont est arrivé.', 'Il est reparti.', 'Bonjour.']);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { failures: unknown[] };
    expect(manifest.failures).toHaveLength(3);
  });

  it.each([
    [['split'], /no inputs given/],
    [['split', 'seeds', '--ouy', 'x'], /unknown option --ouy; expected one of: --out, --meta, --quiet/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('usage errors exit 2: %j', (args, message) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints help for every command', async () => {
    for (const command of ['split', 'translate', 'align', 'run', 'inspect', 'report', 'export', 'fetch-model']) {
      const result = await runCliAsync([command, '--help']);
      expect(result.status, command).toBe(0);
      expect(result.stdout, command).toContain(`fralign ${command}`);
    }
  });
});
