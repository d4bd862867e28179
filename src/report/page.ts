// The report page(s) as streams of chunks, and writing them: one page per run, or (a run with many
// stories) an index page plus one page per story, written story by story from a ReportSource, so no
// page, no string and no in-memory view grows with the run: only one story's data is held at a time.
import { basename, dirname, join as joinPath, resolve as resolvePath } from 'node:path';
import { REPORT_CSP, REPORT_CSS, REPORT_JS } from '../inspect/assets.ts';
import { html, join, plural, raw, type RawHtml } from '../inspect/escape.ts';
import type { RunOutputs, SelectionOptions } from '../inspect/outputs.ts';
import { writeFileAtomic } from '../output/index.ts';
import { openOwnedFolder } from '../output/owned-folder.ts';
import type { Story } from '../types.ts';
import { buildStories, buildStory, partitionOutputs, type RunContext, type StoryInputs, type StoryView } from './model.ts';
import { storySection } from './story-section.ts';

export interface ReportOptions extends SelectionOptions {
  /** Page title. Default: "fralign report — <the run folder's name>" (runLabel). */
  readonly title?: string;
}

/** Above this many segments in a run with several stories, each story gets its own page. */
export const ONE_PAGE_MAX_SEGMENTS = 6000;

/**
 * Where the report reads a run from, one story at a time: the run in memory (partitionOutputs) or
 * the run folder's files read by byte range (src/report/run-files.ts).
 */
export interface ReportSource {
  readonly dir: string;
  /** Segments in the run (the summary line). */
  readonly segments: number;
  readonly stories: readonly Story[];
  readonly context: RunContext;
  readonly read: (story: Story) => Promise<StoryInputs> | StoryInputs;
}

/** The in-memory run as a ReportSource. */
export function memorySource(outputs: RunOutputs, options: SelectionOptions = {}): ReportSource {
  const run = partitionOutputs(outputs, options);
  return { dir: outputs.dir, segments: outputs.sentences.length, stories: run.stories, context: run.context, read: run.inputsOf };
}

