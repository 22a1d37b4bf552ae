/**
 * TEST FIXTURES, NOT OFFICIAL CALENDARS. Builds a file in the DGPA open-data format
 * (`西元日期,星期,是否放假,備註`) for any year from the weekday rule alone: Saturdays and
 * Sundays off, other days worked, then the given exceptions. Written independently of the
 * product's parser so the tests can check it.
 */
const WEEKDAY_CHARS = ["日", "一", "二", "三", "四", "五", "六"];

export type FixtureDay = { date: string; weekday: number; off: boolean; note: string };

/** Every day of `year` by the weekday rule, with `exceptions` (date → day off?, note) applied. */
export function fixtureDays(year: number, exceptions: Record<string, { off: boolean; note: string }> = {}): FixtureDay[] {
  const days: FixtureDay[] = [];
  for (const d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay();
    const exception = exceptions[date];
    days.push({ date, weekday, off: exception ? exception.off : weekday === 0 || weekday === 6, note: exception?.note ?? "" });
  }
  return days;
}

/** The days as a DGPA CSV file; `eol` and `bom` vary the way spreadsheet programs save it. */
export function fixtureCsv(days: FixtureDay[], options: { eol?: string; bom?: boolean } = {}): string {
  const eol = options.eol ?? "\r\n";
  const rows = days.map((d) => `${d.date.replaceAll("-", "")},${WEEKDAY_CHARS[d.weekday]},${d.off ? 2 : 0},${d.note}`);
  return `${options.bom ? "\uFEFF" : ""}西元日期,星期,是否放假,備註${eol}${rows.join(eol)}${eol}`;
}

/** A fixture year whose first weekday is a day off and whose first Saturday is a make-up working day. */
export function fixtureYearWithMakeUpDay(year: number): { days: FixtureDay[]; holiday: string; makeUpSaturday: string } {
  const holiday = fixtureDays(year).find((d) => d.weekday >= 1 && d.weekday <= 5)!.date;
  const makeUpSaturday = fixtureDays(year).find((d) => d.weekday === 6)!.date;
  const days = fixtureDays(year, {
    [holiday]: { off: true, note: "測試用放假日" },
    [makeUpSaturday]: { off: false, note: "測試用補行上班" },
  });
  return { days, holiday, makeUpSaturday };
}
