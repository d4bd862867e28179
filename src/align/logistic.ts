// L2-regularised logistic regression, small and exact: standardised features, Newton-Raphson
// (iteratively reweighted least squares) on a few dozen weights. Deterministic: no random
// initialisation, no stochastic batches, so the same data always gives the same model.
import { FralignError } from '../errors.ts';

/** A trained model; `mean`/`scale` standardise a raw row before the weights apply. */
export interface LogisticModel {
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

export interface LogisticTrainOptions {
  /**
   * L2 penalty on the standardised weights (not on the bias), per training row: the objective is
   * mean log-loss + l2 · |w|², so a penalty means the same shrinkage whatever the number of rows
   * (a model trained on four documents and one trained on five are comparable). Default 0.01.
   */
  readonly l2?: number;
  /** Newton steps at most. Default 50. */
  readonly maxIterations?: number;
}

/**
 * Fits P(label = 1 | row). `rows` is flat (row n at n * names.length); labels are 0/1. The L2
 * penalty keeps weights finite when a feature separates the classes perfectly, which happens
 * with a few dozen positives.
 */
export function trainLogistic(rows: Float64Array, labels: ArrayLike<number>, names: readonly string[], options: LogisticTrainOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 0.01;
  const maxIterations = options.maxIterations ?? 50;
  const d = names.length;
  const count = labels.length;
  if (rows.length !== count * d) throw new FralignError('INPUT', `trainLogistic: expected ${count} rows of ${d} features, got ${rows.length} values; build rows with pairFeatureMatrix`);
  const { mean, scale } = standardisation(rows, count, d);
  const x = (n: number, f: number): number => ((rows[n * d + f] as number) - (mean[f] as number)) / (scale[f] as number);
  // Parameters: d weights then the bias at index d.
  const theta = new Float64Array(d + 1);
  // The summed loss below is count × the mean loss, so the penalty scales with count too.
  const penalty = 2 * l2 * count;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradient = new Float64Array(d + 1);
    const hessian = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    const row = new Float64Array(d + 1);
    for (let n = 0; n < count; n++) {
      for (let f = 0; f < d; f++) row[f] = x(n, f);
      row[d] = 1;
      const p = sigmoid(dot(theta, row));
      const residual = p - (labels[n] as number);
      const w = Math.max(p * (1 - p), 1e-10);
      for (let f = 0; f <= d; f++) {
        gradient[f] = (gradient[f] as number) + residual * (row[f] as number);
        const h = hessian[f] as Float64Array;
        for (let g = 0; g <= f; g++) h[g] = (h[g] as number) + w * (row[f] as number) * (row[g] as number);
      }
    }
    for (let f = 0; f <= d; f++) for (let g = f + 1; g <= d; g++) (hessian[f] as Float64Array)[g] = (hessian[g] as Float64Array)[f] as number;
    for (let f = 0; f < d; f++) {
      gradient[f] = (gradient[f] as number) + penalty * (theta[f] as number);
      (hessian[f] as Float64Array)[f] = ((hessian[f] as Float64Array)[f] as number) + penalty;
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let f = 0; f <= d; f++) {
      theta[f] = (theta[f] as number) - (step[f] as number);
      change = Math.max(change, Math.abs(step[f] as number));
    }
    if (change < 1e-9) break;
  }
  return { features: [...names], mean, scale, weights: Array.from(theta.subarray(0, d)), bias: theta[d] as number };
}

/** P(label = 1) for each row of a flat matrix whose columns follow `model.features`. */
export function predictLogistic(model: LogisticModel, rows: Float64Array): Float64Array {
  const d = model.features.length;
  const count = Math.floor(rows.length / d);
  const out = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    let z = model.bias;
    for (let f = 0; f < d; f++) z += (model.weights[f] as number) * (((rows[n * d + f] as number) - (model.mean[f] as number)) / (model.scale[f] as number));
    out[n] = sigmoid(z);
  }
  return out;
}

function standardisation(rows: Float64Array, count: number, d: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (let n = 0; n < count; n++) for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (rows[n * d + f] as number) / count;
  for (let n = 0; n < count; n++) for (let f = 0; f < d; f++) scale[f] = (scale[f] as number) + ((rows[n * d + f] as number) - (mean[f] as number)) ** 2 / count;
  // A constant column gets scale 1 so it standardises to 0 instead of dividing by zero.
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: readonly Float64Array[], vector: Float64Array): number[] {
  const n = vector.length;
  const a: number[][] = matrix.map((row, r) => [...row, vector[r] as number]);
  const at = (r: number): number[] => a[r] as number[];
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(r)[col] as number) > Math.abs(at(pivot)[col] as number)) pivot = r;
    [a[col], a[pivot]] = [at(pivot), at(col)];
    const p = at(col)[col] as number;
    if (Math.abs(p) < 1e-15) continue;
    for (let r = col + 1; r < n; r++) {
      const factor = (at(r)[col] as number) / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) at(r)[c] = (at(r)[c] as number) - factor * (at(col)[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = at(r);
    let sum = row[n] as number;
    for (let c = r + 1; c < n; c++) sum -= (row[c] as number) * (x[c] as number);
    const p = row[r] as number;
    x[r] = Math.abs(p) < 1e-15 ? 0 : sum / p;
  }
  return x;
}
