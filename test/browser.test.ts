// The HTML report in a real headless Chromium (Debian's when present, else the one @sparticuz/chromium ships
// in its npm tarball; never a downloaded one, see test/helpers/browser.ts): structure matches the
// run files, article markup shows as text and runs nothing, and a screenshot is saved for a human look.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/inspect/html.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import { findChromium, launchChromium } from './helpers/browser.ts';

const FIXTURE = 'test/fixtures/inspect/basic';
const SCREENSHOT = 'test/artifacts/report.png';

// Skipping is opt-in only: a machine without Chromium must fail loudly, not pass by omission.
describe.skipIf(process.env.FRALIGN_SKIP_BROWSER === '1')('HTML report in headless Chromium', () => {
  let browser: Browser;
  let outputs: RunOutputs;
  let reportUrl: string;
  let workDir: string;

  beforeAll(async () => {
    outputs = await loadRunOutputs(FIXTURE);
    workDir = await mkdtemp(join(tmpdir(), 'fralign-browser-'));
    const file = join(workDir, 'report.html');
    await writeFile(file, renderHtml(outputs), 'utf8');
    reportUrl = pathToFileURL(file).href;
    ({ browser } = await launchChromium());
  });

  afterAll(async () => {
    await browser?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Opens the report, collecting console errors, page errors and any request that leaves the file. */
  async function open(javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== reportUrl) problems.push(`request: ${request.url()}`);
    });
    await page.goto(reportUrl, { waitUntil: 'load' });
    return { page, problems };
  }

  it('shows one row per fact group with each member sentence under its version, and empty cells elsewhere', async () => {
    const { page, problems } = await open();
    const docs = await page.$$eval('table.facts thead th[data-doc]', (cells) => cells.map((cell) => cell.getAttribute('data-doc')));
    expect(docs).toEqual(['000_lemonde', '001_figaro', '002_piege']);
    const rows = await page.$$eval('table.facts tbody tr', (trs) =>
      trs.map((tr) => ({
        id: tr.id,
        cells: Array.from(tr.querySelectorAll('td')).map((td) =>
          Array.from(td.querySelectorAll('p.fr')).map((p) => p.textContent ?? ''),
        ),
      })),
    );
    expect(rows.map((row) => row.id)).toEqual(outputs.groups.map((group) => group.id));
    for (const group of outputs.groups) {
      const row = rows.find((r) => r.id === group.id)!;
      docs.forEach((doc, k) => {
        const expected = group.members.filter((m) => m.doc === doc).map((m) => `${m.id} ${m.fr}`);
        expect(row.cells[k], `${group.id} / ${doc}`).toEqual(expected);
      });
    }
    const absent = await page.locator('table.facts td.absent').count();
    expect(absent).toBe(outputs.groups.reduce((n, g) => n + (docs.length - new Set(g.members.map((m) => m.doc)).size), 0));
    expect(problems).toEqual([]);
  });

  it('draws one heat map per pair of versions with one cell per alignment pair', async () => {
    const { page, problems } = await open();
    const maps = await page.$$eval('figure[data-pair]', (figures) =>
      figures.map((figure) => ({
        pair: figure.getAttribute('data-pair'),
        cells: Array.from(figure.querySelectorAll('rect.cell')).map((rect) => ({
          a: rect.getAttribute('data-a'),
          b: rect.getAttribute('data-b'),
          tooltip: rect.querySelector('title')?.textContent ?? '',
        })),
      })),
    );
    expect(maps.map((map) => map.pair)).toEqual(['000_lemonde|001_figaro', '000_lemonde|002_piege', '001_figaro|002_piege']);
    const drawn = maps.flatMap((map) => map.cells);
    expect(drawn).toHaveLength(outputs.alignments.length);
    for (const pair of outputs.alignments) {
      const cell = drawn.find((c) => c.a === pair.a && c.b === pair.b);
      expect(cell, `${pair.a} ↔ ${pair.b}`).toBeDefined();
      expect(cell!.tooltip).toContain(`score ${pair.score.toFixed(3)}`);
      expect(cell!.tooltip).toContain(pair.a_fr);
    }
    expect(problems).toEqual([]);
  });

  it('shows markup from articles as visible text and runs none of it', async () => {
    const { page, problems } = await open();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe(`fralign report — ${FIXTURE}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const scriptText = "<script>window.__pwned='script';document.title='pwned'</script>";
    await expect(page.getByText(scriptText).first().isVisible()).resolves.toBe(true);
    const imgText = `<img src=x onerror="window.__pwned='img'">`;
    await expect(page.locator('table.facts td', { hasText: imgText }).first().isVisible()).resolves.toBe(true);
    // Attribute values keep the quotes as text too (the tooltip of a version's title).
    const titles = await page.$$eval('.doc-title', (spans) => spans.map((span) => span.getAttribute('title')));
    expect(titles).toContain(`Titre "piégé" & 'co' ${imgText}`);
    expect(problems).toEqual([]);
  });

  it('filters facts by number of versions with the inline script, and reads fine without it', async () => {
    const { page, problems } = await open();
    await page.selectOption('#min-outlets', '3');
    const visible = await page.locator('table.facts tbody tr:visible').count();
    expect(visible).toBe(outputs.groups.filter((group) => group.docs.length >= 3).length);
    await page.selectOption('#min-outlets', '1');
    await mkdir('test/artifacts', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);

    const noScript = await open(false);
    expect(await noScript.page.locator('#controls').isVisible()).toBe(false);
    expect(await noScript.page.locator('table.facts tbody tr:visible').count()).toBe(outputs.groups.length);
    expect(noScript.problems).toEqual([]);
  });
});

describe('finding the browser (test/helpers/browser.ts)', () => {
  const fakeBin = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fralign-fakebin-'));
    writeFileSync(join(dir, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    return dir;
  };

  it.each([
    ['a chromium on PATH is preferred', () => ({ PATH: fakeBin() }), 'system'],
    ['FRALIGN_BROWSER=bundled skips it', () => ({ PATH: fakeBin(), FRALIGN_BROWSER: 'bundled' }), '@sparticuz/chromium'],
    ['no chromium on PATH falls back to the npm-shipped one', () => ({ PATH: '/nonexistent' }), '@sparticuz/chromium'],
    ['FRALIGN_CHROMIUM wins', () => ({ PATH: fakeBin(), FRALIGN_CHROMIUM: '/opt/chrome' }), 'FRALIGN_CHROMIUM'],
  ])('%s', async (_name, env, origin) => {
    const found = await findChromium(env());
    expect(found.origin).toBe(origin);
    if (origin === '@sparticuz/chromium') expect(existsSync(found.executablePath)).toBe(true);
  });

  it('FRALIGN_BROWSER=system without one on PATH fails loudly, naming the fix', async () => {
    await expect(findChromium({ PATH: '/nonexistent', FRALIGN_BROWSER: 'system' })).rejects.toThrow(/no chromium on PATH; `apt-get install chromium`/);
  });
});
