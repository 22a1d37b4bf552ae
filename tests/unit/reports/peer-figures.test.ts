import { describe, expect, it } from "vitest";
import { completesNeeded, funnelCurve, peerFigures, type MonthCell, type ReportOffice } from "~/modules/reports/peer-figures";

const Z975 = 1.959963984540054; // R: qnorm(0.975)
const Z999 = 3.090232306167813; // R: qnorm(0.999), the two-sided 99.8 % limit

const office: ReportOffice = { id: 1, name: "甲", kind: "district", authorityId: 1, yearlyVisitors: null };

function cell(month: string, n: number, satisfied: number): MonthCell {
  return { officeId: 1, month, dimension: "overall", n, satisfied, sum: 4 * n, sumSq: 16 * n, scaleMin: 1, scaleMax: 5 };
}

describe("peerFigures: p-chart centre and completes to date", () => {
  it("puts the p-chart centre at p̄ = Σx/Σn of the months shown (Montgomery 2009, §7.2.2)", () => {
    // 12/100, 15/120, 8/80: p̄ = 35/300, limits p̄ ± 3·sqrt(p̄(1 − p̄)/n_i).
    const [row] = peerFigures({
      offices: [office],
      dimensions: ["overall"],
      current: [cell("2026-01", 100, 12), cell("2026-02", 120, 15), cell("2026-03", 80, 8)],
      previous: [],
    });
    const p = 35 / 300;
    expect(row.controlCentre).toBeCloseTo(p, 12);
    expect(row.monthly[0].controlUpper).toBeCloseTo(p + 3 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(row.monthly[2].controlLower).toBeCloseTo(p - 3 * Math.sqrt((p * (1 - p)) / 80), 12);
    expect(row.toDateN).toBeNull();
  });

  it("has no centre without respondents, and counts the respondents of the months to date", () => {
    const [row] = peerFigures({
      offices: [office],
      dimensions: ["overall"],
      current: [],
      previous: [],
      toDate: [cell("2026-01", 40, 30), cell("2026-02", 35, 20)],
    });
    expect(row.controlCentre).toBeNull();
    expect(row.current).toBeNull();
    expect(row.toDateN).toBe(75);
  });
});

describe("funnelCurve", () => {
  it("gives target ± z·sqrt(target(1 − target)/n) at 95 % and 99.8 % (Spiegelhalter 2005), clipped to [0, 1]", () => {
    const [small, mid, large] = funnelCurve(0.8, 25, 400, 3);
    // Log-spaced sizes: 25, 100, 400.
    expect([small.n, mid.n, large.n].map((n) => Math.round(n * 1e9) / 1e9)).toEqual([25, 100, 400]);
    // n = 100: se = 0.04 → 95 % [0.72160, 0.87840], 99.8 % [0.67639, 0.92361].
    expect(mid.lower95).toBeCloseTo(0.8 - Z975 * 0.04, 12);
    expect(mid.upper95).toBeCloseTo(0.8 + Z975 * 0.04, 12);
    expect(mid.lower998).toBeCloseTo(0.67639, 5);
    expect(mid.upper998).toBeCloseTo(0.92361, 5);
    // n = 25: se = 0.08, the upper 99.8 % limit 1.047 is clipped at 1.
    expect(small.lower998).toBeCloseTo(0.8 - Z999 * 0.08, 12);
    expect(small.upper998).toBe(1);
    expect(large.upper95).toBeCloseTo(0.8 + Z975 * 0.02, 12);
  });
});

describe("completesNeeded", () => {
  it("gives Cochran's 385 for ±5 % and 1,068 for ±3 % at 95 %, and 370 of 10,000 yearly visitors for ±5 %", () => {
    // n0 = z²·0.25/m²: 384.15 → 385 and 1067.07 → 1068; with N = 10,000, n0/(1 + (n0 − 1)/N) = 369.97 → 370
    // (Krejcie & Morgan 1970 list 370 for N = 10,000).
    expect(completesNeeded(0.05, null)).toBe(385);
    expect(completesNeeded(0.03, null)).toBe(1068);
    expect(completesNeeded(0.05, 10_000)).toBe(370);
  });
});
