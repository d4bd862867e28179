// Which pairs of one document pair become alignments. No order constraint: outlets reorder facts.
// 1. Core: mutual best by ratio margin, margin >= threshold (the LASER mining rule), and a
//    similarity of at least relativeFloor x the best mutual-best similarity of the document pair
//    and of at least the run's chance similarity (chance.ts, with options.chanceFloor > 0).
// 1b. Positional support (path.ts): a pair next to an aligned pair on the diagonal needs only
//    pathThreshold; the chain grows from the anchors. Its pairs count as core from here on.
//    With options.context > 0, which partner is "best" also reads the diagonal neighbours'
//    similarity (local order breaks near-ties between look-alike candidates); margins do not.
// 2. Near-tie second partners: a sentence that prefers x, whose similarity to x is at least
//    tieRatio of x's core partner's, whose margin passes too, and that lies within tieWindow
//    sentences of that partner, aligns with x as well.
// 3. Many-to-many (Bertalign's second pass, without its monotonic path): a core pair grows to an
//    adjacent sentence on either side when that sentence prefers the pair's other side (or passes
//    pathThreshold with one of its sentences: adjacency is positional support) and the
//    concatenation matches better than the span did; every cross pair of the two spans is kept.
import type { ResolvedAlignOptions } from './options.ts';
import { columnNeighbourMeans, ratioMargin, rowNeighbourMeans } from './margin.ts';
import { growAlongDiagonals } from './path.ts';
import { documentPairSimilarities, spanSimilarity, type CollectionFeatures, type SimilarityBlock } from './similarity.ts';

/** A kept pair (segment indices, i in the earlier document) and how it was found. */
export interface KeptPair {
  readonly i: number;
  readonly j: number;
  readonly similarity: number;
  readonly margin: number;
  /** core: mutual best; path: grown along a diagonal from an aligned pair; tie: near-tie second partner; span: grown by the many-to-many pass; bridge: linked through a third version. */
  readonly via: 'core' | 'path' | 'tie' | 'span' | 'bridge';
}

/**
 * Aligns document `a` (the block's) with a later document `b`. `banned` holds pairs (i * segments
 * + j) a consistency check dropped: they neither align nor block their sentences' other partners.
 * `bridges` are pairs of this document pair that a third version links (consistency.ts): each is
 * kept when its similarity passes the document pair's floor.
 */
export function alignDocumentPair(
  features: CollectionFeatures, block: SimilarityBlock, b: number, options: ResolvedAlignOptions, banned?: ReadonlySet<number>, bridges?: readonly { i: number; j: number }[],
): KeptPair[] {
  const a0 = block.rowStart;
  const rows = block.rowEnd - a0;
  const b0 = features.docStart[b] as number;
  const cols = (features.docStart[b + 1] as number) - b0;
  if (rows === 0 || cols === 0) return [];
  const sims = documentPairSimilarities(features, block, b0, rows, cols);
  const margins = marginMatrix(sims, rows, cols, options.k);
  // Which partner is best reads local order too (options.context); everything else the plain margin.
  const choice = options.context > 0 ? marginMatrix(withDiagonalContext(sims, rows, cols, options.context), rows, cols, options.k) : margins;
  if (banned !== undefined && banned.size > 0) {
    const n = features.segments.length;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (banned.has((a0 + r) * n + b0 + c)) { margins[r * cols + c] = 0; sims[r * cols + c] = 0; choice[r * cols + c] = 0; }
  }

  // Best partner of each row and column by margin (with context); ties go to the earlier sentence.
  const rowBest = new Int32Array(rows).fill(-1);
  const colBest = new Int32Array(cols).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if ((margins[r * cols + c] as number) <= 0) continue;
      const m = choice[r * cols + c] as number;
      if (rowBest[r] === -1 || m > (choice[r * cols + (rowBest[r] as number)] as number)) rowBest[r] = c;
      if (colBest[c] === -1 || m > (choice[(colBest[c] as number) * cols + c] as number)) colBest[c] = r;
    }
  }
  const kept = new Map<number, KeptPair>();
  const keep = (r: number, c: number, via: KeptPair['via']): void => {
    const key = r * cols + c;
    if (!kept.has(key)) kept.set(key, { i: a0 + r, j: b0 + c, similarity: sims[key] as number, margin: margins[key] as number, via });
  };
  const rowCore = new Int32Array(rows).fill(-1);
  const colCore = new Int32Array(cols).fill(-1);
  const mutualSims: number[] = [];
  for (let r = 0; r < rows; r++) {
    const c = rowBest[r] as number;
    if (c >= 0 && colBest[c] === r && (margins[r * cols + c] as number) >= options.threshold) mutualSims.push(sims[r * cols + c] as number);
  }
  // The document pair's own scale: its best mutual-best similarity. A pair far below it is two
  // sentences whose true partners are missing, matched on a word or two of chance. And the run's
  // chance level (chance.ts): a pair no more similar than chance pairs are is not evidence.
  const floor = Math.max(features.chanceFloor, options.relativeFloor * mutualSims.reduce((x, y) => Math.max(x, y), 0));
  for (let r = 0; r < rows; r++) {
    const c = rowBest[r] as number;
    if (c < 0 || colBest[c] !== r || (margins[r * cols + c] as number) < options.threshold || (sims[r * cols + c] as number) < floor) continue;
    rowCore[r] = c;
    colCore[c] = r;
    keep(r, c, 'core');
  }
  // Positional support: pairs next to an aligned pair on the diagonal need only pathThreshold.
  if (options.pathThreshold < options.threshold) {
    for (const { r, c } of growAlongDiagonals(sims, margins, rows, cols, rowCore, colCore, options.pathThreshold, floor, options.gapFill)) keep(r, c, 'path');
  }

  // Near-tie second partners: c prefers r, has no core partner of its own, and comes close to r's.
  for (let c = 0; c < cols; c++) {
    const r = colBest[c] as number;
    if (r < 0 || (colCore[c] as number) >= 0 || (rowCore[r] as number) < 0) continue;
    const best = sims[r * cols + (rowCore[r] as number)] as number;
    if (Math.abs(c - (rowCore[r] as number)) > options.tieWindow) continue;
    if ((sims[r * cols + c] as number) >= options.tieRatio * best && (margins[r * cols + c] as number) >= options.threshold) keep(r, c, 'tie');
  }
  for (let r = 0; r < rows; r++) {
    const c = rowBest[r] as number;
    if (c < 0 || (rowCore[r] as number) >= 0 || (colCore[c] as number) < 0) continue;
    const best = sims[(colCore[c] as number) * cols + c] as number;
    if (Math.abs(r - (colCore[c] as number)) > options.tieWindow) continue;
    if ((sims[r * cols + c] as number) >= options.tieRatio * best && (margins[r * cols + c] as number) >= options.threshold) keep(r, c, 'tie');
  }

  if (options.merge) {
    for (let r = 0; r < rows; r++) {
      const c = rowCore[r] as number;
      if (c < 0) continue;
      const [spanA, spanB] = growSpans(features, block, r, c, rows, cols, a0, b0, rowCore, colCore, rowBest, colBest, margins, options.pathThreshold);
      if (spanA.length === 1 && spanB.length === 1) continue;
      for (const x of spanA) for (const y of spanB) keep(x, y, 'span');
    }
  }
  for (const { i, j } of bridges ?? []) {
    const key = (i - a0) * cols + j - b0;
    if ((sims[key] as number) > 0 && (sims[key] as number) >= floor) keep(i - a0, j - b0, 'bridge');
  }
  return [...kept.values()];
}

