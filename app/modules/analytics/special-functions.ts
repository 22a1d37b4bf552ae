// Special functions behind the distribution functions: log-gamma, log-beta and the
// regularized incomplete beta and gamma functions. Pure double-precision code, no I/O.

const LN_SQRT_2PI = 0.918938533204672741780329736406; // log(sqrt(2*pi))
const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * Stirling-series remainder lgamma(x) - [(x-1/2)log x - x + log sqrt(2π)] for x ≥ 10.
 * Terms B_2k / (2k(2k-1) x^(2k-1)) up to k = 8 (Abramowitz & Stegun 6.1.40); error < 1e-17 at x = 10.
 */
export function lgammaCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}

/**
 * log Γ(x) for x > 0. Stirling series with lgammaCorrection for x ≥ 10; below that the
 * recurrence Γ(x) = Γ(x+k) / (x(x+1)…(x+k−1)) lifts the argument to ≥ 10 (A&S 6.1.15, 6.1.40).
 */
export function logGamma(x: number): number {
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + lgammaCorrection(x);
  let product = 1;
  let z = x;
  while (z < 10) {
    product *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + lgammaCorrection(z) - Math.log(product);
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a+b), arranged as in R's nmath/lbeta.c so that
 * no large terms cancel when one or both arguments are big (Stirling corrections only).
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = lgammaCorrection(p) + lgammaCorrection(q) - lgammaCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = lgammaCorrection(q) - lgammaCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/** Continued fraction for I_x(a, b), evaluated by the modified Lentz method (Numerical Recipes 3rd ed., §6.4). */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a+b)x/(a+1), rewritten with y = 1 − x when x is near 1 to avoid cancellation.
  let d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new RangeError(`incomplete beta: continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/** Both tails of a distribution function, each computed without cancellation where it is small. */
export type Tails = { lower: number; upper: number };

/**
 * Regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b).
 * y must equal 1 − x; callers pass it separately so it keeps full precision when x ≈ 1.
 * Continued fraction on whichever side converges (x < (a+1)/(a+b+2)), Numerical Recipes §6.4.
 */
export function incompleteBeta(a: number, b: number, x: number, y: number = 1 - x): Tails {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  // log x and log y from whichever of x, y is small, so neither loses relative precision near 1.
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * betaContinuedFraction(a, b, x, y)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logFront) * betaContinuedFraction(b, a, y, x)) / b;
  return { lower: 1 - upper, upper };
}

/** Beta(a, b) density at x, via logBeta. */
export function betaDensity(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/**
 * Regularized incomplete gamma P(a, x) and Q(a, x) = 1 − P(a, x): series for x < a + 1,
 * Lentz continued fraction otherwise (Numerical Recipes 3rd ed., §6.2).
 */
export function incompleteGamma(a: number, x: number): Tails {
  if (x <= 0) return { lower: 0, upper: 1 };
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_ITERATIONS; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) {
        const lower = sum * Math.exp(logFront);
        return { lower, upper: 1 - lower };
      }
    }
    throw new RangeError(`incomplete gamma: series did not converge for a=${a}, x=${x}`);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) {
      const upper = Math.exp(logFront) * h;
      return { lower: 1 - upper, upper };
    }
  }
  throw new RangeError(`incomplete gamma: continued fraction did not converge for a=${a}, x=${x}`);
}

/**
 * Root of a monotone function on [lo, hi] where f(lo) and f(hi) have opposite signs:
 * Newton steps when a derivative is given, bisection whenever a step would leave the
 * bracket (the "rtsafe" scheme of Numerical Recipes §9.4). Stops at relative width relTol.
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: { derivative?: (x: number) => number; start?: number; relTol?: number; maxIterations?: number } = {},
): number {
  const relTol = options.relTol ?? 1e-15;
  const maxIterations = options.maxIterations ?? 500;
  const fLo = f(lo);
  const fHi = f(hi);
  if (fLo === 0) return lo;
  if (fHi === 0) return hi;
  if (fLo * fHi > 0) throw new RangeError(`findRoot: no sign change on [${lo}, ${hi}]`);
  // Keep xNeg where f < 0 and xPos where f > 0.
  let xNeg = fLo < 0 ? lo : hi;
  let xPos = fLo < 0 ? hi : lo;
  let x =
    options.start !== undefined && options.start > Math.min(lo, hi) && options.start < Math.max(lo, hi) ? options.start : (lo + hi) / 2;
  for (let i = 0; i < maxIterations; i++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) xNeg = x;
    else xPos = x;
    let next = Number.NaN;
    if (options.derivative) {
      const slope = options.derivative(x);
      next = x - fx / slope;
    }
    const low = Math.min(xNeg, xPos);
    const high = Math.max(xNeg, xPos);
    const newton = next > low && next < high;
    if (!newton) next = (low + high) / 2;
    // Newton converges quadratically: after a step below 1e-12·x the new point is exact to rounding,
    // whereas waiting for a step below the rounding noise of f could cycle until maxIterations.
    if (newton && Math.abs(next - x) <= Math.max(relTol, 1e-12) * Math.abs(next)) return next;
    if (high - low <= relTol * Math.abs(next)) return next;
    x = next;
  }
  return x;
}
