// Distribution functions against independent high-precision values and published R output.
// "mpmath" values were computed with mpmath 1.3 at 50 significant digits (ncdf, erfinv, betainc,
// gammainc, and bisection on betainc for t quantiles) — an independent arbitrary-precision route.
import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  chiSquareCdf,
  chiSquareUpper,
  noncentralTCdf,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
} from "~/modules/analytics";
import { expectClose, expectPrinted, expectRangeError } from "./helpers";

describe("normalCdf", () => {
  // [x, Φ(x)] from mpmath.ncdf
  const cases: [number, number][] = [
    [-20, 2.7536241186062337e-89],
    [-8.3, 5.205569744890254e-17],
    [-5, 2.866515718791939e-7],
    [-3, 0.0013498980316300946],
    [-1.96, 0.024997895148220435],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889527],
    [0.67448975, 0.7499999999376898],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [2.5, 0.9937903346742238],
    [5.6, 0.9999999892824097],
    [7, 0.9999999999987201],
  ];
  it.each(cases)("Φ(%f) matches mpmath to 1e-14", (x, expected) => expectClose(normalCdf(x), expected, 1e-14));
  it("matches R pnorm(1.96) = 0.9750021 (R printout)", () => expectPrinted(normalCdf(1.96), 0.9750021, 7));
  it("rejects NaN", () => expectRangeError(() => normalCdf(Number.NaN), /x must be a finite number/));
});

describe("normalQuantile", () => {
  // [p, Φ⁻¹(p)] from mpmath: sqrt(2)·erfinv(2p − 1)
  const cases: [number, number][] = [
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [1e-5, -4.264890793922825],
    [0.001, -3.0902323061678136],
    [0.025, -1.9599639845400543],
    [0.05, -1.6448536269514726],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080408],
    [0.7, 0.5244005127080407],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.9999999999, 6.361340889697422],
  ];
  it.each(cases)("Φ⁻¹(%f) matches mpmath to 1e-14", (p, expected) => expectClose(normalQuantile(p), expected, 1e-14));
  it("is 0 at p = 0.5 and matches R qnorm(0.975) = 1.959964", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expectPrinted(normalQuantile(0.975), 1.959964, 6);
  });
  it("rejects probabilities outside (0, 1)", () => {
    expectRangeError(() => normalQuantile(0), /p must lie strictly between 0 and 1/);
    expectRangeError(() => normalQuantile(1), /p must lie strictly between 0 and 1/);
    expectRangeError(() => normalQuantile(Number.NaN), /finite number/);
  });
});

describe("tCdf", () => {
  // [t, df, P(T ≤ t)] from mpmath: betainc(df/2, 1/2, 0, df/(df+t²), regularized)/2
  const cases: [number, number, number][] = [
    [-40, 3, 1.7190340394579263e-5],
    [-5, 1, 0.06283295818900118],
    [-2.5, 2.5, 0.05228498153907769],
    [-1, 10, 0.17044656615102993],
    [0.5, 5, 0.6808505641795355],
    [2, 5, 0.9490302605850708],
    [3, 30, 0.9973050179671741],
    [-8, 200, 4.9396004546653196e-14],
    [1.5, 1e5, 0.9331912202385847],
    [10, 7.3, 0.9999919498723993],
  ];
  it.each(cases)("P(T ≤ %f | df = %f) matches mpmath to 1e-12", (t, df, expected) => expectClose(tCdf(t, df), expected, 1e-12));
  it("stays within 1e-10 for a million degrees of freedom (mpmath 0.0013499312707108985)", () =>
    expectClose(tCdf(-3, 1e6), 0.0013499312707108985, 1e-10));
  it("is the normal cdf for df = Infinity and 0.5 at t = 0", () => {
    expect(tCdf(1.96, Number.POSITIVE_INFINITY)).toBe(normalCdf(1.96));
    expect(tCdf(0, 7)).toBe(0.5);
  });
  it("rejects df ≤ 0 and NaN", () => {
    expectRangeError(() => tCdf(1, 0), /df must be greater than 0/);
    expectRangeError(() => tCdf(Number.NaN, 3), /t must be a finite number/);
  });
});