/** Ratio margins of a document pair's similarity matrix (k nearest in the other document, per side). */
function marginMatrix(sims: Float64Array, rows: number, cols: number, k: number): Float64Array {
  const rowMeans = rowNeighbourMeans(sims, rows, cols, k);
  const colMeans = columnNeighbourMeans(sims, rows, cols, k);
  const margins = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) margins[r * cols + c] = ratioMargin(sims[r * cols + c] as number, rowMeans[r] as number, colMeans[c] as number);
  return margins;
}

/**
 * sim(i, j) x (1 + weight x mean(sim(i - 1, j - 1), sim(i + 1, j + 1))), a missing neighbour
 * counting 0: two candidates with the same words differ by whether their neighbours match too.
 */
function withDiagonalContext(sims: Float64Array, rows: number, cols: number, weight: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const before = r > 0 && c > 0 ? (sims[(r - 1) * cols + c - 1] as number) : 0;
      const after = r + 1 < rows && c + 1 < cols ? (sims[(r + 1) * cols + c + 1] as number) : 0;
      out[r * cols + c] = (sims[r * cols + c] as number) * (1 + (weight * (before + after)) / 2);
    }
  }
  return out;
}

/**
 * Grows the spans of a core pair (r, c) one adjacent sentence at a time, best gain first: a
 * candidate has no core partner, prefers a sentence of the other span or has a margin >= pathThreshold
 * with one (it is adjacent to the span: positional support), and raises the span
 * similarity. Returns the spans as row / column offsets.
 */
function growSpans(
  features: CollectionFeatures, block: SimilarityBlock, r: number, c: number, rows: number, cols: number, a0: number, b0: number,
  rowCore: Int32Array, colCore: Int32Array, rowBest: Int32Array, colBest: Int32Array, margins: Float64Array, pathThreshold: number,
): [number[], number[]] {
  const spanA = [r];
  const spanB = [c];
  const similarity = (sa: readonly number[], sb: readonly number[]): number => spanSimilarity(features, block, sa.map((x) => a0 + x), sb.map((y) => b0 + y));
  let current = similarity(spanA, spanB);
  for (;;) {
    let best: { side: 'a' | 'b'; at: number; sim: number } | undefined;
    const tryA = (x: number): void => {
      if (x < 0 || x >= rows || (rowCore[x] as number) >= 0 || !(spanB.includes(rowBest[x] as number) || spanB.some((y) => (margins[x * cols + y] as number) >= pathThreshold))) return;
      const sim = similarity([...spanA, x], spanB);
      if (sim > current && (best === undefined || sim > best.sim)) best = { side: 'a', at: x, sim };
    };
    const tryB = (y: number): void => {
      if (y < 0 || y >= cols || (colCore[y] as number) >= 0 || !(spanA.includes(colBest[y] as number) || spanA.some((x) => (margins[x * cols + y] as number) >= pathThreshold))) return;
      const sim = similarity(spanA, [...spanB, y]);
      if (sim > current && (best === undefined || sim > best.sim)) best = { side: 'b', at: y, sim };
    };
    tryA(Math.min(...spanA) - 1);
    tryA(Math.max(...spanA) + 1);
    tryB(Math.min(...spanB) - 1);
    tryB(Math.max(...spanB) + 1);
    if (best === undefined) return [spanA, spanB];
    const chosen: { side: 'a' | 'b'; at: number; sim: number } = best;
    (chosen.side === 'a' ? spanA : spanB).push(chosen.at);
    current = chosen.sim;
  }
}
