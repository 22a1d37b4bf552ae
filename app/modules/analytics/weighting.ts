// Survey weights: effective sample size, post-stratification and raking.
import { countMatrix, fail, nonNegativeArray, positive, sameLength } from "./validate";

/** Kish (1965, §11.7) effective sample size n_eff = (Σ w)² / Σ w². */
export function kishEffectiveSampleSize(weights: number[]): number {
  const where = "kishEffectiveSampleSize";
  nonNegativeArray(where, "weights", weights);
  let sum = 0;
  let sumSq = 0;
  for (const w of weights) {
    sum += w;
    sumSq += w * w;
  }
  if (sum <= 0) fail(where, "weights must not all be zero");
  return (sum * sum) / sumSq;
}

/**
 * Post-stratification weight per class, N_h / n_h (Holt & Smith 1979): the weight R survey::postStratify
 * gives every respondent of class h when the design weights are equal.
 */
export function postStratifyWeights(sampleCounts: number[], populationCounts: number[]): number[] {
  const where = "postStratifyWeights";
  nonNegativeArray(where, "sampleCounts", sampleCounts);
  nonNegativeArray(where, "populationCounts", populationCounts);
  sameLength(where, sampleCounts, "sampleCounts", populationCounts, "populationCounts");
  return sampleCounts.map((n, h) => {
    if (n === 0) fail(where, `post-stratum ${h} has no respondents, so its weight is undefined (collapse it with a neighbour)`);
    return populationCounts[h] / n;
  });
}

/**
 * Raking by iterative proportional fitting (Deming & Stephan 1940): the sample table is scaled to the
 * row totals, then the column totals, until every margin is within tolerance (relative) of its target.
 * Returns a weight per cell, fitted cell total / sample count (0 for empty cells), which is the
 * weight R survey::rake gives each respondent of that cell when the design weights are equal.
 */
export function rakeWeights(
  sampleCounts: number[][],
  rowTotals: number[],
  columnTotals: number[],
  o: { tolerance?: number; maxIterations?: number } = {},
): number[][] {
  const where = "rakeWeights";
  const table = countMatrix(where, "sampleCounts", sampleCounts);
  nonNegativeArray(where, "rowTotals", rowTotals);
  nonNegativeArray(where, "columnTotals", columnTotals);
  sameLength(where, table, "sampleCounts rows", rowTotals, "rowTotals");
  sameLength(where, table[0], "sampleCounts columns", columnTotals, "columnTotals");
  const tolerance = o.tolerance === undefined ? 1e-10 : positive(where, "tolerance", o.tolerance);
  const maxIterations = o.maxIterations === undefined ? 1000 : positive(where, "maxIterations", o.maxIterations);
  const rows = table.length;
  const cols = table[0].length;
  const rowSum = (m: number[][], i: number) => m[i].reduce((a, b) => a + b, 0);
  const colSum = (m: number[][], j: number) => m.reduce((a, row) => a + row[j], 0);
  const totalRows = rowTotals.reduce((a, b) => a + b, 0);
  const totalCols = columnTotals.reduce((a, b) => a + b, 0);
  if (Math.abs(totalRows - totalCols) > 1e-9 * Math.max(totalRows, totalCols)) {
    fail(where, `row totals (${totalRows}) and column totals (${totalCols}) must add up to the same population`);
  }
  for (let i = 0; i < rows; i++) {
    if (rowTotals[i] > 0 && rowSum(table, i) === 0) fail(where, `row ${i} has no respondents but a target of ${rowTotals[i]}`);
  }
  for (let j = 0; j < cols; j++) {
    if (columnTotals[j] > 0 && colSum(table, j) === 0) fail(where, `column ${j} has no respondents but a target of ${columnTotals[j]}`);
  }

  const fitted = table.map((row) => row.slice());
  const scaleRow = (i: number, target: number) => {
    const s = rowSum(fitted, i);
    if (s > 0) for (let j = 0; j < cols; j++) fitted[i][j] *= target / s;
  };
  const scaleCol = (j: number, target: number) => {
    const s = colSum(fitted, j);
    if (s > 0) for (let i = 0; i < rows; i++) fitted[i][j] *= target / s;
  };
  const within = (actual: number, target: number) => Math.abs(actual - target) <= tolerance * Math.max(target, 1);
  let converged = false;
  for (let it = 0; it < maxIterations && !converged; it++) {
    for (let i = 0; i < rows; i++) scaleRow(i, rowTotals[i]);
    for (let j = 0; j < cols; j++) scaleCol(j, columnTotals[j]);
    converged = true;
    for (let i = 0; i < rows && converged; i++) converged = within(rowSum(fitted, i), rowTotals[i]);
  }
  if (!converged)
    fail(where, `raking did not converge in ${maxIterations} iterations; the margins may be incompatible with the empty cells`);
  return fitted.map((row, i) => row.map((cell, j) => (table[i][j] > 0 ? cell / table[i][j] : 0)));
}
