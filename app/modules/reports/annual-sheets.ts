import type { ReportModel } from "./report-model";

export type SheetRows = { name: string; columns: string[]; rows: Array<Array<string | number | null>> };

/**
 * One sheet per table of the report, numbers kept as numbers (shares as fractions, as the
 * CSV has them), then the 檢討改善 text and the methods as one-column sheets.
 */
export function reportSheets(model: ReportModel): SheetRows[] {
  const sheets: SheetRows[] = [];
  for (const section of model.sections) {
    for (const table of section.tables) {
      sheets.push({ name: table.title, columns: table.columns.map((c) => c.label), rows: table.rows });
    }
    if (section.tables.length === 0)
      sheets.push({ name: section.title, columns: [section.title], rows: section.paragraphs.map((p) => [p]) });
  }
  return sheets;
}
