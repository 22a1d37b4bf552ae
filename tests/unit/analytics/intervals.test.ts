// Proportion and mean intervals. Binomial reference values: R package binom, binom.confint(x, n,
// tol = 1e-8), as recorded in statsmodels/stats/tests/results/results_proportion.py (res_binom).
import { sampleStandardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { meanInterval, proportionInterval, type ProportionMethod } from "~/modules/analytics";
import { expectClose, expectPrinted, expectRangeError } from "./helpers";

const Z975 = 1.959963984540054; // R: qnorm(0.975)

// [x, n, method, lower, upper] from binom.confint. binom reports Wald and Agresti–Coull bounds outside
// [0, 1] unclipped (e.g. Wald upper 1.031478 for 18/20); we clip to [0, 1], so those bounds read 0 or 1.
// Values printed to 16 digits are checked to 1e-9 relative.
const binomFull: [number, number, ProportionMethod, number, number][] = [
  [18, 20, "agresti-coull", 0.6867561125596077, 0.984343760998137],
  [18, 20, "wald", 0.768521618913513, 1], // binom: 1.031478381086487
  [18, 20, "clopper-pearson", 0.6830172859809176, 0.9876514728297052],
  [18, 20, "wilson", 0.6989663547715128, 0.972133518786232],
  [4, 20, "agresti-coull", 0.0749115102767071, 0.4217635845549845],
  [4, 20, "wald", 0.0246954918846837, 0.3753045081153163],
  [4, 20, "clopper-pearson", 0.05733399705003284, 0.436614002996668],
  [4, 20, "wilson", 0.0806576625797981, 0.4160174322518935],
  [4, 200, "agresti-coull", 0.005991954548218395, 0.0520995587739575],
  [4, 200, "wald", 0.000597346459104517, 0.0394026535408955],
  [4, 200, "clopper-pearson", 0.005475565879556443, 0.05041360908989634],
  [4, 200, "wilson", 0.00780442641634947, 0.05028708690582643],
  [190, 200, "agresti-coull", 0.909307307911624, 0.973731898348837],
  [190, 200, "wald", 0.919794926420966, 0.980205073579034],
  [190, 200, "clopper-pearson", 0.9099724622986486, 0.975765834527891],
  [190, 200, "wilson", 0.910421851861224, 0.972617354399236],
];
// Values printed to 7–8 significant digits are checked to 5e-7 relative (half a unit in the 7th digit).
const binomShort: [number, number, ProportionMethod, number, number][] = [
  [1, 30, "clopper-pearson", 8.435709e-4, 0.17216946],
  [1, 30, "wilson", 5.90859e-3, 0.16670391],
  [1, 30, "agresti-coull", 0, 0.18091798], // binom: −8.305484e-03
  [29, 30, "clopper-pearson", 0.8278305, 0.9991564],
  [29, 30, "wilson", 0.8332961, 0.9940914],
  [0, 30, "agresti-coull", 0, 0.1347117],
  [0, 30, "clopper-pearson", 0, 0.11570331],
  [0, 30, "wilson", 0, 0.11351339],
  [0, 30, "wald", 0, 0],
  [30, 30, "agresti-coull", 0.8652883, 1],
  [30, 30, "clopper-pearson", 0.8842967, 1],
  [30, 30, "wilson", 0.8864866, 1],
];

describe("proportionInterval", () => {
  const check = (x: number, n: number, method: ProportionMethod, lower: number, upper: number, rel: number) => {
    const ci = proportionInterval(x, n, { method });
    expect(ci.estimate).toBe(x / n);
    if (lower === 0) expect(ci.lower).toBe(0);
    else expectClose(ci.lower, lower, rel);
    if (upper === 1 || upper === 0) expect(ci.upper).toBe(upper);
    else expectClose(ci.upper, upper, rel);
  };
  it.each(binomFull)("%i/%i %s matches R binom to 1e-9", (x, n, method, lower, upper) => check(x, n, method, lower, upper, 1e-9));
  it.each(binomShort)("%i/%i %s matches R binom to its 7 printed digits", (x, n, method, lower, upper) =>
    check(x, n, method, lower, upper, 5e-7),
  );

  it("defaults to Wilson at 95 %", () => {
    expect(proportionInterval(18, 20)).toEqual(proportionInterval(18, 20, { method: "wilson", level: 0.95 }));
  });

  it("Wald with a finite population scales the half-width by sqrt((N−n)/(N−1)) (closed form)", () => {
    const half = Z975 * Math.sqrt((0.4 * 0.6) / 20) * Math.sqrt(80 / 99);
    const ci = proportionInterval(8, 20, { method: "wald", populationSize: 100 });
    expectClose(ci.lower, 0.4 - half, 1e-12);
    expectClose(ci.upper, 0.4 + half, 1e-12);
  });

  it("Wilson and Clopper–Pearson with a finite population use n* = n(N−1)/(N−n)", () => {
    // Computed independently in Python: Wilson formula at x* = 0.9·n*, n* = 20·99/80, and
    // scipy.stats.beta.ppf(0.025, x*, n*−x*+1), beta.ppf(0.975, x*+1, n*−x*) for Clopper–Pearson.
    const w = proportionInterval(18, 20, { populationSize: 100 });
    expectClose(w.lower, 0.723862805664252, 1e-12);
    expectClose(w.upper, 0.9686517009991511, 1e-12);
    const cp = proportionInterval(18, 20, { method: "clopper-pearson", populationSize: 100 });
    expectClose(cp.lower, 0.7120085413529028, 1e-10);
    expectClose(cp.upper, 0.9832205590693454, 1e-10);
  });

  it("a census has zero width and a huge population changes nothing", () => {
    expect(proportionInterval(7, 40, { populationSize: 40 })).toEqual({ estimate: 0.175, lower: 0.175, upper: 0.175 });
    const free = proportionInterval(7, 40);
    const huge = proportionInterval(7, 40, { populationSize: 1e15 });
    expectClose(huge.lower, free.lower, 1e-12);
    expectClose(huge.upper, free.upper, 1e-12);
  });

  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => proportionInterval(1, 0), /n must be greater than 0/);
    expectRangeError(() => proportionInterval(-1, 10), /successes must not be negative/);
    expectRangeError(() => proportionInterval(11, 10), /cannot exceed/);
    expectRangeError(() => proportionInterval(Number.NaN, 10), /finite number/);
    expectRangeError(() => proportionInterval(3, 10, { level: 1 }), /level must lie strictly between 0 and 1/);
    expectRangeError(() => proportionInterval(3, 10, { populationSize: 5 }), /cannot be smaller than the sample size/);
    expectRangeError(() => proportionInterval(3, 10, { method: "exact" as ProportionMethod }), /unknown method/);
  });
});

