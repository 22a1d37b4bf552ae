import { read, type WorkSheet } from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { sheetNames, workbookFile, type SheetTable } from "~/modules/reports/workbook.server";

const tables: SheetTable[] = [
  {
    name: "月別統計",
    columns: ["office_name", "month", "n", "satisfied_share"],
    rows: [
      ["臺北市萬華區公所", "2026-01", 120, 0.8417],
      ["臺北市大安區公所", "2026-01", 0, null],
      ['=HYPERLINK("x")', "2026-02", 7, 1],
    ],
  },
  { name: "資料說明", columns: ["欄位", "說明"], rows: [["n", "有效填答人數（人）"]] },
];

function cell(sheet: WorkSheet, address: string) {
  return sheet[address] as { t: string; v: unknown; f?: string } | undefined;
}

describe.each(["ods", "xlsx"] as const)("workbookFile as %s", (format) => {
  const book = read(workbookFile(tables, format), { type: "array" });

  it("has one sheet per table, in order, with the header row first", () => {
    expect(book.SheetNames).toEqual(["月別統計", "資料說明"]);
    const main = book.Sheets["月別統計"];
    expect(["A1", "B1", "C1", "D1"].map((a) => cell(main, a)?.v)).toEqual(["office_name", "month", "n", "satisfied_share"]);
    expect(cell(book.Sheets["資料說明"], "B2")?.v).toBe("有效填答人數（人）");
  });

  it("stores numbers as numbers, text as text and null as an empty cell", () => {
    const main = book.Sheets["月別統計"];
    expect(cell(main, "C2")).toMatchObject({ t: "n", v: 120 });
    expect(cell(main, "D2")).toMatchObject({ t: "n", v: 0.8417 });
    expect(cell(main, "C3")).toMatchObject({ t: "n", v: 0 });
    expect(cell(main, "D3")).toBeUndefined();
    expect(cell(main, "A2")).toMatchObject({ t: "s", v: "臺北市萬華區公所" });
    expect(cell(main, "B2")).toMatchObject({ t: "s", v: "2026-01" });
    // Text that looks like a formula stays text.
    expect(cell(main, "A4")).toMatchObject({ t: "s", v: '=HYPERLINK("x")' });
    expect(cell(main, "A4")?.f).toBeUndefined();
    expect(main["!ref"]).toBe("A1:D4");
  });

  it("makes odd sheet names valid and unique", () => {
    const odd = read(
      workbookFile(
        [
          { name: "a/b:c*d?e[f]g\\h", columns: ["x"], rows: [[1]] },
          { name: "x".repeat(40), columns: ["x"], rows: [[2]] },
          { name: "X".repeat(40), columns: ["x"], rows: [[3]] },
          { name: "", columns: ["x"], rows: [[4]] },
        ],
        format,
      ),
      { type: "array" },
    );
    expect(odd.SheetNames).toEqual(["a_b_c_d_e_f_g_h", "x".repeat(31), `${"X".repeat(27)} (2)`, "Sheet"]);
    expect(cell(odd.Sheets[`${"X".repeat(27)} (2)`], "A2")).toMatchObject({ t: "n", v: 3 });
  });
});

describe("sheet names and column widths", () => {
  it("truncates to 31 characters, strips edge apostrophes and numbers repeats case-insensitively", () => {
    expect(sheetNames(["'報表'", "Data", "data", "DATA", "  "])).toEqual(["報表", "Data", "data (2)", "DATA (3)", "Sheet"]);
    const long = sheetNames(["機".repeat(40), "機".repeat(40)]);
    expect(long.map((n) => Array.from(n).length)).toEqual([31, 31]);
    expect(long[1].endsWith(" (2)")).toBe(true);
  });

  it("fits column widths to the widest cell, CJK counting double", () => {
    const book = read(workbookFile([tables[0]], "xlsx"), { type: "array", cellStyles: true });
    const cols = book.Sheets["月別統計"]["!cols"]!;
    // "臺北市萬華區公所" is eight wide characters: 16 plus a margin of 2.
    expect(Math.round(cols[0].wch ?? 0)).toBeGreaterThanOrEqual(17);
    expect(Math.round(cols[2].wch ?? 0)).toBeLessThan(Math.round(cols[0].wch ?? 0));
  });
});
