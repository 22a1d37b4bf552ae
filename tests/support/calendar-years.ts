import { importCalendarYear, loadedYears } from "~/modules/calendar/calendar.server";
import type { Db } from "~/utils/db.server";
import { fixtureCsv, fixtureDays } from "./calendar-fixture";

/**
 * Imports a weekday-rule fixture (no holidays) for each of `months`' years that has no
 * calendar yet, so that tests planning outside the shipped years can run. Never used by
 * the product: a real site imports the DGPA file.
 */
export async function loadFixtureYearsFor(db: Db, months: string[]): Promise<void> {
  const loaded = await loadedYears(db);
  const missing = [...new Set(months.map((m) => Number(m.slice(0, 4))))].filter((y) => !loaded.includes(y));
  for (const year of missing) await importCalendarYear(db, fixtureCsv(fixtureDays(year)), null);
}
