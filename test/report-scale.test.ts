// Large runs: the report is written in chunks (never one giant string) and, with many stories, as an
// index page plus one page per story, so a 2,000-version run opens and no page grows without bound.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../src/inspect/html.ts';
import { singlePage } from '../src/report/page.ts';
import { largeRun } from './helpers/large-run.ts';

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
    expect((await readdir(join(dir, 'report-stories'))).filter((name) => name.endsWith('.html'))).toHaveLength(400);
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
