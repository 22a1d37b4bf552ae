import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseDgpaCsv } from "~/modules/calendar/dgpa-csv";
import type { WorkedDays } from "~/modules/calendar/working-days";
import { followUpDueDate, followUpTrigger, isOverdue } from "~/modules/surveys/follow-up";

const rating = (value: number, scaleMin = 1, scaleMax = 5) => ({ questionName: "q", dimension: "overall", value, scaleMin, scaleMax });

/** The shipped official 2026 calendar, as the table holds it. */
const calendar2026: WorkedDays = new Map(
  parseDgpaCsv(readFileSync("prisma/seed/calendar/2026.csv", "utf8")).days.map((d) => [d.date, !d.isHoliday]),
);

describe("follow-up due dates (3 working days on the government calendar)", () => {
  it.each([
    // Taipei dates; 2026-11-23 is a Monday.
    ["2026-11-23T02:00:00Z", "2026-11-26"], // Monday → Thursday
    ["2026-11-26T02:00:00Z", "2026-12-01"], // Thursday → Tuesday
    ["2026-11-27T02:00:00Z", "2026-12-02"], // Friday → Wednesday
    ["2026-11-28T02:00:00Z", "2026-12-02"], // Saturday → Wednesday
    ["2026-11-29T02:00:00Z", "2026-12-02"], // Sunday → Wednesday
    ["2026-11-22T17:30:00Z", "2026-11-26"], // 01:30 Monday in Taipei, still Sunday in UTC
  ])("a case opened at %s is due %s", (opened, due) => {
    expect(followUpDueDate(calendar2026, new Date(opened))).toBe(due);
  });

  it("skips the calendar's holidays", () => {
    // 2026-10-09 (Friday) and 2026-10-10 (National Day, Saturday) are days off in the
    // government calendar; a case opened Thursday 2026-10-08 is due Wednesday 2026-10-14.
    expect(followUpDueDate(calendar2026, new Date("2026-10-08T02:00:00Z"))).toBe("2026-10-14");
  });

  it("has no due date yet when the count runs into a year not imported", () => {
    expect(followUpDueDate(calendar2026, new Date("2026-12-28T02:00:00Z"))).toBe("2026-12-31");
    expect(followUpDueDate(calendar2026, new Date("2026-12-29T02:00:00Z"))).toBeNull();
  });
});

describe("isOverdue", () => {
  it("flags unresolved cases past their due date, never a case waiting for its due date", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-11-30" }, "2026-12-01")).toBe(true);
    expect(isOverdue({ status: "in_progress", dueDate: "2026-12-01" }, "2026-12-01")).toBe(false);
    expect(isOverdue({ status: "resolved", dueDate: "2026-11-30" }, "2026-12-01")).toBe(false);
    expect(isOverdue({ status: "open", dueDate: null }, "2026-12-01")).toBe(false);
  });
});

describe("follow-up triggers", () => {
  it("opens a case for any rating of 2 or less", () => {
    expect(followUpTrigger({ ratings: [rating(5), rating(2)], personal: [], hasComment: false })?.reason).toBe("followUp.reason.lowRating");
    expect(followUpTrigger({ ratings: [rating(3), rating(4)], personal: [], hasComment: false })).toBeNull();
  });

  it("maps other scales onto five points (0-10: 2.5 and below is dissatisfied)", () => {
    expect(followUpTrigger({ ratings: [rating(2, 0, 10)], personal: [], hasComment: false })).not.toBeNull();
    expect(followUpTrigger({ ratings: [rating(3, 0, 10)], personal: [], hasComment: false })).toBeNull();
  });

  it("opens a case for a comment only when the citizen left contact details", () => {
    expect(followUpTrigger({ ratings: [rating(4)], personal: [], hasComment: true })).toBeNull();
    expect(followUpTrigger({ ratings: [rating(4)], personal: ["王先生", "0912"], hasComment: true })).toEqual({
      reason: "followUp.reason.comment",
      contact: "王先生 / 0912",
    });
  });
});
