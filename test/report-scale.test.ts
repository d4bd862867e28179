// Large runs: the report is written in chunks (never one giant string) and, with many stories, as an
// index page plus one page per story, so a 2,000-version run opens and no page grows without bound.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../src/inspect/html.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import { singlePage } from '../src/report/page.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../src/types.ts';

/** `stories` stories of `versions` versions each; every version says the same `facts` facts. */
function largeRun(stories: number, versions: number, facts: number): RunOutputs {
  const sentences: Segment[] = [];
  const alignments: AlignmentPair[] = [];
  const groups: FactGroup[] = [];
  const storyList: Story[] = [];
  for (let s = 0; s < stories; s++) {
    const docs = Array.from({ length: versions }, (_, v) => `${String(s).padStart(4, '0')}_${String(v).padStart(2, '0')}`);
    storyList.push({ story: `s${s + 1}`, docs, title: `Histoire ${s + 1}`, dates: ['2023-01-01'], duplicates: [] });
    for (let f = 0; f < facts; f++) {
      const members = docs.map((doc) => {
        const fr = `Dans l'histoire ${s + 1}, le fait ${f + 1} est rapporté par la version ${doc} avec ${f * 1000 + 7} personnes.`;
        const segment: Segment = { id: `${doc}:${f}`, doc, index: f, start: f * 200, end: f * 200 + fr.length, kind: 'body', fr, en: `Fact ${f + 1} of story ${s + 1}.` };
        sentences.push(segment);
        return segment;
      });
      for (let a = 1; a < members.length; a++) {
        const [x, y] = [members[0]!, members[a]!];
        alignments.push({ a: x.id, b: y.id, a_doc: x.doc, b_doc: y.doc, a_start: x.start, a_end: x.end, b_start: y.start, b_end: y.end, a_fr: x.fr, b_fr: y.fr, score: 1.5, grade: 2, signals: {}, story: `s${s + 1}` });
      }
      groups.push({ id: `g${groups.length + 1}`, docs, score: 1.5, story: `s${s + 1}`, members: members.map((m) => ({ id: m.id, doc: m.doc, start: m.start, end: m.end, fr: m.fr, en: m.en! })) });
    }
  }
  return { dir: 'large', sentences, alignments, groups, stories: storyList };
}

describe('large runs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fralign-report-scale-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a 2,000-version run (400 stories) becomes an index page and one page per story', async () => {
    const outputs = largeRun(400, 5, 8);
    const file = join(dir, 'report.html');
    const written = await writeReport(outputs, file);
    expect(written.stories).toBe(400);
    expect(written.versions).toBe(2000);
    expect(written.files).toHaveLength(401);
    expect(await readdir(join(dir, 'report-stories'))).toHaveLength(400);
    const index = await readFile(file, 'utf8');
    const links = [...index.matchAll(/<a href="(report-stories\/\d+\.html)">Histoire (\d+)<\/a>/g)];
    expect(links).toHaveLength(400);
    for (const [, href] of links) expect(existsSync(join(dir, href!))).toBe(true);
    const story = await readFile(join(dir, 'report-stories', '399.html'), 'utf8');
    expect(story).toContain('<a href="../report.html">← all 400 stories</a>');
    expect(story.match(/<section class="story"/g)).toHaveLength(1);
    expect(story).toContain('Dans l&#39;histoire 400, le fait 8');
    // Every page stays small: its size grows with its own story, not with the run.
    expect(Math.max(...(await Promise.all(written.files.map(async (f) => (await readFile(f)).length))))).toBeLessThan(200_000);
  }, 120_000);

  it('one large story streams in chunks: no chunk holds more than one fact or article', () => {
    const outputs = largeRun(1, 200, 12);
    let largest = 0;
    let total = 0;
    for (const chunk of singlePage(outputs, {})) {
      largest = Math.max(largest, chunk.length);
      total += chunk.length;
    }
    expect(total).toBeGreaterThan(1_000_000);
    expect(largest).toBeLessThan(total / 10);
  }, 120_000);
});
