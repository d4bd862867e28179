// The report page(s) as streams of chunks, and writing them: one page per run, or (a run with many
// stories) an index page plus one page per story, so no page, and no string, grows without bound.
import { basename, dirname, join as joinPath } from 'node:path';
import { REPORT_CSP, REPORT_CSS, REPORT_JS } from '../inspect/assets.ts';
import { html, join, plural, raw, type RawHtml } from '../inspect/escape.ts';
import type { RunOutputs, SelectionOptions } from '../inspect/outputs.ts';
import { writeFileAtomic } from '../output/index.ts';
import { openOwnedFolder } from '../output/owned-folder.ts';
import { buildStories, type StoryView } from './model.ts';
import { storySection } from './story-section.ts';

export interface ReportOptions extends SelectionOptions {
  /** Page title. Default: "fralign report — <dir>". */
  readonly title?: string;
}

/** Above this many segments in a run with several stories, each story gets its own page. */
export const ONE_PAGE_MAX_SEGMENTS = 6000;

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

function runSummary(stories: readonly StoryView[], outputs: RunOutputs, options: ReportOptions): RawHtml {
  const versions = stories.reduce((n, s) => n + s.outlets.length, 0);
  const facts = stories.reduce((n, s) => n + s.shared.length, 0);
  const pairs = stories.reduce((n, s) => n + s.pairs.length + s.unplaced, 0);
  const min = options.minScore === undefined ? '' : ` (score ≥ ${options.minScore})`;
  return html`${stories.length > 1 ? `${plural(stories.length, 'story')} · ` : ''}${plural(versions, 'version')} · ${plural(facts, 'fact')} reported by several outlets · ${plural(pairs, 'aligned pair')}${min} · ${plural(outputs.sentences.length, 'segment')}`;
}

function indexSection(stories: readonly StoryView[], href: (k: number) => string): RawHtml {
  const rows = stories.map((story, k) => {
    const names = story.outlets.map((o) => o.name);
    const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')} +${names.length - 6}` : names.join(', ');
    const sentences = story.outlets.reduce((n, o) => n + o.segments.length - o.boilerplate, 0);
    return html`<tr><td><a href="${href(k)}">${story.title}</a></td><td>${shown}</td><td>${story.dates.join(', ')}</td><td class="num">${story.outlets.length}</td><td class="num">${story.shared.length}</td><td class="num">${sentences}</td></tr>`;
  });
  return html`<section id="stories"><h2>Stories</h2>
<div class="pager" hidden><label>Find <input type="search" class="story-search" aria-label="Find a story by title or outlet"></label> <button type="button" class="prev">← previous</button> <span class="page-info muted"></span> <button type="button" class="next">next →</button></div>
<div class="scroll"><table class="story-index"><thead><tr><th>Story</th><th>Outlets</th><th>Dates</th><th>Versions</th><th>Shared facts</th><th>Sentences</th></tr></thead><tbody>${join(rows)}</tbody></table></div></section>
`;
}

/** The whole run as one page (every story in it), as chunks. */
export function* singlePage(outputs: RunOutputs, options: ReportOptions, stories = buildStories(outputs, options)): Generator<string> {
  const title = options.title ?? `fralign report — ${outputs.dir}`;
  function* body(): Generator<string> {
    if (stories.length > 1) yield indexSection(stories, (k) => `#story=${k}`).markup;
    for (const [k, story] of stories.entries()) yield* storySection(story, k);
  }
  yield* pageShell(title, runSummary(stories, outputs, options), body());
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

/** Writes the report in chunks (atomically, file by file) and says what it wrote. */
export async function writeReport(outputs: RunOutputs, file: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const stories = buildStories(outputs, options);
  let bytes = 0;
  const counted = function* (chunks: Iterable<string>): Generator<string> {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  };
  const files: string[] = [file];
  const split = stories.length > 1 && outputs.sentences.length > ONE_PAGE_MAX_SEGMENTS;
  if (!split) {
    await writeFileAtomic(file, counted(singlePage(outputs, options, stories)));
  } else {
    const folderName = `${basename(file).replace(/\.html?$/i, '')}-stories`;
    // A stale page from an earlier, larger run would look current: pages fralign recorded there and
    // no longer writes are removed; a folder fralign did not make is refused, never emptied.
    const folder = await openOwnedFolder(joinPath(dirname(file), folderName), `the report ${basename(file)}`);
    const title = options.title ?? `fralign report — ${outputs.dir}`;
    for (const [k, story] of stories.entries()) {
      const back = html`<p><a href="../${basename(file)}">← all ${plural(stories.length, 'story')}</a></p>`.markup;
      const body = (function* () {
        yield back;
        yield* storySection(story, 0);
      })();
      files.push(await folder.write(`${k}.html`, counted(pageShell(`${story.title} — ${title}`, runSummary([story], outputs, options), body))));
    }
    const index = indexSection(stories, (k) => `${encodeURIComponent(folderName)}/${k}.html`);
    await folder.finish();
    await writeFileAtomic(file, counted(pageShell(title, runSummary(stories, outputs, options), [index.markup])));
  }
  return {
    file, files, bytes, stories: stories.length,
    versions: stories.reduce((n, s) => n + s.outlets.length, 0),
    facts: stories.reduce((n, s) => n + s.shared.length + s.single.reduce((m, l) => m + l.length, 0), 0),
    pairs: stories.reduce((n, s) => n + s.pairs.length + s.unplaced, 0),
  };
}
