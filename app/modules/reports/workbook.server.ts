import { utils, write, type ColInfo } from "@e965/xlsx";

/** One sheet of a workbook: a header row, then the rows; null is an empty cell. */
export type SheetTable = { name: string; columns: string[]; rows: Array<Array<string | number | null>> };

export type WorkbookFormat = "ods" | "xlsx";

// Excel's limits (LibreOffice accepts them too): 31 characters, none of these, not
// starting or ending with an apostrophe, unique regardless of letter case.
const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;
const FALLBACK_NAME = "Sheet";

function truncated(name: string, max: number): string {
  // Array.from counts code points, so a character outside the BMP is never cut in half.
  return Array.from(name).slice(0, max).join("");
}

/** Valid, unique sheet names for the tables, in order: "A", "A (2)", … for repeats. */
export function sheetNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const base =
      truncated(raw.replace(FORBIDDEN, "_").replace(/\s+/g, " ").trim(), SHEET_NAME_MAX).replace(/^'+|'+$/g, "") || FALLBACK_NAME;
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i += 1) {
      const suffix = ` (${i})`;
      name = truncated(base, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Display width in "characters" of a latin digit: CJK and other wide characters take two. */
function displayWidth(value: string | number | null): number {
  if (value === null) return 0;
  let width = 0;
  for (const ch of String(value))
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** Column widths fitted to the widest cell (header included), within bounds so a long note does not make a wall. */
function fittedColumns(table: SheetTable): ColInfo[] {
  return table.columns.map((header, c) => {
    const widest = table.rows.reduce((w, row) => Math.max(w, displayWidth(row[c] ?? null)), displayWidth(header));
    return { wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)) };
  });
}

/**
 * An ODS or XLSX file with one sheet per table. Numbers stay numbers (cell type n), so a
 * spreadsheet can sum and chart them; text is stored as text, never as a formula.
 */
export function workbookFile(tables: SheetTable[], format: WorkbookFormat): Uint8Array {
  const book = utils.book_new();
  const names = sheetNames(tables.map((t) => t.name));
  tables.forEach((table, i) => {
    const sheet = utils.aoa_to_sheet([table.columns, ...table.rows]);
    sheet["!cols"] = fittedColumns(table);
    utils.book_append_sheet(book, sheet, names[i]);
  });
  const bytes = write(book, { bookType: format, type: "array", compression: true }) as ArrayBuffer;
  return new Uint8Array(bytes);
}
