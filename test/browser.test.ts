// The HTML report in a real headless Chromium (Debian's when present, else the one @sparticuz/chromium ships
// in its npm tarball; never a downloaded one, see test/helpers/browser.ts): structure matches the
// run files, article markup shows as text and runs nothing, search/filters/diff/context/similarity
// maps work with mouse, keyboard and touch, and screenshots at 1400 and 390 px are saved for a human look.
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
import { cosine, trigrams } from '../src/report/similarity.ts';
import { generateStory } from './helpers/generated-story.ts';
import { findChromium, launchChromium } from './helpers/browser.ts';
import { largeRun } from './helpers/large-run.ts';

const BASIC = 'test/fixtures/inspect/basic';
const OUTLETS = 'test/fixtures/inspect/outlets';
const ARTIFACTS = 'test/artifacts';

// Skipping is opt-in only: a machine without Chromium must fail loudly, not pass by omission.
describe.skipIf(process.env.FRALIGN_SKIP_BROWSER === '1')('HTML report in headless Chromium', () => {
  let browser: Browser;
  let workDir: string;
  const runs: Record<string, { outputs: RunOutputs; url: string }> = {};

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'fralign-browser-'));
    const sources: Record<string, RunOutputs> = {
      basic: await loadRunOutputs(BASIC),
      outlets: await loadRunOutputs(OUTLETS),
      generated20: generateStory(20).outputs,
      stories60: largeRun(60, 3, 2),
    };
    // An extra run folder to check the same way (e.g. `fralign run <seeds> --out DIR`), never needed.
    if (process.env.FRALIGN_BROWSER_RUN) sources.extra = await loadRunOutputs(process.env.FRALIGN_BROWSER_RUN);
    for (const [name, outputs] of Object.entries(sources)) {
      const file = join(workDir, `${name}.html`);
      await writeFile(file, renderHtml(outputs), 'utf8');
      runs[name] = { outputs, url: pathToFileURL(file).href };
    }
    await mkdir(ARTIFACTS, { recursive: true });
    ({ browser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Opens a report, collecting console errors, page errors and any request that leaves the file. */
  async function open(
    name: string,
    { hash = '', width = 1400, javaScriptEnabled = true, hasTouch = false } = {},
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, hasTouch, isMobile: hasTouch, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const base = runs[name]!.url;
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (request.url().split('#')[0] !== base) problems.push(`request: ${request.url()}`);
    });
    await page.goto(base + hash, { waitUntil: 'load' });
    return { page, problems };
  }

  /** The French of a member card as the reader sees it, without the reference's struck-out words. */
  const cardTexts = (page: Page, factId: string) =>
    page.$$eval(`#${factId} .member p.fr`, (ps) =>
      ps.map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('del').forEach((del) => del.remove());
        return copy.textContent ?? '';
      }),
    );

  it('shows each fact with every member sentence under its outlet, several-outlet facts first', async () => {
    const { outputs } = runs.basic!;
    const { page, problems } = await open('basic');
    const ids = await page.$$eval('section.story .fact', (facts) => facts.map((f) => f.id));
    expect(ids).toEqual(['f0-g1', 'f0-g2', 'f0-g3', 'f0-g4', 'f0-g5']);
    for (const group of outputs.groups) {
      const expected = [...group.members].sort((x, y) => x.doc.localeCompare(y.doc) || x.start - y.start).map((m) => m.fr);
      expect(await cardTexts(page, `f0-${group.id}`), group.id).toEqual(expected);
    }
    // The single-outlet fact is folded under its outlet.
    await expect(page.locator('details.only summary').first().textContent()).resolves.toBe('only in 001: 1 sentence');
    expect(await page.locator('#f0-g5').isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows markup from articles and metadata as visible text and runs none of it', async () => {
    for (const name of ['basic', 'outlets']) {
      const { page, problems } = await open(name, { hash: '#story=0' });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      // The run folder's name only: a shared report carries no local path.
      expect(await page.title()).toBe(`fralign report — ${name}`);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('main b').count()).toBe(0);
      expect(await page.locator('script:not([type])').count()).toBe(1);
      const scriptText = name === 'basic' ? "<script>window.__pwned='script';document.title='pwned'</script>" : "<script>window.__pwned='script'</script>";
      // Shown as text in a visible card (read without the reference's struck-out words).
      const shown = await page.$$eval('.member', (cards, text) => cards.some((card) => {
        const copy = card.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('del').forEach((del) => del.remove());
        return (card as HTMLElement).offsetParent !== null && (copy.textContent ?? '').includes(text);
      }), scriptText);
      expect(shown, name).toBe(true);
      expect(problems).toEqual([]);
    }
    const { page } = await open('outlets', { hash: '#story=0' });
    await expect(page.locator('table.outlets', { hasText: `AFP <b onmouseover="window.__pwned='src'">wire</b>` }).isVisible()).resolves.toBe(true);
    const names = await page.$$eval('article.doc', (docs) => docs.map((d) => d.getAttribute('data-name')));
    expect(names).toContain(`AFP <b onmouseover="window.__pwned='src'">wire</b>`);
    // A javascript: link from the metadata is not a link at all.
    expect(await page.$$eval('a[href]', (as) => as.filter((a) => !/^(#|https?:|file:)/.test((a as HTMLAnchorElement).href)).length)).toBe(0);
  });

  it('opens on the index of stories and shows a story when its link is followed', async () => {
    const { page, problems } = await open('outlets');
    expect(await page.locator('#stories').isVisible()).toBe(true);
    expect(await page.locator('section.story:visible').count()).toBe(0);
    await page.getByRole('link', { name: 'Grève à la SNCF : trafic perturbé mardi' }).click();
    // hashchange is a queued event: poll.
    await expect.poll(() => page.locator('#stories').isVisible()).toBe(false);
    expect(await page.locator('#story-1').isVisible()).toBe(true);
    expect(await page.locator('#story-1 table.outlets tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Libération'),
      expect.stringContaining('004'),
    ]);
    expect(problems).toEqual([]);
  });

  it('pages a long index of stories, finds a story by title, and opens it', async () => {
    const { page, problems } = await open('stories60');
    const rows = page.locator('#stories tbody tr:visible');
    expect(await rows.count()).toBe(50);
    await expect(page.locator('#stories .page-info').textContent()).resolves.toBe('60 stories · page 1 of 2');
    await page.click('#stories button.next');
    expect(await rows.count()).toBe(10);
    await expect(rows.first().textContent()).resolves.toContain('Histoire 51');
    await page.fill('#stories input.story-search', 'histoire 42');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Histoire 42')]);
    await rows.first().getByRole('link').click();
    await expect.poll(() => page.locator('section.story:visible').count()).toBe(1);
    await expect(page.locator('section.story:visible h2').textContent()).resolves.toBe('Histoire 42');
    expect(page.url()).toContain('story=41');
    expect(problems).toEqual([]);
  });

  it('searches French and English, filters by outlet, number of outlets and grade, and keeps the view in the URL', async () => {
    const { page, problems } = await open('outlets', { hash: '#story=0' });
    const visible = () => page.$$eval('#story-0 .fact', (fs) => fs.filter((f) => (f as HTMLElement).offsetParent !== null || f.closest('details:not([open])')).filter((f) => !f.classList.contains('filtered')).map((f) => f.id));
    await page.fill('#story-0 input.search', 'washington');
    expect(await visible()).toEqual(['f0-g4', 'f0-g8']);
    await page.fill('#story-0 input.search', 'hundreds of shells');
    expect(await visible()).toEqual(['f0-g1']);
    await page.fill('#story-0 input.search', '');
    await page.selectOption('#story-0 select.min-outlets', '3');
    expect(await visible()).toEqual(['f0-g1']);
    await page.selectOption('#story-0 select.min-outlets', '1');
    await page.selectOption('#story-0 select.grade', '2');
    expect(await visible()).toEqual(['f0-g5']);
    await page.selectOption('#story-0 select.grade', '');
    await page.click('#story-0 details.outlet-pick summary');
    await page.check('#story-0 input.outlet-filter[value="2"]');
    expect(await visible()).toEqual(['f0-g1', 'f0-g5', 'f0-g9']);
    await expect(page.locator('#story-0 .facts-shown').textContent()).resolves.toBe('3 of 7 facts shown');
    await page.screenshot({ path: `${ARTIFACTS}/report-filtered-1400.png` });
    await page.uncheck('#story-0 input.show-en');
    expect(await page.locator('#story-0 .fact p.en').first().isVisible()).toBe(false);
    // The hash holds the view: a new tab opened on the same URL shows the same facts.
    const url = page.url();
    expect(url).toMatch(/#.*o=2/);
    expect(url).toMatch(/en=0/);
    const again = await open('outlets', { hash: `#${url.split('#')[1]}` });
    expect(await again.page.locator('#story-0 input.outlet-filter[value="2"]').isChecked()).toBe(true);
    expect(await again.page.$$eval('#story-0 .fact:not(.filtered)', (fs) => fs.map((f) => f.id))).toEqual(['f0-g1', 'f0-g5', 'f0-g9']);
    expect(await again.page.locator('#story-0 .fact p.en').first().isVisible()).toBe(false);
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it('highlights, in each outlet\'s sentence, the words that differ from the reference, numbers and names strongest', async () => {
    const { page, problems } = await open('outlets', { hash: '#story=0' });
    const figaro = page.locator('#f0-g1 .member[data-o="1"]');
    const added = figaro.locator('ins.key', { hasText: 'centaines' });
    const dropped = figaro.locator('del.key', { hasText: 'millions' });
    expect(await added.isVisible()).toBe(true);
    expect(await dropped.isVisible()).toBe(true);
    const background = (locator: typeof added) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);
    const plain = await figaro.locator('p.fr a.ctx').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await background(added)).not.toBe(plain);
    expect(await dropped.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain('line-through');
    // The reference itself carries no marks.
    expect(await page.locator('#f0-g1 .member.is-ref ins, #f0-g1 .member.is-ref del').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('opens a clicked sentence in its article, marked, with neighbours and greyed boilerplate; Escape closes it', async () => {
    const { page, problems } = await open('outlets', { hash: '#story=0' });
    await page.locator('#f0-g4 .member[data-o="1"] a.ctx').click();
    const dialog = page.locator('dialog#ctx');
    // Dialog events are queued tasks: poll rather than read once.
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect(dialog.locator('li.hit .fr').textContent()).resolves.toBe("L'information a été révélée mardi par le Washington Post.");
    // Le Figaro has 5 segments: the two on each side of segment 2 are its neighbours.
    expect(await dialog.locator('li.near').count()).toBe(4);
    const colors = await page.$$eval('dialog#ctx li.seg', (lis) => lis.map((li) => [li.getAttribute('data-kind'), getComputedStyle(li).color]));
    const boiler = colors.find(([kind]) => kind === 'boilerplate')![1];
    expect(colors.filter(([kind]) => kind === 'body').every(([, color]) => color !== boiler)).toBe(true);
    await expect.poll(() => page.url()).toContain('ctx=1.2');
    await page.screenshot({ path: `${ARTIFACTS}/report-context-1400.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.url()).not.toContain('ctx=');
    // The context is part of the view: opening the URL with ctx= opens the dialog at once.
    const again = await open('outlets', { hash: '#story=0&ctx=0.3' });
    await expect(again.page.locator('dialog#ctx li.hit .fr').textContent()).resolves.toBe('Moscou fait face à des pénuries de munitions en Ukraine.');
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it('draws the similarity map of a pair: every candidate above the floor, kept pairs outlined, keyboard and touch', async () => {
    const { outputs } = runs.basic!;
    const { page, problems } = await open('basic');
    const segs = (doc: string) => outputs.sentences.filter((s) => s.doc === doc).sort((x, y) => x.index - y.index);
    const [rows, cols] = [segs('000_lemonde'), segs('001_figaro')];
    const above = rows.flatMap((r) => cols.map((c) => cosine(trigrams(r.fr), trigrams(c.fr)))).filter((v) => v >= 0.35).length;
    expect(await page.locator('#story-0 svg.map rect.sim-cell').count()).toBe(above);
    const kept = outputs.alignments.filter((p) => p.a_doc === '000_lemonde' && p.b_doc === '001_figaro');
    expect(await page.locator('#story-0 svg.map rect.kept').count()).toBe(kept.length);
    // Keyboard: the map takes focus, arrows move the selection, N jumps to the next kept pair.
    await page.focus('#story-0 svg.map');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const detail = page.locator('#story-0 .pair-detail');
    const expected = cosine(trigrams(rows[1]!.fr), trigrams(cols[0]!.fr)).toFixed(2);
    await expect(detail.locator('.pair-head').textContent()).resolves.toContain(`000 #1 ↔ 001 #0 · similarity ${expected}`);
    await expect(detail.textContent()).resolves.toContain(rows[1]!.fr);
    await page.keyboard.press('n');
    await expect(detail.locator('.pair-head').textContent()).resolves.toMatch(/kept by the aligner \(score \d\.\d{3}, grade [12]\)/);
    expect(problems).toEqual([]);

    // Touch, on a phone-sized screen: tapping a cell of the map selects it.
    const phone = await open('basic', { width: 390, hasTouch: true });
    const box = (await phone.page.locator('#story-0 svg.map').boundingBox())!;
    const rect = (await phone.page.locator('#story-0 svg.map rect.kept').first().boundingBox())!;
    expect(rect.x + rect.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await phone.page.locator('#story-0 svg.map').scrollIntoViewIfNeeded();
    const target = (await phone.page.locator('#story-0 svg.map rect.kept').last().boundingBox())!;
    await phone.page.touchscreen.tap(target.x + target.width / 2, target.y + target.height / 2);
    await expect.poll(() => phone.page.locator('#story-0 .pair-detail .pair-head').textContent()).toContain('kept by the aligner');
    await phone.page.locator('#story-0 .sim-wrap').screenshot({ path: `${ARTIFACTS}/report-similarity-basic-390.png` });
    expect(phone.problems).toEqual([]);
  });

  it('20 versions: a versions × versions overview, and a pair\'s map on demand', async () => {
    const { page, problems } = await open('generated20');
    expect(await page.locator('#story-0 table.matrix button.cell').count()).toBe(20 * 19);
    const cell = page.locator('#story-0 table.matrix button.cell[data-a="3"][data-b="7"]').first();
    await expect(cell.getAttribute('aria-label')).resolves.toMatch(/^Les Échos × L’Humanité: \d+ shared facts/);
    await cell.click();
    await expect(page.locator('#story-0 .pair-caption').textContent()).resolves.toMatch(/^Les Échos \(rows, \d+ sentences\) × L’Humanité/);
    expect(page.url()).toContain('pair=3.7');
    expect(await page.locator('#story-0 svg.map').count()).toBe(1);
    await page.locator('#story-0 .sim-wrap').screenshot({ path: `${ARTIFACTS}/report-similarity-generated20-1400.png` });
    expect(problems).toEqual([]);
  });

  it.each([
    ['basic', ''],
    ['outlets', '#story=0'],
    ['generated20', ''],
    ...(process.env.FRALIGN_BROWSER_RUN ? [['extra', '']] : []),
  ])('%s fits a 390 px phone and a 1400 px screen (screenshots in test/artifacts/)', async (name, hash) => {
    for (const width of [1400, 390]) {
      const { page, problems } = await open(name, { hash, width });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${ARTIFACTS}/report-${name}-${width}.png`, fullPage: width === 1400 && name !== 'generated20' });
      expect(problems).toEqual([]);
    }
  });

  it('reads without its script: facts and articles are there, the controls stay hidden', async () => {
    const { page, problems } = await open('basic', { javaScriptEnabled: false });
    expect(await page.locator('form.controls').isVisible()).toBe(false);
    expect(await page.locator('.fact:not(.single)').count()).toBe(4);
    expect(await page.locator('noscript').count()).toBe(1);
    expect(problems).toEqual([]);
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