describe("tQuantile", () => {
  // [p, df, t] from mpmath: 400-step bisection on the mpmath t cdf above
  const cases: [number, number, number][] = [
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837086],
    [0.995, 4.5, 4.272823993011292],
    [0.9, 10, 1.3721836411103359],
    [0.025, 9, -2.2621571627982053],
    [0.975, 48, 2.010634757624232],
    [1e-8, 5, -62.40450611096729],
    [0.999999, 3, 103.29946777942897],
    [0.975, 17.776, 2.102821310380221],
    [0.975, 1000, 1.962339080826408],
    [0.6, 2.2, 0.28539154588830395],
  ];
  it.each(cases)("t(%f, df = %f) matches mpmath to 1e-12", (p, df, expected) => expectClose(tQuantile(p, df), expected, 1e-12));
  it("matches R qt(0.975, 10) = 2.228139 and inverts tCdf", () => {
    expectPrinted(tQuantile(0.975, 10), 2.228139, 6);
    expectClose(tCdf(tQuantile(0.3, 6.5), 6.5), 0.3, 1e-13);
  });
  it("rejects probabilities outside (0, 1)", () => {
    expectRangeError(() => tQuantile(1.2, 5), /p must lie strictly between 0 and 1/);
    expectRangeError(() => tQuantile(0.5, -1), /df must be greater than 0/);
  });
});

describe("chiSquareCdf", () => {
  // [x, df, P(X ≤ x), P(X > x)] from mpmath.gammainc(df/2, ..., regularized)
  const cases: [number, number, number, number][] = [
    [0.5, 1, 0.5204998778130465, 0.4795001221869535],
    [3.841458820694124, 1, 0.95, 0.05000000000000006],
    [30.07, 2, 0.9999997046190625, 2.9538093752232096e-7],
    [0.001, 3, 8.40791905804616e-6, 0.9999915920809419],
    [10, 4, 0.9595723180054871, 0.040427681994512805],
    [100, 50, 0.9999654506861702, 3.454931382984864e-5],
    [5, 10, 0.10882198108584876, 0.8911780189141513],
    [0.1, 0.5, 0.5165553208304656, 0.4834446791695344],
    [300, 200, 0.9999940754596646, 5.924540335483916e-6],
  ];
  it.each(cases)("x = %f, df = %f matches mpmath to 1e-12 in both tails", (x, df, lower, upper) => {
    expectClose(chiSquareCdf(x, df), lower, 1e-12);
    expectClose(chiSquareUpper(x, df), upper, 1e-12);
  });
  it("is 0 at x ≤ 0 and rejects df ≤ 0", () => {
    expect(chiSquareCdf(0, 3)).toBe(0);
    expectRangeError(() => chiSquareCdf(1, 0), /df must be greater than 0/);
  });
});

describe("noncentralTCdf and betaQuantile", () => {
  // [t, df, ncp, P(T ≤ t)] from SciPy 1.17 stats.nct.cdf (Boost.Math non_central_t, independent of AS 243)
  const nct: [number, number, number, number][] = [
    [2.0, 10, 1.5, 0.6591540724421909],
    [-1, 5, 2, 0.0023163756540751507],
    [3, 30, -1, 0.9999011883614846],
    [2.0243941639119702, 38, 3.1622776601683795, 0.13104719830787315],
    [1.5, 4.5, 0.3, 0.8431905298083988],
  ];
  it.each(nct)("t = %f, df = %f, ncp = %f matches SciPy to 1e-10", (t, df, ncp, expected) =>
    expectClose(noncentralTCdf(t, df, ncp), expected, 1e-10),
  );
  it("beta quantiles match SciPy stats.beta.ppf", () => {
    expectClose(betaQuantile(0.025, 4, 17), 0.05733399705003277, 1e-12);
    expectClose(betaQuantile(0.975, 5, 16), 0.4366140029966683, 1e-12);
    expectClose(betaQuantile(1e-6, 0.5, 3), 2.844444444445522e-13, 1e-9);
  });
});
