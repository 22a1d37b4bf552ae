import { readdirSync, readFileSync } from "node:fs";
import { importCalendarYear } from "../../app/modules/calendar/calendar.server";
import type { Db } from "../../app/utils/db.server";

/** The official DGPA calendars shipped with the product, one `<year>.csv` each. */
const SHIPPED = new URL("./calendar/", import.meta.url);

/**
 * Imports every shipped calendar whose year has no rows yet, so that any database, with
 * or without demo data, knows the years the product ships; a year already in the table
 * (e.g. a revised calendar an admin imported) is left alone.
 */
export async function seedShippedCalendars(db: Db): Promise<number[]> {
  const present = new Set((await db.calendarDay.groupBy({ by: ["year"] })).map((g) => g.year));
  const seeded: number[] = [];
  for (const file of readdirSync(SHIPPED)
    .filter((f) => /^\d{4}\.csv$/.test(f))
    .sort()) {
    if (present.has(Number(file.slice(0, 4)))) continue;
    const { year } = await importCalendarYear(db, readFileSync(new URL(file, SHIPPED), "utf8"), null);
    seeded.push(year);
  }
  return seeded;
}
