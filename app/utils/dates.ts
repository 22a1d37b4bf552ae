/** Calendar helpers in Asia/Taipei (UTC+8, no daylight saving since 1979). */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD of an instant, in Taipei. */
export function taipeiDate(instant: Date): string {
  return new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM of an instant, in Taipei. */
export function taipeiMonth(instant: Date): string {
  return taipeiDate(instant).slice(0, 7);
}

/** The UTC instant at which a Taipei calendar day starts. */
export function taipeiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - TAIPEI_OFFSET_MS);
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The twelve months ending with `month` (YYYY-MM), oldest first. */
export function lastMonths(month: string, count = 12): string[] {
  const [y, m] = month.split("-").map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** ROC calendar (民國) label of a month: 2026-03 → 115年3月. */
export function rocMonthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${y - 1911}年${m}月`;
}

/** ROC calendar (民國) label of a date: 2027-01-01 → 116年1月1日. */
export function rocDateLabel(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y - 1911}年${m}月${d}日`;
}

const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for YYYY-MM with a real month. */
export function isIsoMonth(s: string): boolean {
  return ISO_MONTH.test(s);
}

/** "2026-03" → { year: 2026, month: 3 }; RangeError on anything else. */
export function parseMonth(month: string): { year: number; month: number } {
  const m = ISO_MONTH.exec(month);
  if (!m) throw new RangeError(`month must look like YYYY-MM, got "${month}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** An instant as a `datetime-local` input value in Taipei time (YYYY-MM-DDTHH:mm). */
export function taipeiLocalInput(instant: Date | string | null): string {
  if (!instant) return "";
  return new Date(new Date(instant).getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * "YYYY-MM-DD HH:mm" in Taipei. Computed here rather than with toLocaleString, whose
 * output differs between Node's and the browser's ICU and breaks hydration.
 */
export function taipeiDateTime(instant: Date | string): string {
  return taipeiLocalInput(instant).replace("T", " ");
}
