// Report size and time to first render in headless Chromium, at 5 versions (the seeds, read from
// ../shared/seeds) and at 20 and 50 versions (a generated story, test/helpers/generated-story.ts).
// Each page is opened RUNS times in a fresh browser context; figures are medians of that one run.
//   npx tsx scripts/bench-report.ts            (Chromium: FRALIGN_CHROMIUM or /usr/bin/chromium)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { alignSegments } from '../src/align/index.ts';
import { writeReport } from '../src/inspect/html.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import { ingest } from '../src/ingest/index.ts';
import { segmentDocument } from '../src/segment/index.ts';
import { generateStory } from '../test/helpers/generated-story.ts';

const RUNS = 5;
const CHROMIUM = process.env.FRALIGN_CHROMIUM ?? '/usr/bin/chromium';
const SEEDS = '../shared/seeds';

async function seedsRun(): Promise<RunOutputs | undefined> {
  if (!existsSync(SEEDS)) {
    console.log(`${SEEDS} is absent: the 5-version (seeds) row is skipped`);
    return undefined;
  }
  const { documents } = await ingest([SEEDS]);
  const sentences = documents.flatMap((doc) => segmentDocument(doc));
  const { pairs, groups } = alignSegments(sentences);
  const manifest = { documents: documents.map((d) => ({ id: d.id, path: d.path, ...d.meta })) };
  return { dir: 'seeds', sentences, alignments: pairs, groups, manifest };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install chromium or set FRALIGN_CHROMIUM`);
  const dir = await mkdtemp(join(tmpdir(), 'fralign-bench-report-'));
  const cases: [string, RunOutputs | undefined][] = [
    ['5 (seeds)', await seedsRun()],
    ['20 (generated)', generateStory(20).outputs],
    ['50 (generated)', generateStory(50).outputs],
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  console.log('| versions | segments | kept pairs | page KiB | write ms | first contentful paint ms | views ready ms |');
  console.log('|---|---|---|---|---|---|---|');
  try {
    for (const [name, outputs] of cases) {
      if (!outputs) continue;
      const file = join(dir, `${name.split(' ')[0]}.html`);
      const writes: number[] = [];
      let bytes = 0;
      for (let r = 0; r < RUNS; r++) {
        const started = performance.now();
        bytes = (await writeReport(outputs, file)).bytes;
        writes.push(performance.now() - started);
      }
      const paints: number[] = [];
      const ready: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await page.waitForFunction(() => performance.getEntriesByName('fralign-ready').length > 0 && performance.getEntriesByType('paint').length > 0);
        const [fcp, done] = await page.evaluate(() => [
          performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
          performance.getEntriesByName('fralign-ready')[0]!.startTime,
        ]);
        paints.push(fcp!);
        ready.push(done!);
        await context.close();
      }
      console.log(`| ${name} | ${outputs.sentences.length} | ${outputs.alignments.length} | ${Math.round(bytes / 1024)} | ${Math.round(median(writes))} | ${Math.round(median(paints))} | ${Math.round(median(ready))} |`);
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
