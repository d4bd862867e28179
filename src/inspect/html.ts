// `fralign inspect DIR --html FILE`: one self-contained page (inline CSS/JS/SVG, no URL), versions as
// columns, facts as rows, coverage and boilerplate counts, a heat map per pair of versions. Pure.
import type { FactGroup, FactGroupMember, Segment } from '../types.ts';
import { REPORT_CSP, REPORT_CSS, REPORT_JS } from './assets.ts';
import { html, join, plural, raw, type RawHtml } from './escape.ts';
import { renderHeatmap, renderLegend } from './heatmap.ts';
import {
  coverageByDoc,
  docPairs,
  segmentsOf,
  selectDocs,
  selectGroups,
  selectPairs,
  type DocCoverage,
  type RunOutputs,
  type SelectionOptions,
} from './outputs.ts';
import { formatScore } from './terminal.ts';

export interface HtmlOptions extends SelectionOptions {
  /** Page title. Default: "fralign report — <dir>". */
  readonly title?: string;
}

/** Renders the whole report page as a string. `docs` picks the columns; `minScore` the heat-map cells. */
export function renderHtml(outputs: RunOutputs, options: HtmlOptions = {}): string {
  const docs = selectDocs(outputs, options.docs);
  const groups = selectGroups(outputs, docs);
  const pairs = selectPairs(outputs, options);
  const segmentById = new Map(outputs.sentences.map((segment) => [segment.id, segment]));
  const coverage = coverageByDoc(outputs, docs);
  const title = options.title ?? `fralign report — ${outputs.dir}`;
  const page = html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="summary">${plural(docs.length, 'version')} · ${plural(groups.length, 'fact')} · ${plural(pairs.length, 'aligned pair')}${options.minScore === undefined ? '' : ` (score ≥ ${options.minScore})`} · ${plural(outputs.sentences.length, 'segment')}</p>
<nav><a href="#coverage">Coverage</a><a href="#facts">Facts × versions</a><a href="#heatmaps">Heat maps</a><a href="#boilerplate">Boilerplate</a>${outputs.manifest ? raw('<a href="#manifest">Run manifest</a>') : raw('')}</nav>
</header>
<main>
${coverageSection(coverage, groups, outputs)}
${factsSection(groups, docs, outputs, segmentById)}
${heatmapSection(outputs, docs, pairs)}
${boilerplateSection(outputs, docs)}
${manifestSection(outputs.manifest)}
</main>
<script>${raw(REPORT_JS)}</script>
</body>
</html>
`;
  return page.markup;
}

function docTitle(outputs: RunOutputs, doc: string): string | undefined {
  return outputs.sentences.find((segment) => segment.doc === doc && segment.kind === 'title')?.fr;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function coverageSection(coverage: readonly DocCoverage[], groups: readonly FactGroup[], outputs: RunOutputs): RawHtml {
  const shared = groups.filter((group) => coverage.every((row) => group.docs.includes(row.doc))).length;
  const maxFacts = Math.max(1, ...coverage.map((row) => row.facts));
  const rows = coverage.map((row) => {
    const title = docTitle(outputs, row.doc) ?? '';
    const bar = html`<svg class="bar" width="104" height="10" role="img" aria-label="${row.facts} of ${groups.length} facts"><rect width="${Math.round((100 * row.facts) / maxFacts)}" height="10" fill="#41b6c4"/></svg>`;
    return html`<tr><th scope="row">${row.doc}</th><td title="${title}">${shorten(title, 90)}</td><td class="num">${row.segments}</td><td class="num">${row.boilerplate}</td><td class="num">${row.facts} ${bar}</td><td class="num">${row.onlyHere}</td></tr>`;
  });
  return html`<section id="coverage"><h2>Coverage</h2>
<p class="muted">${groups.length} facts in all; ${shared} reported by every version shown. “Only here”: facts no other version reports.</p>
<table><thead><tr><th>Version</th><th>Title</th><th>Segments</th><th>Boilerplate</th><th>Facts reported</th><th>Only here</th></tr></thead>
<tbody>${join(rows)}</tbody></table></section>`;
}

function factsSection(
  groups: readonly FactGroup[],
  docs: readonly string[],
  outputs: RunOutputs,
  segmentById: ReadonlyMap<string, Segment>,
): RawHtml {
  const head = docs.map((doc) => {
    const title = docTitle(outputs, doc);
    return html`<th scope="col" data-doc="${doc}">${doc}${title ? html`<span class="doc-title" title="${title}">${shorten(title, 70)}</span>` : raw('')}</th>`;
  });
  const options = docs.map((_, k) => html`<option value="${k + 1}">${k + 1}</option>`);
  const rows = groups.map((group) => {
    const cells = docs.map((doc) => memberCell(group.members.filter((member) => member.doc === doc), segmentById));
    const outlets = group.docs.length === 1 ? `only ${group.docs[0]}` : `${group.docs.length} versions`;
    return html`<tr id="${group.id}" data-outlets="${group.docs.length}"${group.docs.length === 1 ? raw(' class="single"') : raw('')}><th scope="row" class="fact">${group.id}<br><span class="muted">${outlets}</span><br><span class="muted">score ${formatScore(group.score)}</span></th>${join(cells)}</tr>`;
  });
  return html`<section id="facts"><h2>Facts × versions</h2>
<p class="muted">One row per fact group (groups.jsonl), one column per version; an empty hatched cell means that version does not report the fact.</p>
<form id="controls" hidden><label>Reported by at least <select id="min-outlets">${join(options)}</select> versions</label><label><input type="checkbox" id="show-en" checked> English</label><span id="facts-shown" class="muted"></span></form>
<table class="facts"><thead><tr><th class="fact">Fact</th>${join(head)}</tr></thead>
<tbody>${join(rows)}</tbody></table></section>`;
}

function memberCell(members: readonly FactGroupMember[], segmentById: ReadonlyMap<string, Segment>): RawHtml {
  if (members.length === 0) return raw('<td class="absent" aria-label="not reported"></td>');
  const parts = [...members]
    .sort((x, y) => x.start - y.start)
    .map((member) => {
      const flags = segmentById.get(member.id)?.en_flags ?? [];
      const badges = flags.map((flag) => html` <span class="flag" title="translation flag">${flag}</span>`);
      return html`<p class="fr" data-id="${member.id}"><span class="seg-id">${member.id}</span> ${member.fr}</p>${
        member.en === undefined ? raw('') : html`<p class="en">${member.en}${join(badges)}</p>`
      }`;
    });
  return html`<td>${join(parts)}</td>`;
}

function heatmapSection(outputs: RunOutputs, docs: readonly string[], pairs: RunOutputs['alignments']): RawHtml {
  // A loop, not Math.min(...scores): spreading a large run's scores would overflow the call stack.
  let range: [number, number] = [Infinity, -Infinity];
  for (const pair of outputs.alignments) range = [Math.min(range[0], pair.score), Math.max(range[1], pair.score)];
  if (outputs.alignments.length === 0) range = [0, 1];
  const figures = docPairs(docs).map(([docA, docB]) => {
    const between = pairs.filter(
      (pair) => (pair.a_doc === docA && pair.b_doc === docB) || (pair.a_doc === docB && pair.b_doc === docA),
    );
    const map = renderHeatmap({
      docA,
      docB,
      rows: segmentsOf(outputs, docA),
      columns: segmentsOf(outputs, docB),
      pairs: between,
      scoreRange: range,
    });
    const unplaced = map.unplaced > 0 ? ` · ${plural(map.unplaced, 'pair')} naming sentences missing from sentences.jsonl` : '';
    return html`<figure data-pair="${docA}|${docB}"><h3>${docA} × ${docB}</h3>${map.svg}<figcaption>${plural(map.drawn, 'aligned pair')}${unplaced}; rows ${docA}, columns ${docB}</figcaption></figure>`;
  });
  return html`<section id="heatmaps"><h2>Similarity heat maps</h2>
<p class="muted">Per pair of versions: rows are the sentences of the first, columns of the second, in reading order; a coloured cell is an aligned pair (hover for the score and both sentences); grey bands are boilerplate.</p>
<p>${renderLegend(range)}</p>
<div class="heatmaps">${join(figures)}</div></section>`;
}

function boilerplateSection(outputs: RunOutputs, docs: readonly string[]): RawHtml {
  const blocks = docs.map((doc) => {
    const flagged = segmentsOf(outputs, doc).filter((segment) => segment.kind === 'boilerplate');
    const items = flagged.map(
      (segment) => html`<li><span class="seg-id">${segment.id}</span> <span class="muted">[${segment.reason ?? 'no reason recorded'}]</span> ${segment.fr}</li>`,
    );
    return html`<details><summary>${doc}: ${plural(flagged.length, 'boilerplate segment')}</summary>${flagged.length > 0 ? html`<ul>${join(items)}</ul>` : raw('')}</details>`;
  });
  return html`<section id="boilerplate"><h2>Boilerplate</h2>
<p class="muted">Segments flagged as boilerplate (kept in sentences.jsonl, left out of alignment).</p>${join(blocks)}</section>`;
}

function manifestSection(manifest: RunOutputs['manifest']): RawHtml {
  if (manifest === undefined) return raw('');
  return html`<section id="manifest"><h2>Run manifest</h2><details><summary>manifest.json</summary><pre>${JSON.stringify(manifest, null, 2)}</pre></details></section>`;
}
