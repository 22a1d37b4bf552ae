import { describe, expect, it } from "vitest";
import type { Scale } from "~/modules/courtesy";
import {
  bandLabels,
  itemLosses,
  parsePeriod,
  periodLabel,
  periodQuery,
  periodRange,
  scoreFigure,
  trendMonths,
} from "~/modules/courtesy/results";

const sumsOf = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSq: xs.reduce((s, x) => s + x * x, 0) });

describe("parsePeriod", () => {
  const q = (s: string) => parsePeriod(new URLSearchParams(s), "2026-11");

  it("reads a month or a year and defaults to the given month", () => {
    expect(q("")).toEqual({ kind: "month", month: "2026-11" });
    expect(q("month=2025-03")).toEqual({ kind: "month", month: "2025-03" });
    expect(q("year=2025&office=7")).toEqual({ kind: "year", year: "2025" });
  });

  it.each(["month=2026-13", "month=2026-3", "month=", "year=26", "year=abcd", "year=1911", "month=2026-03&year=2026"])(
    "refuses %s",
    (s) => {
      expect(q(s)).toBeNull();
    },
  );

  it("gives the range, trend months, ROC label and query of a period", () => {
    const year = { kind: "year", year: "2025" } as const;
    const month = { kind: "month", month: "2026-02" } as const;
    expect(periodRange(year)).toEqual({ from: "2025-01", to: "2025-12" });
    expect(periodRange(month)).toEqual({ from: "2026-02", to: "2026-02" });
    expect(trendMonths(year)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
    ]);
    expect(trendMonths(month)[0]).toBe("2025-03");
    expect(trendMonths(month)[11]).toBe("2026-02");
    expect(periodLabel(year)).toBe("114年");
    expect(periodLabel(month)).toBe("115年2月");
    expect(periodQuery(year)).toBe("year=2025");
    expect(periodQuery(month)).toBe("month=2026-02");
  });
});

describe("scoreFigure", () => {
  it("matches t.test(c(85, 90, 95, 90)) in R (scipy agrees): mean 90, 95 % CI 83.503859-96.496141", () => {
    const f = scoreFigure(sumsOf([85, 90, 95, 90]))!;
    expect(f.n).toBe(4);
    expect(f.mean).toBe(90);
    expect(f.sd).toBeCloseTo(Math.sqrt(50 / 3), 12);
    expect(f.lower).toBeCloseTo(83.503859, 5);
    expect(f.upper).toBeCloseTo(96.496141, 5);
  });

  it("clips the interval to 0-100 and handles equal totals, one call and none", () => {
    // t.test(c(98, 100, 100)) gives 96.464898-102.201768; a total cannot exceed 100.
    const high = scoreFigure(sumsOf([98, 100, 100]))!;
    expect(high.lower).toBeCloseTo(96.464898, 5);
    expect(high.upper).toBe(100);
    expect(scoreFigure(sumsOf([88.8, 88.8, 88.8]))).toMatchObject({ mean: 88.8, sd: 0 });
    expect(scoreFigure(sumsOf([72]))).toEqual({ n: 1, mean: 72, sd: null, lower: null, upper: null });
    expect(scoreFigure(sumsOf([]))).toBeNull();
  });
});

const v1: Scale = {
  key: "s",
  version: 1,
  improvementBelow: 90,
  bands: [
    { min: 90, label: "優良" },
    { min: 0, label: "待改進" },
  ],
  parts: [
    {
      key: "sw",
      label: "總機",
      items: [
        { key: "a", label: "甲", maxPoints: 10 },
        { key: "b", label: "乙", maxPoints: 5, allowNA: true },
      ],
    },
    { key: "unit", label: "業務單位", items: [{ key: "c", label: "丙", maxPoints: 4 }] },
  ],
};
// Version 2 doubles item c and renames it.
const v2: Scale = {
  ...v1,
  version: 2,
  bands: [
    { min: 80, label: "佳" },
    { min: 0, label: "待改進" },
  ],
  parts: [v1.parts[0], { ...v1.parts[1], items: [{ key: "c", label: "丙（新）", maxPoints: 8 }] }],
};

describe("itemLosses", () => {
  it("counts an item only where it was scored, with each call's own maxima, worst share first", () => {
    const scales = new Map([
      [10, v1],
      [20, v2],
    ]);
    const losses = itemLosses(
      [
        { scaleId: 10, partsTested: [], marks: { a: 10, b: "na", c: 2 } },
        { scaleId: 10, partsTested: ["sw"], marks: { a: 6, b: 5 } },
        { scaleId: 20, partsTested: ["unit"], marks: { c: 8 } },
        // A scale the caller did not load is skipped rather than guessed.
        { scaleId: 99, partsTested: [], marks: { a: 0, b: 0, c: 0 } },
      ],
      scales,
    );
    expect(losses).toEqual([
      { key: "a", label: "甲", part: "總機", calls: 2, possible: 20, lost: 4, share: 0.2 },
      { key: "c", label: "丙（新）", part: "業務單位", calls: 2, possible: 12, lost: 2, share: 2 / 12 },
      { key: "b", label: "乙", part: "總機", calls: 1, possible: 5, lost: 0, share: 0 },
    ]);
  });

  it("lists band labels in scale order, then labels only older versions used", () => {
    expect(bandLabels(v2, ["待改進", "優良", "佳"])).toEqual(["佳", "待改進", "優良"]);
  });
});
