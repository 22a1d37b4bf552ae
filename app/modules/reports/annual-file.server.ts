import type { Db } from "~/utils/db.server";
import { annualCsv } from "./annual-csv";
import type { AnnualRequest } from "./annual-request.server";
import type { ReportFormat } from "./report-formats";
import { annualFigures } from "./annual.server";
import { annualReport } from "./annual-report.server";
import { annualReportHtml } from "./annual-print.server";
import { reportSheets } from "./annual-sheets";
import { htmlToPdf } from "./pdf.server";
import { workbookFile } from "./workbook.server";

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** 民國 year: the file names and titles the offices file them under. */
export function rocYear(year: number): number {
  return year - 1911;
}

/**
 * `annual-report-115-authority-3.pdf` for tools that only read ASCII, and the zh-TW name
 * (115年度服務品質趨勢報告_臺北市政府民政局.pdf) as RFC 6266 filename* for browsers.
 */
export function annualFileName(req: AnnualRequest): { ascii: string; display: string } {
  const roc = rocYear(req.year);
  const scope = req.scope.officeId === null ? `authority-${req.scope.authorityId}` : `office-${req.scope.officeId}`;
  return { ascii: `annual-report-${roc}-${scope}.${req.format}`, display: `${roc}年度服務品質趨勢報告_${req.scope.name}.${req.format}` };
}

export function contentDisposition(name: { ascii: string; display: string }): string {
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.display)}`;
}

export type AnnualFile = { bytes: Uint8Array; fileName: string; contentType: string; disposition: string };

/** Builds one format of the annual report; `progress` hears the fraction done of long builds. */
export async function buildAnnualFile(
  db: Db,
  req: AnnualRequest,
  o: { progress?: (fraction: number) => Promise<void> } = {},
): Promise<AnnualFile> {
  const name = annualFileName(req);
  const file = { fileName: name.display, contentType: CONTENT_TYPES[req.format], disposition: contentDisposition(name) };
  const progress = o.progress ?? (async () => {});
  if (req.format === "csv") {
    const figures = await annualFigures(db, req.scope, req.year);
    return { ...file, bytes: new TextEncoder().encode(annualCsv(figures.rows, req.year)) };
  }
  const { model } = await annualReport(db, req.scope, req.year, progress);
  if (req.format === "pdf") {
    const html = annualReportHtml(model);
    await progress(0.7);
    return { ...file, bytes: await htmlToPdf(html, { title: model.title }) };
  }
  return { ...file, bytes: workbookFile(reportSheets(model), req.format) };
}
