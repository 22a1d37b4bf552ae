// Design-based means against R survey. Reference values: svymean(~api00, ...) on apistrat as generated
// with survey 4.5 / R 4.6.1 in Survey.jl's test/r_reference/est_basic.csv (generate_fixtures.R), which
// agree with the survey documentation's printout svymean(~api00, dstrat) = 662.29, SE 9.4089.
import { mean, sampleStandardDeviation } from "simple-statistics";
import { describe, it } from "vitest";
import { stratifiedMean, weightedMean } from "~/modules/analytics";
import { api00, populationOf, storedWeightOf, stype } from "./fixtures/apistrat";
import { expectClose, expectPrinted, expectRangeError } from "./helpers";

const sampleOf: Record<string, number> = { E: 100, H: 50, M: 50 };
const fpcWeights = stype.map((h) => populationOf[h] / sampleOf[h]);
const populationSizes = stype.map((h) => populationOf[h]);

describe("weightedMean", () => {
  it("matches svymean(~api00, svydesign(id=~1, strata=~stype, fpc=~fpc, data=apistrat))", () => {
    const r = weightedMean(api00, fpcWeights, { strata: stype, populationSizes });
    expectClose(r.mean, 662.287363577655, 1e-12); // est_basic.csv, design strat_fpc
    expectClose(r.se, 9.408940879434, 1e-10);
    expectPrinted(r.mean, 662.29, 2); // survey documentation printout
    expectPrinted(r.se, 9.4089, 4);
  });

  it("matches svymean(~api00, svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat)) without fpc", () => {
    const r = weightedMean(
      api00,
      stype.map((h) => storedWeightOf[h]),
      { strata: stype },
    );
    expectClose(r.mean, 662.287363159321, 1e-12); // est_basic.csv, design strat_w
    expectClose(r.se, 9.53613229692516, 1e-10);
  });

  it("reports svymean's deff = TRUE design effect", () => {
    // V / (s²_w (N̂ − n)/(N̂ n)) following svymean.survey.design2's source; recomputed independently
    // in a Python script from the apistrat rows (1.2044572863605334).
    const r = weightedMean(api00, fpcWeights, { strata: stype, populationSizes });
    expectClose(r.deff, 1.2044572863605334, 1e-10);
  });

  it("gives deff = 1/(1 − n/N̂) for equal weights without strata, as R's 1.0334 for apisrs (n = 200, N = 6194)", () => {
    // With equal weights V = s²/n and V_srs = s²(N̂ − n)/(N̂ n), so deff = N̂/(N̂ − n) exactly whatever
    // the values; R: svymean(~api00, svydesign(id=~1, weights=~pw, data=apisrs), deff=TRUE) prints 1.0334.
    const r = weightedMean(
      api00,
      api00.map(() => 6194 / 200),
    );
    expectClose(r.deff, 6194 / (6194 - 200), 1e-12);
    expectPrinted(r.deff, 1.0334, 4);
    expectClose(r.mean, mean(api00), 1e-14);
    expectClose(r.se, sampleStandardDeviation(api00) / Math.sqrt(200), 1e-12);
  });

  it("falls back to svymean's deff = 'replace' when the weights do not reach n", () => {
    const r = weightedMean([1, 2, 3, 4], [0.5, 0.5, 0.5, 0.5]);
    expectClose(r.deff, 1, 1e-12); // equal weights, with-replacement SRS variance s²/n
  });

  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => weightedMean([1, 2, 3], [1, 1]), /same length/);
    expectRangeError(() => weightedMean([1, 2, 3], [1, 0, 1]), /weights\[1\] must be greater than 0/);
    expectRangeError(() => weightedMean([1, Number.NaN, 3], [1, 1, 1]), /values\[1\] must be a finite number/);
    expectRangeError(() => weightedMean([1, 2, 3], [1, 1, 1], { strata: ["a", "a", "b"] }), /stratum b has a single row/);
    expectRangeError(
      () => weightedMean([1, 2, 3, 4], [1, 1, 1, 1], { strata: ["a", "a", "b", "b"], populationSizes: [10, 10, 10, 12] }),
      /constant within stratum b/,
    );
    expectRangeError(() => weightedMean([1, 2], [1, 1], { populationSizes: [1, 1] }), /more rows \(2\) than its population size/);
  });
});

describe("stratifiedMean", () => {
  it("reproduces svymean on the stratified apistrat design from per-stratum summaries (Cochran 5.1, 5.7)", () => {
    const strata = ["E", "H", "M"].map((h) => {
      const ys = api00.filter((_, i) => stype[i] === h);
      return { populationSize: populationOf[h], n: ys.length, mean: mean(ys), sd: sampleStandardDeviation(ys) };
    });
    const r = stratifiedMean(strata);
    expectClose(r.mean, 662.287363577655, 1e-12);
    expectClose(r.se, 9.408940879434, 1e-10);
  });

  it("treats a census stratum as known exactly (closed form)", () => {
    // mean = (10·5 + 30·7)/40 = 6.5; only the sampled stratum adds variance: (30/40)²·(1 − 3/30)·1²/3.
    const r = stratifiedMean([
      { populationSize: 10, n: 10, mean: 5, sd: 2 },
      { populationSize: 30, n: 3, mean: 7, sd: 1 },
    ]);
    expectClose(r.mean, 6.5, 1e-15);
    expectClose(r.se, Math.sqrt(((30 / 40) ** 2 * 0.9) / 3), 1e-15);
  });

  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => stratifiedMean([]), /non-empty array/);
    expectRangeError(() => stratifiedMean([{ populationSize: 5, n: 10, mean: 1, sd: 1 }]), /cannot be smaller than its n/);
    expectRangeError(() => stratifiedMean([{ populationSize: 50, n: 0, mean: 1, sd: 1 }]), /n must be a whole number of at least 1/);
    expectRangeError(() => stratifiedMean([{ populationSize: 50, n: 1, mean: 1, sd: 0 }]), /one respondent/);
    expectRangeError(() => stratifiedMean([{ populationSize: 50, n: 5, mean: 1, sd: -2 }]), /sd must not be negative/);
  });
});
