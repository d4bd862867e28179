// The report built from the run folder's files story by story (src/report/run-files.ts) is the very
// report the in-memory view builds, whatever order the files' lines come in; a bad line is named by
// file:line; no page of an earlier run is left behind.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunOutputs } from '../src/inspect/load.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import { runReportStage } from '../src/pipeline/report.ts';
import { writeReport, writeReportFrom } from '../src/report/page.ts';
import { runFilesSource } from '../src/report/run-files.ts';
import { largeRun } from './helpers/large-run.ts';

const jsonl = (values: readonly unknown[]) => values.map((v) => `${JSON.stringify(v)}\n`).join('');

async function writeRun(dir: string, outputs: RunOutputs, order: <T>(list: readonly T[]) => readonly T[] = (l) => l): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'sentences.jsonl'), jsonl(outputs.sentences));
  await writeFile(join(dir, 'alignments.jsonl'), jsonl(order(outputs.alignments)));
  await writeFile(join(dir, 'groups.jsonl'), jsonl(order(outputs.groups)));
  if (outputs.stories) await writeFile(join(dir, 'stories.jsonl'), jsonl(outputs.stories));
  if (outputs.manifest) await writeFile(join(dir, 'manifest.json'), JSON.stringify(outputs.manifest));
}

/** Every file of a written report, by name relative to its folder. */
async function pages(dir: string, file = 'report.html'): Promise<Map<string, string>> {
  const out = new Map([[file, await readFile(join(dir, file), 'utf8')]]);
  const folder = join(dir, file.replace(/\.html$/, '-stories'));
  if (existsSync(folder)) for (const name of (await readdir(folder)).filter((n) => n.endsWith('.html'))) out.set(`stories/${name}`, await readFile(join(folder, name), 'utf8'));
  return out;
}

/** Every other element first, then the rest: a story's lines no longer sit together. */
const interleave = <T,>(list: readonly T[]): readonly T[] => [...list.filter((_, i) => i % 2 === 0), ...list.filter((_, i) => i % 2 === 1)];

describe('the report from the run files, story by story', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fralign-report-stream-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['in story order', (l: readonly unknown[]) => l],
    ['with every story\'s pairs and groups scattered through the files', interleave],
  ])('150 stories (%s): the same index and story pages as the in-memory report', async (_name, order) => {
    const dir = join(root, `run-${order === interleave ? 'scattered' : 'ordered'}`);
    const run = { ...largeRun(150, 3, 14), dir };
    await writeRun(dir, run, order as <T>(l: readonly T[]) => readonly T[]);
    const streamed = await writeReportFrom(await runFilesSource(dir), join(dir, 'report.html'));
    const memory = join(root, `memory-${order === interleave ? 'scattered' : 'ordered'}`);
    await mkdir(memory);
    // The in-memory report of the same files, read whole (loadRunOutputs keeps the files' line order).
    const inMemory = await writeReport(await loadRunOutputs(dir), join(memory, 'report.html'));
    expect(streamed.files).toHaveLength(151);
    expect({ ...streamed, file: '', files: [] }).toEqual({ ...inMemory, file: '', files: [] });
    expect(await pages(dir)).toEqual(await pages(memory));
  }, 120_000);

  it('a small run is one page, byte for byte the in-memory one', async () => {
    const fixture = 'test/fixtures/inspect/outlets';
    const outputs = await loadRunOutputs(fixture);
    const dir = join(root, 'small');
    await writeRun(dir, { ...outputs, dir });
    await writeReportFrom(await runFilesSource(dir), join(dir, 'report.html'));
    await writeReport({ ...outputs, dir }, join(root, 'small-memory.html'));
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe(await readFile(join(root, 'small-memory.html'), 'utf8'));
  });

  it('a bad line of alignments.jsonl fails the report with its file:line, and nothing is replaced', async () => {
    const dir = join(root, 'bad');
    const run = { ...largeRun(150, 3, 14), dir };
    await writeRun(dir, run);
    await writeFile(join(dir, 'report.html'), 'old report');
    const lines = (await readFile(join(dir, 'alignments.jsonl'), 'utf8')).split('\n');
    lines[41] = '{"a": "x"}';
    await writeFile(join(dir, 'alignments.jsonl'), lines.join('\n'));
    await expect(runReportStage(dir)).rejects.toThrow(new RegExp(`${join(dir, 'alignments.jsonl')}:42: expected an AlignmentPair`));
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe('old report');
  });

  it('no page of an earlier, larger run is left beside the new ones', async () => {
    const dir = join(root, 'replace');
    await writeRun(dir, { ...largeRun(160, 3, 14), dir });
    await runReportStage(dir);
    expect((await readdir(join(dir, 'report-stories'))).filter((name) => name.endsWith('.html'))).toHaveLength(160);
    await writeRun(dir, { ...largeRun(150, 3, 14), dir });
    await runReportStage(dir);
    expect((await readdir(join(dir, 'report-stories'))).filter((name) => name.endsWith('.html'))).toHaveLength(150);
  }, 120_000);
});
