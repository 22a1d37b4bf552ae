// Design-based estimation of means from stratified and weighted samples.
import { fail, finite, finiteArray, integerAtLeast, nonNegative, positive, sameLength } from "./validate";

export type Stratum = { populationSize: number; n: number; mean: number; sd: number };

/**
 * Stratified mean ȳ_st = Σ W_h ȳ_h with W_h = N_h/N and variance Σ W_h² (1 − n_h/N_h) s_h²/n_h
 * (Cochran 1977, eqs. 5.1 and 5.7); equals R survey::svymean on svydesign(ids=~1, strata=, fpc=).
 */
export function stratifiedMean(strata: Stratum[]): { mean: number; se: number } {
  const where = "stratifiedMean";
  if (!Array.isArray(strata) || strata.length === 0) fail(where, "strata must be a non-empty array");
  let total = 0;
  for (let h = 0; h < strata.length; h++) {
    const s = strata[h];
    if (s === null || typeof s !== "object") fail(where, `strata[${h}] must be an object { populationSize, n, mean, sd }`);
    const n = integerAtLeast(where, `strata[${h}].n`, s.n, 1);
    const big = positive(where, `strata[${h}].populationSize`, s.populationSize);
    if (big < n) fail(where, `strata[${h}].populationSize (${big}) cannot be smaller than its n (${n})`);
    finite(where, `strata[${h}].mean`, s.mean);
    nonNegative(where, `strata[${h}].sd`, s.sd);
    if (n < 2 && big > n) fail(where, `strata[${h}] has one respondent, so its variance cannot be estimated`);
    total += big;
  }
  let mean = 0;
  let variance = 0;
  for (const s of strata) {
    const w = s.populationSize / total;
    mean += w * s.mean;
    variance += w * w * (1 - s.n / s.populationSize) * ((s.sd * s.sd) / s.n);
  }
  return { mean, se: Math.sqrt(variance) };
}

/**
 * Weighted (Hájek) mean ȳ = Σ w y / Σ w with the linearisation variance of R survey::svymean for
 * svydesign(ids=~1, strata=, weights=, fpc=): residuals z_i = w_i (y_i − ȳ)/Σ w, and
 * V = Σ_h (1 − f_h) n_h/(n_h − 1) Σ_i (z_hi − z̄_h)², f_h = n_h/N_h (0 without populationSizes);
 * Särndal, Swensson & Wretman (1992) §5.6. deff is svymean's deff = V / V_srs with
 * V_srs = s²_w (N̂ − n)/(N̂ n), N̂ = Σ w and s²_w = n/(n−1) Σ w (y − ȳ)²/Σ w (svymean's deff=TRUE,
 * an SRS without replacement of the same size); when Σ w ≤ n the weights describe no population,
 * so V_srs = s²_w/n (svymean's deff="replace"). deff is NaN when all values are equal (0/0).
 */
export function weightedMean(
  values: number[],
  weights: number[],
  o: { strata?: (string | number)[]; populationSizes?: number[] } = {},
): { mean: number; se: number; deff: number } {
  const where = "weightedMean";
  finiteArray(where, "values", values, 2);
  finiteArray(where, "weights", weights, 2);
  sameLength(where, values, "values", weights, "weights");
  for (let i = 0; i < weights.length; i++) positive(where, `weights[${i}]`, weights[i]);
  const n = values.length;
  const strata = o.strata ?? new Array<string | number>(n).fill(0);
  sameLength(where, values, "values", strata, "strata");
  if (o.populationSizes !== undefined) {
    finiteArray(where, "populationSizes", o.populationSizes);
    sameLength(where, values, "values", o.populationSizes, "populationSizes");
  }

  let sumW = 0;
  let sumWY = 0;
  for (let i = 0; i < n; i++) {
    sumW += weights[i];
    sumWY += weights[i] * values[i];
  }
  const mean = sumWY / sumW;

  // Group rows by stratum (count, stratum N, mean residual), then sum squared deviations in a second pass.
  const groups = new Map<string | number, { n: number; sum: number; sumSq: number; big: number | undefined }>();
  const rowGroup = new Array<{ n: number; sum: number; sumSq: number; big: number | undefined }>(n);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = strata[i];
    if (typeof key !== "string" && typeof key !== "number") fail(where, `strata[${i}] must be a string or a number`);
    const big = o.populationSizes?.[i];
    let g = groups.get(key);
    if (!g) {
      g = { n: 0, sum: 0, sumSq: 0, big };
      groups.set(key, g);
    } else if (g.big !== big) {
      fail(where, `populationSizes must be constant within stratum ${String(key)}`);
    }
    residual[i] = (weights[i] * (values[i] - mean)) / sumW;
    g.n += 1;
    g.sum += residual[i];
    rowGroup[i] = g;
  }
  for (let i = 0; i < n; i++) {
    const g = rowGroup[i];
    const d = residual[i] - g.sum / g.n;
    g.sumSq += d * d;
  }
  let variance = 0;
  for (const [key, g] of groups) {
    if (g.big !== undefined && g.big < g.n)
      fail(where, `stratum ${String(key)} has more rows (${g.n}) than its population size (${g.big})`);
    const f = g.big === undefined ? 0 : g.n / g.big;
    if (g.n < 2) {
      if (f < 1) fail(where, `stratum ${String(key)} has a single row, so its variance cannot be estimated`);
      continue;
    }
    variance += (1 - f) * (g.n / (g.n - 1)) * g.sumSq;
  }

  let spread = 0;
  for (let i = 0; i < n; i++) spread += weights[i] * (values[i] - mean) ** 2;
  const weightedVariance = ((spread / sumW) * n) / (n - 1);
  const srsVariance = sumW > n ? (weightedVariance * (sumW - n)) / (sumW * n) : weightedVariance / n;
  return { mean, se: Math.sqrt(variance), deff: variance / srsVariance };
}
