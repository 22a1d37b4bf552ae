// Two-group comparisons against printed R output.
import { mean, sampleStandardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { chiSquareIndependence, twoProportionZTest, welchTTest } from "~/modules/analytics";
import { expectClose, expectPrinted, expectRangeError } from "./helpers";

// R datasets::sleep, extra hours of sleep under drug 1 and drug 2
const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const summarise = (xs: number[]) => ({ n: xs.length, mean: mean(xs), sd: sampleStandardDeviation(xs) });

describe("welchTTest", () => {
  it("matches R t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939", () => {
    const r = welchTTest(summarise(drug1), summarise(drug2));
    expectPrinted(r.t, -1.8608, 4);
    expectPrinted(r.df, 17.776, 3);
    expectPrinted(r.p, 0.07939, 5);
    // more digits of the same R result, as carried into a later R call: df 17.77647, t -1.860813
    expectPrinted(r.df, 17.77647, 5);
    expectPrinted(r.t, -1.860813, 6);
  });
  it("is antisymmetric in the groups", () => {
    const ab = welchTTest(summarise(drug1), summarise(drug2));
    const ba = welchTTest(summarise(drug2), summarise(drug1));
    expect(ba.t).toBeCloseTo(-ab.t, 14);
    expect(ba.p).toBeCloseTo(ab.p, 14);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => welchTTest({ n: 1, mean: 0, sd: 1 }, summarise(drug2)), /a\.n must be a whole number of at least 2/);
    expectRangeError(() => welchTTest({ n: 5, mean: 0, sd: 0 }, { n: 5, mean: 1, sd: 0 }), /sd 0/);
    expectRangeError(() => welchTTest(summarise(drug1), { n: 10, mean: Number.NaN, sd: 1 }), /b\.mean must be a finite number/);
  });
});

describe("twoProportionZTest", () => {
  it("z² matches R prop.test(correct = FALSE) on 94/214 vs 39/128: X-squared = 6.1026, p-value = 0.01350", () => {
    // R output quoted by influentialpoints.com, "Two-sample test for independent proportions - using R"
    // (sample estimates 0.4392523 and 0.3046875).
    const r = twoProportionZTest(94, 214, 39, 128);
    expectPrinted(r.z * r.z, 6.1026, 4);
    expectPrinted(r.p, 0.0135, 4);
    expect(r.z).toBeGreaterThan(0);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => twoProportionZTest(5, 0, 3, 10), /n1 must be greater than 0/);
    expectRangeError(() => twoProportionZTest(-5, 10, 3, 10), /x1 must not be negative/);
    expectRangeError(() => twoProportionZTest(5, 10, 11, 10), /x2 \(11\) cannot exceed n2/);
    expectRangeError(() => twoProportionZTest(0, 10, 0, 10), /pooled proportion is 0 or 1/);
  });
});

describe("chiSquareIndependence", () => {
  it("matches R chisq.test(M) for the ?chisq.test gender × party table: X-squared = 30.07, df = 2, p = 2.954e-07", () => {
    // Agresti (2007) p. 39; a 2 × 3 table, for which R applies no continuity correction.
    const r = chiSquareIndependence([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expectPrinted(r.statistic, 30.07, 2);
    expect(r.df).toBe(2);
    expectClose(r.p, 2.954e-7, 2e-4);
  });
  it("equals the square of the two-proportion z statistic for a 2 × 2 table", () => {
    const z = twoProportionZTest(94, 214, 39, 128).z;
    const r = chiSquareIndependence([
      [94, 120],
      [39, 89],
    ]);
    expectClose(r.statistic, z * z, 1e-12);
    expectClose(r.p, twoProportionZTest(94, 214, 39, 128).p, 1e-12);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => chiSquareIndependence([[1, 2], [3]]), /ragged/);
    expectRangeError(() => chiSquareIndependence([[1, 2]]), /at least 2 row/);
    expectRangeError(
      () =>
        chiSquareIndependence([
          [1, -2],
          [3, 4],
        ]),
      /must not be negative/,
    );
    expectRangeError(
      () =>
        chiSquareIndependence([
          [0, 0],
          [3, 4],
        ]),
      /row 0 is empty/,
    );
  });
});
