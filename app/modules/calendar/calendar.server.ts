import type { Db, DbOrTx } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { followUpDueDate } from "~/modules/surveys/follow-up";
import { parseMonth, taipeiDate, weekday } from "~/utils/dates";
import { parseDgpaCsv } from "./dgpa-csv";
import { daysInYear, workingDaysIn, type WorkedDays } from "./working-days";

const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/** Years (within `fromYear`..`toYear`) whose every day is in the table, oldest first; a partial year counts as not loaded. */
export async function loadedYears(db: DbOrTx, fromYear?: number, toYear?: number): Promise<number[]> {
  const counts = await db.calendarDay.groupBy({
    by: ["year"],
    // No bound is no condition: a stand-in like MAX_SAFE_INTEGER overflows PostgreSQL's integer.
    where: { year: { gte: fromYear, lte: toYear } },
    _count: { _all: true },
    orderBy: { year: "asc" },
  });
  return counts.filter((c) => c._count._all === daysInYear(c.year)).map((c) => c.year);
}

/** The worked-day map of the loaded years from `fromYear` to `toYear` (all by default); other years stay absent. */
export async function workedDays(db: DbOrTx, fromYear?: number, toYear?: number): Promise<WorkedDays> {
  const years = await loadedYears(db, fromYear, toYear);
  const rows = await db.calendarDay.findMany({ where: { year: { in: years } }, select: { date: true, isHoliday: true } });
  return new Map(rows.map((r) => [r.date, !r.isHoliday]));
}

/** The worked days of a month, in order; CalendarNotLoadedError when its year is not loaded. */
export async function workingDaysOf(db: DbOrTx, month: string): Promise<string[]> {
  const { year } = parseMonth(month);
  return workingDaysIn(await workedDays(db, year, year), month);
}

/** Gives the cases opened before their period's calendar was known the due date they now have. */
async function fillPendingDueDates(db: DbOrTx): Promise<number> {
  const pending = await db.followUpCase.findMany({
    where: { dueDate: null },
    select: { id: true, response: { select: { submittedAt: true } } },
  });
  if (pending.length === 0) return 0;
  // A UTC year is never later than the Taipei year the counting starts in.
  const days = await workedDays(db, Math.min(...pending.map((c) => c.response.submittedAt.getUTCFullYear())));
  const byDueDate = new Map<string, number[]>();
  for (const c of pending) {
    const due = followUpDueDate(days, c.response.submittedAt);
    if (due) byDueDate.set(due, [...(byDueDate.get(due) ?? []), c.id]);
  }
  for (const [dueDate, ids] of byDueDate) await db.followUpCase.updateMany({ where: { id: { in: ids } }, data: { dueDate } });
  return [...byDueDate.values()].reduce((n, ids) => n + ids.length, 0);
}

/**
 * Replaces one year of the calendar with the DGPA file's rows, in one transaction with
 * its audit entry and the due dates it makes computable. CalendarCsvError (nothing
 * written) when the file is not one whole, valid year.
 */
export async function importCalendarYear(db: Db, csvText: string, actorId: number | null) {
  const { year, days } = parseDgpaCsv(csvText);
  const daysOff = days.filter((d) => d.isHoliday).length;
  const makeUpDays = days.filter((d) => !d.isHoliday && isWeekend(d.date)).map((d) => d.date);
  return db.$transaction(async (tx) => {
    const replaced = await tx.calendarDay.deleteMany({ where: { year } });
    await tx.calendarDay.createMany({ data: days.map((d) => ({ ...d, year })) });
    const filled = await fillPendingDueDates(tx);
    await audit(tx, {
      actorId,
      action: replaced.count > 0 ? "calendar.replace" : "calendar.import",
      entity: "CalendarDay",
      entityId: year,
      data: { daysOff, makeUpDays, filledDueDates: filled },
    });
    return { year, daysOff, filled };
  });
}

/**
 * The years an admin must import now: this year and the next (plans are drawn ahead), and
 * every year a waiting follow-up case needs for its due date (its own year and the next,
 * as three working days may cross New Year), whichever of them is not loaded.
 */
export async function missingYears(db: DbOrTx, now = new Date()): Promise<number[]> {
  const thisYear = Number(taipeiDate(now).slice(0, 4));
  const wanted = new Set([thisYear, thisYear + 1]);
  // Counted from the citizen's answer, as the due date is.
  const waiting = { where: { followUp: { dueDate: null } }, select: { submittedAt: true } } as const;
  const [first, last] = await Promise.all([
    db.response.findFirst({ ...waiting, orderBy: { submittedAt: "asc" } }),
    db.response.findFirst({ ...waiting, orderBy: { submittedAt: "desc" } }),
  ]);
  if (first && last) {
    const [from, to] = [first, last].map((r) => Number(taipeiDate(r.submittedAt).slice(0, 4)));
    for (let y = from; y <= to + 1; y += 1) wanted.add(y);
  }
  const loaded = await loadedYears(db);
  return [...wanted].filter((y) => !loaded.includes(y)).sort((a, b) => a - b);
}

/** Each loaded year with its count of days off and its make-up working days (worked weekends). */
export async function calendarYears(db: DbOrTx) {
  const years = await loadedYears(db);
  const off = await db.calendarDay.groupBy({ by: ["year"], where: { year: { in: years }, isHoliday: true }, _count: { _all: true } });
  const worked = await db.calendarDay.findMany({
    where: { year: { in: years }, isHoliday: false },
    orderBy: { date: "asc" },
    select: { date: true, year: true },
  });
  return years.map((year) => ({
    year,
    daysOff: off.find((o) => o.year === year)?._count._all ?? 0,
    makeUpDays: worked.filter((d) => d.year === year && isWeekend(d.date)).map((d) => d.date),
  }));
}

/** A year's days that the plain weekday rule gets wrong (weekday holidays, make-up days) or that carry a note. */
export async function specialDaysOf(db: DbOrTx, year: number) {
  const days = await db.calendarDay.findMany({
    where: { year },
    orderBy: { date: "asc" },
    select: { date: true, isHoliday: true, note: true },
  });
  return days.filter((d) => d.isHoliday !== isWeekend(d.date) || d.note !== "");
}
