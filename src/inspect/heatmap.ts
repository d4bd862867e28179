// Similarity heat map for one pair of versions, as inline SVG: rows = sentences of doc A, columns =
// sentences of doc B, a filled cell per alignment pair coloured by its score. Pure.
import type { AlignmentPair, Segment } from '../types.ts';
import { html, join, plural, type RawHtml } from './escape.ts';
import { formatScore } from './terminal.ts';

export interface HeatmapInput {
  readonly docA: string;
  readonly docB: string;
  /** Segments of each document in reading order (every kind: boilerplate rows are shaded). */
  readonly rows: readonly Segment[];
  readonly columns: readonly Segment[];
  /** Pairs between docA and docB (either side order). */
  readonly pairs: readonly AlignmentPair[];
  /** Score range of the whole run, so colours compare across maps. */
  readonly scoreRange: readonly [number, number];
}

export interface Heatmap {
  readonly svg: RawHtml;
  /** Pairs drawn, and pairs naming a sentence that sentences.jsonl lacks (reported, not dropped silently). */
  readonly drawn: number;
  readonly unplaced: number;
}

const MARGIN = 34;
const TARGET_SIZE = 380;

export function renderHeatmap(input: HeatmapInput): Heatmap {
  const { rows, columns } = input;
  const cell = Math.max(4, Math.min(22, Math.floor(TARGET_SIZE / Math.max(rows.length, columns.length, 1))));
  const width = MARGIN + columns.length * cell + 2;
  const height = MARGIN + rows.length * cell + 2;
  const rowOf = new Map(rows.map((segment, i) => [segment.id, i]));
  const colOf = new Map(columns.map((segment, i) => [segment.id, i]));
  const parts: RawHtml[] = [
    html`<rect x="${MARGIN}" y="${MARGIN}" width="${columns.length * cell}" height="${rows.length * cell}" fill="#f6f8fa" stroke="#d0d7de"/>`,
  ];
  // Boilerplate is kept and flagged everywhere, so its rows and columns are shaded rather than removed.
  rows.forEach((segment, i) => {
    if (segment.kind === 'boilerplate') parts.push(html`<rect x="${MARGIN}" y="${MARGIN + i * cell}" width="${columns.length * cell}" height="${cell}" fill="#e6e9ed"/>`);
  });
  columns.forEach((segment, j) => {
    if (segment.kind === 'boilerplate') parts.push(html`<rect x="${MARGIN + j * cell}" y="${MARGIN}" width="${cell}" height="${rows.length * cell}" fill="#e6e9ed"/>`);
  });
  parts.push(...axisTicks(rows.length, columns.length, cell));
  let drawn = 0;
  let unplaced = 0;
  for (const pair of input.pairs) {
    const [rowId, colId, rowFr, colFr] =
      pair.a_doc === input.docA ? [pair.a, pair.b, pair.a_fr, pair.b_fr] : [pair.b, pair.a, pair.b_fr, pair.a_fr];
    const i = rowOf.get(rowId);
    const j = colOf.get(colId);
    if (i === undefined || j === undefined) {
      unplaced++;
      continue;
    }
    drawn++;
    const tooltip = `${rowId} ↔ ${colId} · score ${formatScore(pair.score)} · grade ${pair.grade}\n${rowFr}\n${colFr}`;
    parts.push(
      html`<rect class="cell" x="${MARGIN + j * cell}" y="${MARGIN + i * cell}" width="${cell}" height="${cell}" fill="${scoreColor(pair.score, input.scoreRange)}" data-a="${rowId}" data-b="${colId}"><title>${tooltip}</title></rect>`,
    );
  }
  const label = `Similarity heat map: ${input.docA} (rows, ${plural(rows.length, 'sentence')}) × ${input.docB} (columns, ${plural(columns.length, 'sentence')}), ${plural(drawn, 'aligned pair')}`;
  const svg = html`<svg role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${label}"><title>${label}</title>${join(parts)}</svg>`;
  return { svg, drawn, unplaced };
}

function axisTicks(nRows: number, nColumns: number, cell: number): RawHtml[] {
  const every = cell >= 12 ? 5 : 10;
  const ticks: RawHtml[] = [];
  for (let j = 0; j < nColumns; j += every) {
    ticks.push(html`<text x="${MARGIN + j * cell + cell / 2}" y="${MARGIN - 6}" font-size="10" text-anchor="middle" fill="#656d76">${j}</text>`);
  }
  for (let i = 0; i < nRows; i += every) {
    ticks.push(html`<text x="${MARGIN - 4}" y="${MARGIN + i * cell + cell / 2 + 3}" font-size="10" text-anchor="end" fill="#656d76">${i}</text>`);
  }
  return ticks;
}

// Amber → teal → dark blue: even the lowest score stands out from the pale background and from the
// grey boilerplate shading.
const STOPS: readonly (readonly [number, number, number])[] = [
  [240, 180, 40],
  [65, 182, 196],
  [37, 52, 148],
];

/** Fill colour for a score, placed within the run's score range. */
export function scoreColor(score: number, [low, high]: readonly [number, number]): string {
  const t = high > low ? Math.min(1, Math.max(0, (score - low) / (high - low))) : 1;
  const scaled = t * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(scaled));
  const f = scaled - k;
  const [from, to] = [STOPS[k]!, STOPS[k + 1]!];
  const channel = (n: 0 | 1 | 2) => Math.round(from[n] + (to[n] - from[n]) * f).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** A small colour legend for the run's score range. */
export function renderLegend(scoreRange: readonly [number, number]): RawHtml {
  const steps = 10;
  const [low, high] = scoreRange;
  const swatches = Array.from({ length: steps }, (_, k) => {
    const score = low + ((high - low) * k) / (steps - 1);
    return html`<rect x="${40 + k * 16}" y="4" width="16" height="12" fill="${scoreColor(score, scoreRange)}"/>`;
  });
  return html`<svg width="250" height="20" role="img" aria-label="score colour scale from ${formatScore(low)} to ${formatScore(high)}"><text x="36" y="14" font-size="11" text-anchor="end" fill="#656d76">${formatScore(low)}</text>${join(swatches)}<text x="204" y="14" font-size="11" fill="#656d76">${formatScore(high)}</text></svg>`;
}
