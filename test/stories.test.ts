// Corpus mode: documents grouped into stories (versions of one event), near-copies marked, and
// alignment only within a story. Fixtures: the seeds (one story, five outlets) and
// test/fixtures/corpus (a second story in three versions, plus a near-copy of a seed).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAlignStage } from '../src/align/stage.ts';
import { ingest } from '../src/ingest/index.ts';
import { segmentDocument } from '../src/segment/index.ts';
import { clusterStories, dateRange, documentEvidence, type DocumentEvidence } from '../src/stories/index.ts';
import type { AlignmentPair, FactGroup, Story } from '../src/types.ts';
import { ROOT, runCli, SEEDS } from './helpers/cli.ts';
import { schemaErrors } from './helpers/schemas.ts';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const SEED_IDS = ['000_cbf94cc716c46ff7', '001_a381a8de4f316d59', '002_791b76ca8c774dff', '003_69673ac11f88ea3f', '004_31d5ac676ff9227d'];
const QUIMPER = ['quimper-france3', 'quimper-ouest', 'quimper-telegramme'];

async function evidence(dates: Readonly<Record<string, string>> = {}): Promise<DocumentEvidence[]> {
  const { documents } = await ingest([SEEDS, CORPUS]);
  return documents.map((doc) => {
    const segments = segmentDocument(doc).filter((s) => s.kind !== 'boilerplate');
    const date = dates[doc.id];
    return documentEvidence({ id: doc.id, sentences: segments.map((s) => s.fr), title: segments.find((s) => s.kind === 'title')?.fr ?? null, ...(date ? { date } : {}) });
  });
}

const docsOf = (stories: readonly Story[]): string[][] => stories.map((s) => [...s.docs]);

describe('clusterStories', () => {
  let all: DocumentEvidence[];
  beforeAll(async () => {
    all = await evidence();
  });

  it('puts the five seed outlets in one story and the three Quimper versions in another, numbered by first document id', () => {
    const { stories } = clusterStories(all);
    expect(docsOf(stories)).toEqual([[SEED_IDS[0], '001-reprise', ...SEED_IDS.slice(1)], QUIMPER]);
    expect(stories.map((s) => s.story)).toEqual(['s1', 's2']);
    expect(stories[1]?.title).toMatch(/Quimper/u);
  });

  it('marks the near-copy of a seed as a duplicate and keeps it as a member', () => {
    const { stories } = clusterStories(all);
    expect(stories[0]?.duplicates).toEqual([['001-reprise', '001_a381a8de4f316d59']]);
    expect(stories[1]?.duplicates).toEqual([]);
  });

  it.each([
    ['reversed', (xs: DocumentEvidence[]) => [...xs].reverse()],
    ['rotated', (xs: DocumentEvidence[]) => [...xs.slice(4), ...xs.slice(0, 4)]],
    ['interleaved', (xs: DocumentEvidence[]) => [...xs.filter((_, i) => i % 2 === 1), ...xs.filter((_, i) => i % 2 === 0)]],
  ])('gives the same stories when the input order is %s', (_name, reorder) => {
    expect(clusterStories(reorder(all))).toEqual(clusterStories(all));
  });

  it('keeps everything in one story with mode one', () => {
    const { stories } = clusterStories(all, { mode: 'one' });
    expect(stories).toHaveLength(1);
    expect(stories[0]?.docs).toHaveLength(SEED_IDS.length + QUIMPER.length + 1);
    expect(stories[0]?.duplicates).toEqual([['001-reprise', '001_a381a8de4f316d59']]);
  });

  it('splits versions published weeks apart (meta.date), and lists each story\'s dates', async () => {
    const dated = await evidence({ 'quimper-ouest': '2024-01-10', 'quimper-telegramme': '2024-01-11', 'quimper-france3': '2024-03-01' });
    const { stories } = clusterStories(dated);
    expect(docsOf(stories).slice(1)).toEqual([['quimper-france3'], ['quimper-ouest', 'quimper-telegramme']]);
    expect(stories[2]?.dates).toEqual(['2024-01-10', '2024-01-11']);
  });
});

describe('dateRange', () => {
  it.each([
    ['2024-01-10', 0],
    ['2024-02', 28],
    ['2024', 365],
  ])('%s spans %d days after its first', (date, span) => {
    const range = dateRange(date);
    expect(range && range[1] - range[0]).toBe(span);
  });
  it.each(['', 'hier', '2024-13'])('%j is not a date', (date) => {
    expect(dateRange(date)).toBeUndefined();
  });
});

const lines = async <T>(file: string): Promise<T[]> => (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as T);

describe('fralign run on a corpus', () => {
  it('writes stories.jsonl; every alignment and group names its story, and no pair crosses stories', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'fralign-stories-'));
    const result = runCli(['run', SEEDS, CORPUS, '--no-translate', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/stories: 9 documents in 2 stories \(largest 6\), 2 documents in near-duplicate groups/u);
    const stories = await lines<Story>(path.join(out, 'stories.jsonl'));
    const storyOf = new Map(stories.flatMap((s) => s.docs.map((d) => [d, s.story] as const)));
    const pairs = await lines<AlignmentPair>(path.join(out, 'alignments.jsonl'));
    const groups = await lines<FactGroup>(path.join(out, 'groups.jsonl'));
    expect(pairs.length).toBeGreaterThan(20);
    for (const p of pairs) {
      expect(p.story).toBe(storyOf.get(p.a_doc));
      expect(p.story).toBe(storyOf.get(p.b_doc));
    }
    for (const g of groups) expect(g.docs.every((d) => storyOf.get(d) === g.story)).toBe(true);
    expect(groups.map((g) => g.id)).toEqual(groups.map((_, n) => `g${n + 1}`));
    expect([...schemaErrors('story', stories), ...schemaErrors('alignment', pairs), ...schemaErrors('group', groups)]).toEqual([]);
  }, 120_000);

  it('keeps the seeds one story, and everything one story with --stories one', async () => {
    const seeds = await mkdtemp(path.join(tmpdir(), 'fralign-stories-'));
    expect(runCli(['run', SEEDS, '--no-translate', '--out', seeds, '-q']).status).toBe(0);
    expect(docsOf(await lines<Story>(path.join(seeds, 'stories.jsonl')))).toEqual([SEED_IDS]);
    const one = await mkdtemp(path.join(tmpdir(), 'fralign-stories-'));
    expect(runCli(['run', SEEDS, CORPUS, '--no-translate', '--stories', 'one', '--out', one, '-q']).status).toBe(0);
    expect(await lines<Story>(path.join(one, 'stories.jsonl'))).toHaveLength(1);
    const bad = runCli(['run', SEEDS, '--stories', 'two', '--out', one]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--stories: expected auto or one, got "two"');
  }, 120_000);

  it('refuses a stories.jsonl that does not cover sentences.jsonl, naming the command that fixes it', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'fralign-stories-'));
    expect(runCli(['split', SEEDS, '--out', out, '-q']).status).toBe(0);
    await writeFile(path.join(out, 'stories.jsonl'), `${JSON.stringify({ story: 's1', docs: SEED_IDS.slice(1), title: null, dates: [], duplicates: [] })}\n`);
    await expect(runAlignStage(out)).rejects.toThrow(/stories\.jsonl: document "000_cbf94cc716c46ff7" of sentences\.jsonl is in no story; .*rerun `fralign stories /u);
  }, 60_000);
});