function* pageShell(title: string, summary: RawHtml, body: Iterable<string>): Generator<string> {
  yield html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<header class="top"><h1>${title}</h1><p class="summary">${summary}</p></header>
<main>
`.markup;
  yield* body;
  yield `</main>
<dialog id="ctx" aria-label="Sentence in its article"><div class="ctx-bar"><span class="muted">In context: the sentence is marked, its neighbours edged, boilerplate greyed.</span><button type="button" id="ctx-close">Close</button></div><div id="ctx-body"></div></dialog>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

/** What the summary line counts, over the stories a page covers. */
interface Totals {
  stories: number;
  versions: number;
  /** Facts reported by several outlets. */
  shared: number;
  /** Every fact, single-outlet ones included. */
  facts: number;
  pairs: number;
}

const noTotals = (): Totals => ({ stories: 0, versions: 0, shared: 0, facts: 0, pairs: 0 });

function addStory(totals: Totals, story: StoryView): void {
  totals.stories++;
  totals.versions += story.outlets.length;
  totals.shared += story.shared.length;
  totals.facts += story.shared.length + story.single.reduce((m, l) => m + l.length, 0);
  totals.pairs += story.pairs.length + story.unplaced;
}

function runSummary(totals: Totals, segments: number, options: ReportOptions): RawHtml {
  const min = options.minScore === undefined ? '' : ` (score ≥ ${options.minScore})`;
  return html`${totals.stories > 1 ? `${plural(totals.stories, 'story')} · ` : ''}${plural(totals.versions, 'version')} · ${plural(totals.shared, 'fact')} reported by several outlets · ${plural(totals.pairs, 'aligned pair')}${min} · ${plural(segments, 'segment')}`;
}

/** A story's row in the index: kept (small) after its page is written and its view dropped. */
export interface IndexRow {
  readonly title: string;
  readonly outlets: string;
  readonly dates: string;
  readonly versions: number;
  readonly shared: number;
  readonly sentences: number;
}

function indexRow(story: StoryView): IndexRow {
  const names = story.outlets.map((o) => o.name);
  return {
    title: story.title,
    outlets: names.length > 6 ? `${names.slice(0, 6).join(', ')} +${names.length - 6}` : names.join(', '),
    dates: story.dates.join(', '),
    versions: story.outlets.length,
    shared: story.shared.length,
    sentences: story.outlets.reduce((n, o) => n + o.segments.length - o.boilerplate, 0),
  };
}

function indexSection(rows: readonly IndexRow[], href: (k: number) => string): RawHtml {
  const cells = rows.map(
    (row, k) =>
      html`<tr><td><a href="${href(k)}">${row.title}</a></td><td>${row.outlets}</td><td>${row.dates}</td><td class="num">${row.versions}</td><td class="num">${row.shared}</td><td class="num">${row.sentences}</td></tr>`,
  );
  return html`<section id="stories"><h2>Stories</h2>
<div class="pager" hidden><label>Find <input type="search" class="story-search" aria-label="Find a story by title or outlet"></label> <button type="button" class="prev">← previous</button> <span class="page-info muted"></span> <button type="button" class="next">next →</button></div>
<div class="scroll"><table class="story-index"><thead><tr><th>Story</th><th>Outlets</th><th>Dates</th><th>Versions</th><th>Shared facts</th><th>Sentences</th></tr></thead><tbody>${join(cells)}</tbody></table></div></section>
`;
}

/** The whole run as one page (every story in it), as chunks. */
export function* singlePage(outputs: RunOutputs, options: ReportOptions, stories = buildStories(outputs, options)): Generator<string> {
  yield* storiesPage(outputs.dir, outputs.sentences.length, stories, options);
}

function* storiesPage(dir: string, segments: number, stories: readonly StoryView[], options: ReportOptions): Generator<string> {
  const title = options.title ?? `fralign report — ${runLabel(dir)}`;
  const totals = noTotals();
  for (const story of stories) addStory(totals, story);
  function* body(): Generator<string> {
    if (stories.length > 1) yield indexSection(stories.map(indexRow), (k) => `#story=${k}`).markup;
    for (const [k, story] of stories.entries()) yield* storySection(story, k);
  }
  yield* pageShell(title, runSummary(totals, segments, options), body());
}

/** The whole page as one string: for tests and small runs; large runs go through writeReport. */
export function renderReport(outputs: RunOutputs, options: ReportOptions = {}): string {
  return [...singlePage(outputs, options)].join('');
}

export interface WrittenReport {
  /** The page to open: the run's page, or the index of stories. */
  readonly file: string;
  /** Every file written (the index first). */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly stories: number;
  readonly versions: number;
  readonly facts: number;
  readonly pairs: number;
}

/** Writes the report of an in-memory run in chunks (atomically, file by file) and says what it wrote. */
export async function writeReport(outputs: RunOutputs, file: string, options: ReportOptions = {}): Promise<WrittenReport> {
  return writeReportFrom(memorySource(outputs, options), file, options);
}

/**
 * Writes the report story by story: each story is read, viewed, written and dropped before the
 * next, so memory holds one story plus one small index row per story. A run of one story, or of at
 * most ONE_PAGE_MAX_SEGMENTS segments, is one page; otherwise an index page plus one page per story
 * in `<name>-stories/` (a folder fralign records as its own: src/output/owned-folder.ts).
 */
export async function writeReportFrom(source: ReportSource, file: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const totals = noTotals();
  let bytes = 0;
  const counted = function* (chunks: Iterable<string>): Generator<string> {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  };
  const title = options.title ?? `fralign report — ${runLabel(source.dir)}`;
  const split = source.stories.length > 1 && source.segments > ONE_PAGE_MAX_SEGMENTS;
  const folderName = `${basename(file).replace(/\.html?$/i, '')}-stories`;
  const folder = joinPath(dirname(file), folderName);
  if (!split) {
    // Small by construction (one story, or a few thousand segments): viewed together for one page.
    const stories: StoryView[] = [];
    for (const story of source.stories) stories.push(buildStory(story, await source.read(story), source.context));
    for (const story of stories) addStory(totals, story);
    await writeFileAtomic(file, counted(storiesPage(source.dir, source.segments, stories, options)));
    return { file, files: [file], bytes, ...written(totals) };
  }
  // A stale page from an earlier, larger run would look current: pages fralign recorded there and
  // no longer writes are removed; a folder fralign did not make is refused, never emptied.
  const pages = await openOwnedFolder(folder, `the report ${basename(file)}`);
  const files: string[] = [file];
  const rows: IndexRow[] = [];
  const back = html`<p><a href="../${basename(file)}">← all ${plural(source.stories.length, 'story')}</a></p>`.markup;
  for (const [k, story] of source.stories.entries()) {
    const view = buildStory(story, await source.read(story), source.context);
    const one = noTotals();
    addStory(one, view);
    addStory(totals, view);
    rows.push(indexRow(view));
    const body = (function* () {
      yield back;
      yield* storySection(view, 0);
    })();
    files.push(await pages.write(`${k}.html`, counted(pageShell(`${view.title} — ${title}`, runSummary(one, source.segments, options), body))));
  }
  await pages.finish();
  const index = indexSection(rows, (k) => `${encodeURIComponent(folderName)}/${k}.html`);
  await writeFileAtomic(file, counted(pageShell(title, runSummary(totals, source.segments, options), [index.markup])));
  return { file, files, bytes, ...written(totals) };
}

function written(totals: Totals): Pick<WrittenReport, 'stories' | 'versions' | 'facts' | 'pairs'> {
  return { stories: totals.stories, versions: totals.versions, facts: totals.facts, pairs: totals.pairs };
}

/**
 * The run as the report names it: the run folder's own name, never the path it was reached by, so
 * a shared report carries no absolute local path (/home/…/out → "out").
 */
export function runLabel(dir: string): string {
  return basename(resolvePath(dir)) || dir;
}
