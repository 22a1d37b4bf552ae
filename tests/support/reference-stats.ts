/**
 * Textbook formulas written out again for tests, so report figures are checked against a
 * computation that shares no code with app/modules/analytics.
 */

/** erfc by W. J. Cody's rational approximations is overkill here: Numerical Recipes' erfcc has fractional error < 1.2e-7. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(|Z| > |z|) for a standard normal Z. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

export const Z975 = 1.959963984540054;
export const Z999 = 3.090232306167813; // qnorm(0.999), the 99.8 % two-sided limit

/** Two-proportion z test, pooled standard error, no continuity correction (R prop.test(correct = FALSE)). */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  return twoSidedP((x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2)));
}

/** Holm (1979): p-values sorted ascending are multiplied by m, m−1, …, made monotone and capped at 1. */
export function holm(ps: number[]): number[] {
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(ps.length);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (ps.length - k) * p));
    out[i] = running;
  });
  return out;
}

/** Mann–Kendall with tie correction and continuity correction; tau = S / (n(n−1)/2). */
export function mannKendallReference(x: number[]): { tau: number; p: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[j] - x[i]);
  const counts = new Map<number, number>();
  for (const v of x) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const c of counts.values()) ties += c * (c - 1) * (2 * c + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - ties) / 18;
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  return { tau: s / ((n * (n - 1)) / 2), p: twoSidedP(z) };
}
