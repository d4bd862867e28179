// The page's inline stylesheet and script. Constants, so their CSP hashes are fixed per release.
import { createHash } from 'node:crypto';

export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-alt: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); }
header, main { padding: 0 24px; }
header { border-bottom: 1px solid var(--line); padding-top: 12px; padding-bottom: 12px; background: var(--bg-alt); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 14px; margin: 0 0 6px; }
nav a { margin-right: 14px; color: var(--accent); }
.muted, .summary { color: var(--muted); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--bg-alt); position: sticky; top: 0; z-index: 1; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.facts { width: 100%; table-layout: fixed; }
.facts th.fact { width: 7.5em; }
.facts td, .facts th { overflow-wrap: anywhere; }
.facts th.fact .muted { font-weight: normal; }
.facts td p { margin: 0 0 4px; }
.facts td p.en { color: var(--muted); font-style: italic; }
.facts td.absent { background: repeating-linear-gradient(45deg, #fafbfc, #fafbfc 6px, #f0f2f4 6px, #f0f2f4 12px); }
.facts td.absent::before { content: "—"; color: #afb8c1; }
.facts tr.single th.fact { border-left: 3px solid #d4a72c; }
.doc-title { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
.seg-id { color: var(--muted); font-size: 11px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.flag { font-size: 11px; background: #fff1c2; border: 1px solid #d4a72c; border-radius: 3px; padding: 0 3px; }
.bar { vertical-align: middle; }
.heatmaps { display: flex; flex-wrap: wrap; gap: 20px; }
figure { margin: 0; padding: 10px; border: 1px solid var(--line); border-radius: 6px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
#controls { margin: 8px 0; padding: 6px 10px; background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; }
#controls label { margin-right: 16px; }
body.hide-en .facts p.en { display: none; }
tr.filtered { display: none; }
pre { background: var(--bg-alt); padding: 8px; overflow-x: auto; }
details { margin: 6px 0; }
`;

/** Optional controls: the page is complete without them (rows are only hidden, never built, here). */
export const REPORT_JS = `
(function () {
  var form = document.getElementById('controls');
  if (!form) return;
  form.hidden = false;
  var minOutlets = document.getElementById('min-outlets');
  var showEn = document.getElementById('show-en');
  var shown = document.getElementById('facts-shown');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-outlets]'));
  function apply() {
    var min = Number(minOutlets.value);
    var count = 0;
    rows.forEach(function (row) {
      var keep = Number(row.getAttribute('data-outlets')) >= min;
      row.classList.toggle('filtered', !keep);
      if (keep) count++;
    });
    shown.textContent = count + ' of ' + rows.length + ' facts shown';
    document.body.classList.toggle('hide-en', !showEn.checked);
  }
  minOutlets.addEventListener('change', apply);
  showEn.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
`;

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
