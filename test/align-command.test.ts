// `fralign align DIR` as a user runs it: reads sentences.jsonl, writes the two JSONL files.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runAlignStage } from '../src/align/stage.ts';
import { alignOptionsFromArgs } from '../src/commands/align.ts';
import type { AlignmentPair, FactGroup } from '../src/types.ts';

const run = promisify(execFile);
const MERGE_SEGMENTS = 'test/fixtures/align/merge-split/segments.jsonl';

async function folderWithSentences(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fralign-align-'));
  await writeFile(path.join(dir, 'sentences.jsonl'), await readFile(MERGE_SEGMENTS, 'utf8'));
  return dir;
}

const lines = async <T>(file: string): Promise<T[]> => (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as T);

describe('runAlignStage', () => {
  it('writes alignments.jsonl and groups.jsonl, no temp files left, and an align manifest section', async () => {
    const dir = await folderWithSentences();
    const result = await runAlignStage(dir);
    const pairs = await lines<AlignmentPair>(path.join(dir, 'alignments.jsonl'));
    const groups = await lines<FactGroup>(path.join(dir, 'groups.jsonl'));
    expect(pairs.length).toBe(result.pairs);
    expect(groups.length).toBe(result.groups);
    // Without stories.jsonl every document is one story.
    expect(new Set([...pairs, ...groups].map((x) => x.story))).toEqual(new Set(['s1']));
    expect(pairs.length).toBe(5);
    expect((await readdir(dir)).sort()).toEqual(['alignments.jsonl', 'groups.jsonl', 'manifest.json', 'sentences.jsonl']);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { stages: { align: { counts: { pairs: number } } } };
    expect(manifest.stages.align.counts.pairs).toBe(5);
  });

  it('says to run `fralign split` first when sentences.jsonl is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fralign-align-'));
    await expect(runAlignStage(dir)).rejects.toThrow(/sentences\.jsonl not found; run `fralign split/);
  });

  it('names file:line of a line that is not a segment', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fralign-align-'));
    await writeFile(path.join(dir, 'sentences.jsonl'), '{"id":"a:0","doc":"a","index":0,"start":0,"end":1,"kind":"body","fr":"A"}\n{"id":"b:0"}\n');
    await expect(runAlignStage(dir)).rejects.toThrow(/sentences\.jsonl:2: expected a segment/);
  });
});

describe('fralign align (CLI)', () => {
  it('prints a one-line summary and exits 0; rejects a bad --threshold with exit 2', async () => {
    const dir = await folderWithSentences();
    const cli = ['node_modules/.bin/tsx', 'src/cli.ts', 'align', '--out', dir];
    const ok = await run(cli[0] as string, cli.slice(1));
    expect(ok.stdout).toBe('');
    expect(ok.stderr.trim().split('\n')).toHaveLength(1);
    expect(ok.stderr).toMatch(/^align: 3 documents, 9 segments → 5 pairs \(\d grade 2\), 3 fact groups \(2 across documents\)/);
    const bad = await run(cli[0] as string, [...cli.slice(1), '--threshold', 'abc']).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--threshold: expected a number');
  }, 60_000);

  it('drops the many-to-many pass with --no-merge (the merged sentence keeps one partner), and rejects a bad --k with exit 2', async () => {
    const dir = await folderWithSentences();
    const cli = ['src/cli.ts', 'align', '--out', dir];
    // At the default tie ratio (0.7) the near-tie step alone gives the merged sentence its second
    // partner, so the merge pass is shown with a stricter one.
    const single = await run('node_modules/.bin/tsx', [...cli, '--no-merge', '--tie-ratio', '0.8']);
    // 3, not 5: the merged sentence keeps one partner in outlet-a, and then its pair with outlet-c
    // is contradicted by outlet-a (its two sentences pair with different outlet-a sentences there).
    expect(single.stderr).toMatch(/→ 3 pairs/);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { stages: { align: { options: { merge: boolean } } } };
    expect(manifest.stages.align.options.merge).toBe(false);
    const bad = await run('node_modules/.bin/tsx', [...cli, '--k', '2.5']).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--k: expected a whole number');
  }, 60_000);
});

describe('alignOptionsFromArgs: the boolean flags reach the options (off only when asked)', () => {
  it.each([
    { args: {}, expected: {} },
    { args: { 'gap-fill': false }, expected: { gapFill: false } },
    { args: { 'gap-fill': true, merge: true }, expected: {} },
    { args: { merge: false, consistency: false, learn: false }, expected: { merge: false, consistency: false, learn: false } },
  ])('$args', ({ args, expected }) => {
    const options = Object.fromEntries(Object.entries(alignOptionsFromArgs(args)).filter(([, v]) => v !== undefined));
    expect(options).toEqual(expected);
  });
});

describe('alignOptionsFromArgs: --chance-floor reaches the options, a bad value is refused', () => {
  it('4 → chanceFloor 4; -1 → an error naming the flag', () => {
    expect(alignOptionsFromArgs({ 'chance-floor': '4' }).chanceFloor).toBe(4);
    expect(() => alignOptionsFromArgs({ 'chance-floor': '-1' })).toThrow(/--chance-floor/);
  });
});
