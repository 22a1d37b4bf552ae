import { describe, expect, it } from "vitest";
import { lastCompleteMonth, parseSurveyPeriod, periodIsPartial, periodMonths, surveyPeriodLabel } from "~/modules/reports/period";

const q = (s: string) => new URLSearchParams(s);
// 00:30 on 1 March in Taipei is still 28 February in UTC.
const firstOfMarch = new Date("2026-02-28T16:30:00Z");

describe("satisfaction period", () => {
  it("defaults to the last complete month in Taipei, even on the 1st", () => {
    expect(lastCompleteMonth(firstOfMarch)).toBe("2026-02");
    expect(lastCompleteMonth(new Date("2026-01-15T04:00:00Z"))).toBe("2025-12");
    expect(parseSurveyPeriod(q(""), firstOfMarch)).toEqual({ month: "2026-02", span: 1 });
  });

  it("takes a month and a rolling span of 3, and refuses anything else", () => {
    expect(parseSurveyPeriod(q("month=2025-11&span=3"), firstOfMarch)).toEqual({ month: "2025-11", span: 3 });
    expect(parseSurveyPeriod(q("span=3"), firstOfMarch)).toEqual({ month: "2026-02", span: 3 });
    for (const bad of ["month=2025-13", "month=202511", "span=2", "span=abc", "span=0"])
      expect(parseSurveyPeriod(q(bad), firstOfMarch)).toBeNull();
  });

  it("lists, labels and flags the months", () => {
    expect(periodMonths({ month: "2026-01", span: 3 })).toEqual(["2025-11", "2025-12", "2026-01"]);
    expect(surveyPeriodLabel({ month: "2026-01", span: 1 })).toBe("115年1月");
    expect(surveyPeriodLabel({ month: "2026-01", span: 3 })).toBe("114年11月至115年1月（近 3 個月）");
    expect(periodIsPartial({ month: "2026-03", span: 1 }, firstOfMarch)).toBe(true);
    expect(periodIsPartial({ month: "2026-02", span: 3 }, firstOfMarch)).toBe(false);
  });
});
