import { t, type MessageKey } from "~/locales";
import { addDays, isIsoDate, weekday } from "~/utils/dates";
import { daysInYear } from "./working-days";

/**
 * The DGPA's open-data calendar (行政院人事行政總處「政府行政機關辦公日曆表」, data.gov.tw
 * dataset 14718): one row per date, `西元日期,星期,是否放假,備註`, dates YYYYMMDD, weekday
 * as one character, 是否放假 2 for a day off and 0 for a working day. One file is one year.
 */

const DGPA_HEADER = "西元日期,星期,是否放假,備註";

/** The file's weekday characters, indexed like Date#getUTCDay (0 = Sunday). */
const DGPA_WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"] as const;

const DAY_OFF = "2";
const WORKING_DAY = "0";
const MAX_NOTE_LENGTH = 100;

export type CalendarDayRow = { date: string; isHoliday: boolean; note: string };
export type CalendarYear = { year: number; days: CalendarDayRow[] };

/** The file cannot be imported; the message is zh-TW and names the line at fault. */
export class CalendarCsvError extends Error {
  readonly status = 400;
}

function fail(key: MessageKey, params?: Record<string, string | number>): never {
  throw new CalendarCsvError(t(key, params));
}

/**
 * The file's text: UTF-8 (with or without BOM) when it decodes as such, otherwise Big5
 * (cp950), which older government spreadsheets still save.
 */
export function decodeDgpaCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("big5", { fatal: true }).decode(bytes);
    } catch {
      return fail("calendar.error.encoding");
    }
  }
}

/** Parses one year's calendar; throws CalendarCsvError unless the file holds every day of exactly one year. */
export function parseDgpaCsv(text: string): CalendarYear {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) fail("calendar.error.empty");
  if (lines[0] !== DGPA_HEADER) fail("calendar.error.header");

  const days: CalendarDayRow[] = [];
  const seen = new Set<string>();
  let year = 0;
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    const fields = raw.split(",");
    if (fields.length !== 4) fail("calendar.error.columns", { line });
    const [compact, weekdayChar, flag, note] = fields;
    const date = /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : "";
    if (!isIsoDate(date)) fail("calendar.error.date", { line, value: compact });
    const expected = DGPA_WEEKDAYS[weekday(date)];
    if (weekdayChar !== expected) fail("calendar.error.weekday", { line, value: weekdayChar, date, expected });
    if (flag !== DAY_OFF && flag !== WORKING_DAY) fail("calendar.error.flag", { line, value: flag });
    if (note.length > MAX_NOTE_LENGTH) fail("calendar.error.note", { line, max: MAX_NOTE_LENGTH });
    year ||= Number(date.slice(0, 4));
    if (Number(date.slice(0, 4)) !== year) fail("calendar.error.otherYear", { line, date, year });
    if (seen.has(date)) fail("calendar.error.duplicate", { line, date });
    seen.add(date);
    days.push({ date, isHoliday: flag === DAY_OFF, note: note.trim() });
  });
  if (days.length === 0) fail("calendar.error.empty");

  const total = daysInYear(year);
  if (days.length !== total) {
    const missing = Array.from({ length: total }, (_, i) => addDays(`${year}-01-01`, i)).filter((d) => !seen.has(d));
    fail("calendar.error.missingDays", { year, count: missing.length, date: missing[0] });
  }
  return { year, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}
