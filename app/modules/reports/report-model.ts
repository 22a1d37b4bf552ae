/**
 * The annual report as data: sections of paragraphs, tables and charts. The page, the
 * PDF and the spreadsheets are all drawn from this one model, so they cannot disagree.
 */

/** How a column's numbers read: shares and differences are stored as fractions and shown as percentages or points. */
export type ColumnFormat = "text" | "int" | "pct" | "pp" | "p" | "score" | "stat";

export type ReportColumn = { label: string; format: ColumnFormat };

export type ReportTable = { id: string; title: string; columns: ReportColumn[]; rows: Array<Array<string | number | null>> };

/** Points of a chart: one series per key, in chart.js terms drawn by `chartConfig`. */
export type ReportChart =
  | {
      kind: "trend";
      id: string;
      caption: string;
      points: Array<{
        label: string;
        share: number;
        lower: number;
        upper: number;
        controlLower: number;
        controlUpper: number;
        centre: number;
        out: boolean;
      }>;
    }
  | {
      kind: "funnel";
      id: string;
      caption: string;
      target: number;
      points: Array<{ label: string; n: number; share: number; flag: string }>;
      limits: Array<{ n: number; lower95: number; upper95: number; lower998: number; upper998: number }>;
    };

export type ReportSection = { id: string; title: string; paragraphs: string[]; tables: ReportTable[]; charts: ReportChart[] };

export type ReportModel = { title: string; subtitle: string; generated: string; sections: ReportSection[] };

/** A cell as the page and the PDF show it. */
export function formatCell(value: string | number | null, format: ColumnFormat): string {
  if (value === null || value === "") return "—";
  if (typeof value === "string") return value;
  switch (format) {
    case "pct":
      return `${(value * 100).toFixed(1)}%`;
    case "pp":
      return `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)}`;
    case "p":
      return value < 0.001 ? "< 0.001" : value.toFixed(3);
    case "score":
      return value.toFixed(1);
    case "stat":
      return value.toFixed(3);
    default:
      return String(value);
  }
}
