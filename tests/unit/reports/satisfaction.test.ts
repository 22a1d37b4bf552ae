import { describe, expect, it } from "vitest";
import { addRatingStats, formatInterval, MIN_RESPONDENTS, rankableShare, satisfactionFigure } from "~/modules/reports/satisfaction";
import { csvField, csvLine } from "~/modules/reports/csv";

describe("satisfactionFigure", () => {
  it("gives the top-two-box share with its Wilson 95 % interval", () => {
    // 81 of 100 satisfied. Wilson (1927) score interval in closed form: centre
    // (p + z²/2n)/(1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n), z = qnorm(0.975)
    // = 1.959963984540054 → [0.7222115, 0.8748525], as R's prop.test(81, 100, correct = FALSE).
    const f = satisfactionFigure({ n: 100, satisfied: 81, sum: 410, sumSq: 1750, scaleMin: 1, scaleMax: 5 })!;
    expect(f.satisfied).toBeCloseTo(0.81, 10);
    expect(f.lower).toBeCloseTo(0.7222115, 6);
    expect(f.upper).toBeCloseTo(0.8748525, 6);
    expect(f.sufficient).toBe(true);
    // Mean 4.1 on 1-5 is (4.1 - 1) / 4 = 77.5 on 0-100.
    expect(f.score).toBeCloseTo(77.5, 10);
  });

  it("returns null without respondents", () => {
    expect(satisfactionFigure({ n: 0, satisfied: 0, sum: 0, sumSq: 0, scaleMin: 1, scaleMax: 5 })).toBeNull();
  });

  it("marks a figure under 30 respondents as insufficient and keeps it out of rankings", () => {
    const small = satisfactionFigure({ n: MIN_RESPONDENTS - 1, satisfied: 29, sum: 145, sumSq: 725, scaleMin: 1, scaleMax: 5 })!;
    expect(small).toMatchObject({ n: 29, satisfied: 1, sufficient: false });
    expect(rankableShare(small)).toBeNull();
    const enough = satisfactionFigure({ n: MIN_RESPONDENTS, satisfied: 15, sum: 120, sumSq: 500, scaleMin: 1, scaleMax: 5 })!;
    expect(rankableShare(enough)).toBe(0.5);
    expect(rankableShare(null)).toBeNull();
  });

  it("shows 1 of 1 as its interval's bounds, which are far from symmetric", () => {
    // Wilson for 1 of 1 is [1/(1+z²), 1] = [0.2065, 1]; a ± margin would claim 100 % ± 39.7 %.
    const f = satisfactionFigure({ n: 1, satisfied: 1, sum: 5, sumSq: 25, scaleMin: 1, scaleMax: 5 })!;
    expect(f.upper).toBeCloseTo(1, 12);
    expect(f.lower).toBeCloseTo(1 / (1 + 1.959963984540054 ** 2), 9);
    expect(formatInterval(f)).toBe("20.7%–100.0%");
  });
});

describe("addRatingStats", () => {
  it("pools months by adding counts and sums", () => {
    const a = { n: 10, satisfied: 7, sum: 38, sumSq: 150, scaleMin: 1, scaleMax: 5 };
    const b = { n: 30, satisfied: 21, sum: 120, sumSq: 500, scaleMin: 1, scaleMax: 5 };
    expect(addRatingStats(a, b)).toEqual({ n: 40, satisfied: 28, sum: 158, sumSq: 650, scaleMin: 1, scaleMax: 5 });
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and newlines and defuses formulas", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(["a", "b"])).toBe("a;b");
    expect(csvField(null)).toBe("");
    expect(csvLine([1, "中文", true])).toBe("1,中文,true\r\n");
  });
});
