import { t } from "~/locales";
import { addDays, parseMonth } from "~/utils/dates";
import { AppError } from "~/utils/errors";

/**
 * Working-day arithmetic over the government calendar. The calendar, not the weekday,
 * decides whether a day is worked: make-up Saturdays (補行上班) are working days and
 * weekday holidays are not. A date outside the loaded years is never guessed from its
 * weekday: the caller gets CalendarNotLoadedError and must say so.
 */

/** date (YYYY-MM-DD) → true when government offices work that day; only fully loaded years. */
export type WorkedDays = ReadonlyMap<string, boolean>;

/**
 * The calendar of `year` has not been imported (or not completely): a request needing it
 * is refused (400) with the message naming the year. Its own class so that a citizen's
 * answer can be stored with the due date pending instead.
 */
export class CalendarNotLoadedError extends AppError {
  constructor(readonly year: number) {
    super(400, t("calendar.error.notLoaded", { year, roc: year - 1911 }));
  }
}

export function daysInYear(year: number): number {
  return new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? 366 : 365;
}

function isWorked(days: WorkedDays, date: string): boolean {
  const worked = days.get(date);
  if (worked === undefined) throw new CalendarNotLoadedError(Number(date.slice(0, 4)));
  return worked;
}

/** The worked days of a month (YYYY-MM), in order. */
export function workingDaysIn(days: WorkedDays, month: string): string[] {
  const { year, month: m } = parseMonth(month);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const dates = Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
  return dates.filter((date) => isWorked(days, date));
}

/** The date `n` working days after `date`: the day itself never counts, whether worked or not. */
export function addWorkingDays(days: WorkedDays, date: string, n: number): string {
  let current = date;
  for (let left = n; left > 0;) {
    current = addDays(current, 1);
    if (isWorked(days, current)) left -= 1;
  }
  return current;
}
