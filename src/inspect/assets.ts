// The page's inline stylesheet and script. Constants, so their CSP hashes are fixed per release.
import { createHash } from 'node:crypto';
import { CLIENT_JS } from '../report/client.ts';

export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg-alt: #f6f8fa; --accent: #0969da; --add: #dafbe1; --drop: #ffebe9; --key: #ffd33d; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); overflow-wrap: break-word; }
header.top, main { padding: 0 20px; max-width: 1400px; margin: 0 auto; }
header.top { border-bottom: 1px solid var(--line); padding-top: 10px; padding-bottom: 10px; }
h1 { font-size: 19px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 22px 0 4px; }
h3 { font-size: 16px; margin: 26px 0 8px; }
h4 { font-size: 15px; margin: 0 0 4px; }
a { color: var(--accent); }
.muted, .summary { color: var(--muted); }
.warn { color: #9a6700; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--bg-alt); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.outlets td.title { min-width: 16em; }
details.outlets-wrap > summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
nav.jump { margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.doc-id { display: block; font: 11px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); font-weight: normal; overflow-wrap: anywhere; }
.outlet { font-weight: 600; }
.dup { display: block; font-size: 12px; font-weight: normal; color: #9a6700; }
.o0 { color: #0550ae; } .o1 { color: #8a4600; } .o2 { color: #116329; } .o3 { color: #8250df; }
.o4 { color: #a40e26; } .o5 { color: #1b7c83; } .o6 { color: #6e5000; } .o7 { color: #424a53; }
form.controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 12px 0; padding: 8px 10px; background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; }
form.controls[hidden] { display: none; }
form.controls .grow { flex: 1 1 220px; display: flex; gap: 6px; align-items: center; }
form.controls input.search { flex: 1; min-width: 0; font: inherit; padding: 3px 6px; }
form.controls select { font: inherit; }
.outlet-pick .boxes { display: flex; flex-wrap: wrap; gap: 2px 14px; max-height: 12em; overflow-y: auto; padding: 4px 0; }
label.check { white-space: nowrap; }
.fact { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 8px 10px; }
.fact > header { margin-bottom: 6px; }
.fact .fid { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
.fact .names { font-size: 13px; }
.fact.single { border-style: dashed; }
.members { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px; }
.member { min-width: 0; overflow-wrap: break-word; padding: 6px 8px; background: #fff; border-left: 3px solid var(--line); }
.member.is-ref { border-left-color: var(--accent); background: #f6faff; }
.member .who { font-size: 13px; margin-bottom: 2px; }
details.also-more { display: inline; }
details.also-more > summary { display: inline; cursor: pointer; color: var(--accent); }
details.also-more[open] > summary { display: block; }
.ref { font-size: 11px; color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 4px; }
.member p { margin: 0 0 4px; }
p.en, li .en { color: var(--muted); font-style: italic; margin: 2px 0 0; }
a.ctx { color: inherit; text-decoration: none; cursor: pointer; }
a.ctx:hover, a.ctx:focus { text-decoration: underline; text-decoration-color: var(--accent); }
ins.add { background: var(--add); text-decoration: none; border-radius: 2px; }
del.drop { background: var(--drop); color: #82071e; border-radius: 2px; }
ins.key, del.key { background: var(--key); color: #3b2300; font-weight: 700; outline: 1px solid #bf8700; }
del.key { text-decoration: line-through; }
.legend-diff { font-size: 13px; }
.flag { font-size: 11px; font-style: normal; background: #fff1c2; border: 1px solid #d4a72c; border-radius: 3px; padding: 0 3px; }
.en-score { font-size: 11px; font-style: normal; color: var(--muted); }
details.only { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
details.only > summary { cursor: pointer; font-weight: 600; }
details.only .fact { margin: 8px 0 0; }
details.more-members > summary { cursor: pointer; color: var(--accent); margin-top: 6px; }
.filtered { display: none !important; }
body.hide-en .en { display: none; }
.sim-wrap { margin-top: 10px; }
.matrix { font-size: 12px; }
.matrix th { font-weight: 600; max-width: 9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.matrix td { padding: 0; text-align: center; }
.matrix td.self { background: var(--bg-alt); color: var(--muted); padding: 2px 4px; }
.matrix button.cell { display: block; width: 100%; min-width: 30px; min-height: 28px; border: 0; font: inherit; cursor: pointer; background: #fff; }
.matrix button.c1 { background: #edf8b1; } .matrix button.c2 { background: #c7e9b4; } .matrix button.c3 { background: #7fcdbb; }
.matrix button.c4 { background: #2c7fb8; color: #fff; }
.matrix button.on, .matrix button:focus { outline: 3px solid #cf222e; outline-offset: -3px; }
.pair-pick { margin: 10px 0 4px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.pair-pick select { max-width: 14em; font: inherit; }
svg.map { display: block; touch-action: manipulation; }
svg.map:focus { outline: 2px solid var(--accent); }
svg.map text { font-size: 9px; fill: var(--muted); }
svg.map .bg { fill: #fafbfc; stroke: var(--line); }
svg.map .bp { fill: #e6e9ed; }
svg.map .kept { fill: none; stroke: #cf222e; stroke-width: 2; }
svg.map .cursor { fill: none; stroke: #000; stroke-width: 2; stroke-dasharray: 3 2; }
.pair-detail { min-height: 4em; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin-top: 6px; }
.pair-detail p { margin: 2px 0; }
.pair-detail .bp { color: var(--muted); }
.articles details.article-wrap { margin: 4px 0; }
.articles summary { cursor: pointer; }
ol.segs { list-style: none; padding: 0; margin: 6px 0; }
li.seg { padding: 3px 6px; border-left: 3px solid transparent; }
li.seg .pos { font: 11px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
li.seg.title { font-weight: 600; }
li.seg.boilerplate { color: #8c959f; background: #f6f8fa; }
li.seg .reason { font-size: 11px; }
li.seg.hit { background: #fff8c5; border-left-color: #bf8700; }
li.seg.near { border-left-color: #d0d7de; }
dialog#ctx { width: min(900px, 96vw); max-height: 90vh; padding: 0; border: 1px solid var(--line); border-radius: 8px; }
dialog#ctx::backdrop { background: rgba(0,0,0,.35); }
.ctx-bar { position: sticky; top: 0; display: flex; justify-content: space-between; gap: 10px; align-items: center; padding: 8px 12px; background: var(--bg-alt); border-bottom: 1px solid var(--line); }
#ctx-body { padding: 8px 14px; }
#stories .pager { margin: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
#stories .pager[hidden] { display: none; }
pre { background: var(--bg-alt); padding: 8px; overflow-x: auto; }
@media (max-width: 600px) {
  header.top, main { padding: 0 10px; }
  body { font-size: 15px; }
  .members { grid-template-columns: minmax(0, 1fr); }
  form.controls { position: static; }
  th, td { padding: 4px 5px; }
  table.outlets td.title { min-width: 12em; }
  .doc-id { display: none; }
  /* The outlets table becomes one block per outlet: name, title, then date, link and counts on a line. */
  table.outlets thead { display: none; }
  table.outlets, table.outlets tbody, table.outlets tr { display: block; }
  table.outlets tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 6px; padding: 4px 6px; }
  table.outlets th, table.outlets td { display: inline; border: 0; padding: 0 8px 0 0; overflow-wrap: anywhere; }
  table.outlets th, table.outlets td.title { display: block; min-width: 0; }
  table.outlets td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-size: 13px; }
  table.outlets td:empty { display: none; }
}
`;

export const REPORT_JS = CLIENT_JS;

/** CSP source for an inline element's exact content. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * No network, no plugins, no forms, nothing inline but our own stylesheet and script (by hash): if
 * escaping ever failed, an injected <script> or onerror= still would not run.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(REPORT_CSS)}`,
  `script-src ${cspHash(REPORT_JS)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
