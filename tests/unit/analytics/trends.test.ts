// Trend statistics. Mann–Kendall and Sen's slope: pyMannKendall's test_original_test on the Bogra rainfall
// series; linear trend: R summary(lm(dist ~ speed, data = cars)) and confint().
import { describe, expect, it } from "vitest";
import { linearTrend, mannKendall, senSlope } from "~/modules/analytics";
import { bograRainfall } from "./fixtures/bogra-rainfall";
import { expectAllClose, expectAllPrinted, expectClose, expectRangeError } from "./helpers";

describe("mannKendall", () => {
  it("matches pyMannKendall original_test on the Bogra rainfall (353 months, many ties)", () => {
    const r = mannKendall(bograRainfall);
    expect(r.s).toBe(-1959);
    expectClose(r.varS, 4889800.333333333, 1e-14);
    expectClose(r.z, -0.8854562842589916, 1e-13);
    expectClose(r.p, 0.37591058740506833, 1e-12);
    expectClose(r.tau, -0.03153167653875869, 1e-14);
  });
  it("follows the closed form for a strictly increasing series of 5 (S = 10, Var S = 5·4·15/18)", () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expectClose(r.varS, 50 / 3, 1e-15);
    expectClose(r.z, 9 / Math.sqrt(50 / 3), 1e-15);
    expect(r.tau).toBe(1);
  });
  it("reports no trend for a constant series", () => {
    expect(mannKendall([4, 4, 4, 4])).toEqual({ s: 0, varS: 0, z: 0, p: 1, tau: 0 });
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => mannKendall([1, 2]), /at least 3 element/);
    expectRangeError(() => mannKendall([1, Number.NaN, 3]), /series\[1\] must be a finite number/);
  });
});

describe("senSlope", () => {
  it("matches pyMannKendall's slope on the Bogra rainfall: -0.0064516129032258064 (= -1/155)", () => {
    expectClose(senSlope(bograRainfall), -0.0064516129032258064, 1e-15);
  });
  it("is the median pairwise slope (closed form: [1, 3, 2, 5] → median of 2, 0.5, 4/3, −1, 1, 3 = 7/6)", () => {
    expectClose(senSlope([1, 3, 2, 5]), 7 / 6, 1e-15);
  });
  it("rejects bad arguments with RangeError", () => expectRangeError(() => senSlope([1]), /at least 2 element/));
});

describe("linearTrend", () => {
  // R datasets::cars (speed in mph, stopping distance in ft)
  const speed = [
    4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18,
    19, 19, 19, 20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25,
  ];
  const dist = [
    2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26, 54, 32, 40, 32, 40, 50, 42, 56, 76,
    84, 36, 46, 68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120, 85,
  ];
  const points = speed.map((x, i) => ({ x, y: dist[i] }));

  it("matches R: slope 3.9324 (SE 0.4155, p 1.49e-12), intercept -17.5791, confint 3.096964 to 4.767853", () => {
    const r = linearTrend(points);
    expectAllPrinted(r, { slope: 3.9324, se: 0.4155, intercept: -17.5791 }, 4);
    expectAllPrinted(r, { lower: 3.096964, upper: 4.767853 }, 6);
    expectClose(r.p, 1.49e-12, 5e-3);
  });
  it("agrees with SciPy's linregress on the same data (independent implementation)", () => {
    const r = linearTrend(points);
    const scipy = {
      slope: 3.9324087591240864,
      se: 0.41551277665712255,
      intercept: -17.579094890510937,
      lower: 3.096964328140321,
      upper: 4.767853190107852,
    };
    expectAllClose(r, scipy, 1e-12);
    expectClose(r.p, 1.4898364962951263e-12, 1e-9);
  });
  it("handles an exact line (zero residual) with p = 0", () => {
    const r = linearTrend([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 1 })));
    expect(r).toMatchObject({ slope: 2, intercept: 1, se: 0, p: 0, lower: 2, upper: 2 });
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => linearTrend(points.slice(0, 2)), /at least 3/);
    expectRangeError(() => linearTrend([1, 1, 1].map((x, i) => ({ x, y: i }))), /all x values are equal/);
    expectRangeError(() => linearTrend(points, { level: 0 }), /level must lie strictly between 0 and 1/);
    expectRangeError(
      () =>
        linearTrend([
          { x: 1, y: 1 },
          { x: 2, y: Number.NaN },
          { x: 3, y: 2 },
        ]),
      /points\[1\]\.y/,
    );
  });
});
