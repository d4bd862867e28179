// Margin scoring (Artetxe & Schwenk 2019, as in LASER bitext mining): a pair's similarity divided
// by how similar each side is to its other candidates. A sentence full of the story's common words
// is close to everything; the ratio margin discounts such hubs and rewards a pair that stands out.
//
// The neighbourhood is taken in the OTHER DOCUMENT OF THE PAIR: x's k nearest sentences in y's
// document and y's k nearest in x's. So a third version, or a syndicated duplicate of either
// document, does not change the pair's score (a corpus-wide neighbourhood would contain the
// duplicate's copy of y and halve the margin of every pair the duplicate repeats).

// A document shorter than k contributes zeros for the neighbours it lacks (the mean is always over
// k): capping k at the document length would make every pair of two one-sentence documents score
// exactly 1 (sim / sim), so an identical headline-only brief could never align.

/** Mean of the k largest values of each row of a rows x cols matrix (missing neighbours count 0). */
export function rowNeighbourMeans(sims: Float64Array, rows: number, cols: number, k: number): Float64Array {
  const kk = Math.max(1, k);
  const means = new Float64Array(rows);
  const top = new Float64Array(kk);
  for (let r = 0; r < rows; r++) {
    top.fill(0);
    for (let c = 0; c < cols; c++) insertTop(top, sims[r * cols + c] as number);
    means[r] = meanOf(top);
  }
  return means;
}

/** Mean of the k largest values of each column (missing neighbours count 0). */
export function columnNeighbourMeans(sims: Float64Array, rows: number, cols: number, k: number): Float64Array {
  const kk = Math.max(1, k);
  const means = new Float64Array(cols);
  const tops = Array.from({ length: cols }, () => new Float64Array(kk));
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) insertTop(tops[c] as Float64Array, sims[r * cols + c] as number);
  tops.forEach((top, c) => (means[c] = meanOf(top)));
  return means;
}

/** Ratio margin: sim / mean(kNN mean of x, kNN mean of y); 0 when there is no neighbourhood. */
export function ratioMargin(similarity: number, neighbourMeanX: number, neighbourMeanY: number): number {
  const denominator = (neighbourMeanX + neighbourMeanY) / 2;
  return denominator > 0 ? similarity / denominator : 0;
}

/** Inserts x into a descending list, dropping the smallest. */
function insertTop(top: Float64Array, x: number): void {
  let slot = top.length - 1;
  if (x <= (top[slot] as number)) return;
  while (slot > 0 && x > (top[slot - 1] as number)) {
    top[slot] = top[slot - 1] as number;
    slot--;
  }
  top[slot] = x;
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