describe("meanInterval", () => {
  // R datasets::sleep, group 1 (extra hours of sleep)
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const summary = { n: 10, mean: 0.75, sd: sampleStandardDeviation(group1) };

  it("matches R t.test(sleep$extra[sleep$group == 1]): 95 % CI −0.5297804 to 2.0297804", () => {
    const ci = meanInterval(summary);
    expect(ci.estimate).toBe(0.75);
    expectPrinted(ci.lower, -0.5297804, 7);
    expectPrinted(ci.upper, 2.0297804, 7);
    expectClose(ci.se, summary.sd / Math.sqrt(10), 1e-15);
  });

  it("applies the finite population correction to the standard error", () => {
    // Independent check with scipy: se = sd/sqrt(10)·sqrt(40/49), t.ppf(0.975, 9)
    const ci = meanInterval(summary, { populationSize: 50 });
    expectClose(ci.se, 0.5111456165026179, 1e-12);
    expectClose(ci.lower, -0.4062917176043015, 1e-12);
    expectClose(ci.upper, 1.9062917176043015, 1e-12);
  });

  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => meanInterval({ n: 1, mean: 3, sd: 1 }), /n must be a whole number of at least 2/);
    expectRangeError(() => meanInterval({ n: 0, mean: 3, sd: 1 }), /n must be a whole number/);
    expectRangeError(() => meanInterval({ n: 10, mean: Number.NaN, sd: 1 }), /mean must be a finite number/);
    expectRangeError(() => meanInterval({ n: 10, mean: 3, sd: -1 }), /sd must not be negative/);
    expectRangeError(() => meanInterval({ n: 10, mean: 3, sd: 1 }, { populationSize: 9 }), /cannot be smaller/);
  });
});
