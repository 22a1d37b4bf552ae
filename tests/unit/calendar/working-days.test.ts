import { describe, expect, it } from "vitest";
import { addWorkingDays, CalendarNotLoadedError, daysInYear, workingDaysIn, type WorkedDays } from "~/modules/calendar/working-days";
import { parseMonth } from "~/utils/dates";
import { fixtureDays, fixtureYearWithMakeUpDay } from "../../support/calendar-fixture";

const worked = (...years: ReturnType<typeof fixtureDays>[]): WorkedDays => new Map(years.flat().map((d) => [d.date, !d.off]));

describe("workingDaysIn", () => {
  it("lists the month's worked days from the calendar, make-up Saturday included and weekday holiday left out", () => {
    const { days, holiday, makeUpSaturday } = fixtureYearWithMakeUpDay(2031);
    const january = workingDaysIn(worked(days), "2031-01");
    const expected = days.filter((d) => d.date.startsWith("2031-01-") && !d.off).map((d) => d.date);
    expect(january).toEqual(expected);
    expect(january).toContain(makeUpSaturday);
    expect(january).not.toContain(holiday);
  });

  it("refuses a month whose year is not loaded, in zh-TW", () => {
    expect(() => workingDaysIn(worked(fixtureDays(2031)), "2032-02")).toThrow(CalendarNotLoadedError);
    expect(() => workingDaysIn(new Map(), "2027-01")).toThrow(
      "尚未匯入 2027 年（民國 116 年）政府行政機關辦公日曆，請系統管理者至「辦公日曆」頁面匯入。",
    );
  });
});

describe("addWorkingDays", () => {
  it("counts a make-up Saturday as a working day and skips a weekday holiday", () => {
    const { days, holiday, makeUpSaturday } = fixtureYearWithMakeUpDay(2031);
    // 2031 starts on a Wednesday: 1 January off, Thursday and Friday worked, Saturday 4 January worked.
    expect([holiday, makeUpSaturday]).toEqual(["2031-01-01", "2031-01-04"]);
    const calendar = worked(fixtureDays(2030), days);
    expect(addWorkingDays(calendar, "2030-12-31", 3)).toBe("2031-01-04");
    expect(addWorkingDays(worked(fixtureDays(2030), fixtureDays(2031)), "2030-12-31", 3)).toBe("2031-01-03");
  });

  it("never guesses a day beyond the loaded years", () => {
    const calendar = worked(fixtureDays(2031));
    expect(addWorkingDays(calendar, "2031-12-26", 3)).toBe("2031-12-31");
    let error: unknown;
    try {
      addWorkingDays(calendar, "2031-12-29", 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarNotLoadedError);
    expect((error as CalendarNotLoadedError).year).toBe(2032);
    expect((error as CalendarNotLoadedError).status).toBe(400);
  });
});

describe("daysInYear and parseMonth", () => {
  it("knows leap years", () => {
    expect([2025, 2028, 2100, 2000].map(daysInYear)).toEqual([365, 366, 365, 366]);
  });

  it("parses only YYYY-MM", () => {
    expect(parseMonth("2026-12")).toEqual({ year: 2026, month: 12 });
    for (const bad of ["2026-00", "2026-13", "2026-1", "26-01", "2026-01-01", ""]) {
      expect(() => parseMonth(bad), bad).toThrow(RangeError);
    }
  });
});
