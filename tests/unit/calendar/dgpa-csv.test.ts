import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CalendarCsvError, decodeDgpaCsv, parseDgpaCsv } from "~/modules/calendar/dgpa-csv";
import { fixtureCsv, fixtureDays } from "../../support/calendar-fixture";

const shipped = (year: number) => readFileSync(`prisma/seed/calendar/${year}.csv`, "utf8");

/** Rows of a CSV as field arrays, read without the product's parser. */
const rawRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","));

function refusal(csv: string): string {
  try {
    parseDgpaCsv(csv);
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarCsvError);
    return (e as Error).message;
  }
  throw new Error("the file was accepted");
}

/** A fixture file of 2031 with one data line replaced (line 2 is 1 January). */
function withLine(line: number, text: string): string {
  const lines = fixtureCsv(fixtureDays(2031)).split("\r\n");
  lines[line - 1] = text;
  return lines.join("\r\n");
}

describe("the shipped official calendars", () => {
  it.each([
    [2025, 118],
    [2026, 120],
    // Counted from the DGPA's 116年 open-data file (see prisma/seed/calendar/README.md).
    [2027, 121],
  ])("%i has every day once and the DGPA's published %i days off", (year, daysOff) => {
    const rows = rawRows(shipped(year));
    expect(rows).toHaveLength(365);
    expect(rows.filter((r) => r[2] === "2")).toHaveLength(daysOff);
    const parsed = parseDgpaCsv(shipped(year));
    expect(parsed.year).toBe(year);
    expect(parsed.days.filter((d) => d.isHoliday)).toHaveLength(daysOff);
  });

  it("has 2025-02-08, a Saturday, as the one make-up working day (補行上班)", () => {
    for (const year of [2025, 2026, 2027]) {
      const workedWeekends = parseDgpaCsv(shipped(year)).days.filter(
        (d) => !d.isHoliday && [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()),
      );
      expect(workedWeekends).toEqual(year === 2025 ? [{ date: "2025-02-08", isHoliday: false, note: "補行上班" }] : []);
    }
  });

  it("keeps the Lunar New Year of 2026 off from 02-16 to 02-20", () => {
    const off = new Set(
      parseDgpaCsv(shipped(2026))
        .days.filter((d) => d.isHoliday)
        .map((d) => d.date),
    );
    for (const d of ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]) expect(off.has(d), d).toBe(true);
  });
});

describe("parseDgpaCsv", () => {
  it("reads a whole year with CRLF, LF, a BOM or no final newline", () => {
    const days = fixtureDays(2031, { "2031-01-04": { off: false, note: "補行上班" } });
    for (const csv of [fixtureCsv(days), fixtureCsv(days, { eol: "\n", bom: true }), fixtureCsv(days, { eol: "\n" }).trimEnd()]) {
      const parsed = parseDgpaCsv(csv);
      expect(parsed.year).toBe(2031);
      expect(parsed.days).toHaveLength(365);
      expect(parsed.days[0]).toEqual({ date: "2031-01-01", isHoliday: false, note: "" });
      expect(parsed.days.find((d) => d.date === "2031-01-04")).toEqual({ date: "2031-01-04", isHoliday: false, note: "補行上班" });
      expect(parsed.days.filter((d) => d.isHoliday)).toHaveLength(days.filter((d) => d.off).length);
    }
  });

  it("reads a leap year of 366 days and rows out of order", () => {
    const days = fixtureDays(2032);
    const parsed = parseDgpaCsv(fixtureCsv([...days].reverse()));
    expect(parsed.days).toHaveLength(366);
    expect(parsed.days.map((d) => d.date)).toEqual(days.map((d) => d.date));
  });

  it.each<[string, string, RegExp]>([
    ["an empty file", "", /檔案是空的/],
    ["a header only", "西元日期,星期,是否放假,備註\r\n", /檔案是空的/],
    ["a wrong header", fixtureCsv(fixtureDays(2031)).replace("是否放假", "放假"), /第 1 行標題/],
    ["a row with 3 fields", withLine(5, "20310104,六,2"), /第 5 行應有 4 個欄位/],
    ["an impossible date", withLine(3, "20310230,一,0,"), /第 3 行的西元日期「20310230」不正確/],
    ["a date with dashes", withLine(3, "2031-01-02,四,0,"), /第 3 行的西元日期/],
    ["a weekday that disagrees with the date", withLine(2, "20310101,四,0,"), /第 2 行的星期「四」與日期不符（2031-01-01 是星期三）/],
    ["a flag other than 0 or 2", withLine(4, "20310103,五,1,"), /第 4 行的是否放假「1」不正確/],
    ["a repeated date", withLine(3, "20310101,三,0,"), /第 3 行的日期 2031-01-01 重複/],
    ["a date of another year", withLine(3, "20300102,三,0,"), /第 3 行的日期 2030-01-02 不在 2031 年/],
    ["a missing day", fixtureCsv(fixtureDays(2031).filter((d) => d.date !== "2031-07-01")), /缺少 2031 年的 1 天（例如 2031-07-01）/],
    ["a half year", fixtureCsv(fixtureDays(2031).slice(0, 181)), /缺少 2031 年的 184 天（例如 2031-07-01）/],
    ["an overlong note", withLine(2, `20310101,三,2,${"假".repeat(101)}`), /第 2 行的備註過長/],
  ])("refuses %s with a message naming the line", (_, csv, message) => {
    expect(refusal(csv)).toMatch(message);
  });
});

describe("decodeDgpaCsv", () => {
  /** A Big5 encoder built by decoding every double-byte code, independent of the product. */
  function big5(text: string): Uint8Array {
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder("big5");
    for (let lead = 0xa1; lead <= 0xf9; lead++) {
      for (const trail of [...Array(0x3f).keys()].map((i) => 0x40 + i).concat([...Array(0x5e).keys()].map((i) => 0xa1 + i))) {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
  }

  it("reads UTF-8 and Big5 files alike", () => {
    const csv = fixtureCsv(fixtureDays(2031, { "2031-01-01": { off: true, note: "開國紀念日" } }));
    expect(decodeDgpaCsv(new TextEncoder().encode(csv))).toBe(csv);
    const bytes = big5(csv);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(csv).length);
    expect(decodeDgpaCsv(bytes)).toBe(csv);
    expect(parseDgpaCsv(decodeDgpaCsv(bytes)).days[0].note).toBe("開國紀念日");
  });
});
