import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/locales";
import { CONTENT_TYPES, contentDisposition, rocYear } from "~/modules/reports/annual-file.server";
import { FIRST_YEAR, LAST_YEAR, parseReportYear } from "~/modules/reports/annual-request.server";
import { cachedOpenData, openDataCsv } from "~/modules/reports/open-data.server";
import { workbookFile } from "~/modules/reports/workbook.server";
import { prisma } from "~/utils/db.server";
import { clientIp, errorResponse, idParam } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";

const FILE = /^(\d{4})\.(csv|ods)$/;

/**
 * Public open data of an authority for a year (`/open-data/3/2026.csv` or `.ods`): monthly
 * n and share per office × dimension; the ODS adds the demographic breakdown, small cells
 * suppressed, and a data dictionary. Anyone may download it, so no session is read.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const wait = await hitRateLimit(RATE_LIMITS.api, clientIp(request, context));
  if (wait > 0) return errorResponse(429, t("survey.error.rateLimited"), undefined, { "Retry-After": String(wait) });
  const authorityId = idParam(params.authorityId);
  const file = FILE.exec(params.file ?? "");
  if (!file) return errorResponse(400, t("openData.error.file"));
  const year = parseReportYear(file[1]);
  if (year === null) return errorResponse(400, t("report.error.year", { from: FIRST_YEAR, to: LAST_YEAR }));
  const format = file[2] as "csv" | "ods";
  const authority = await prisma.authority.findUnique({ where: { id: authorityId }, select: { name: true } });
  if (!authority) return errorResponse(404, t("report.error.noAuthority"));

  const data = await cachedOpenData(prisma, authorityId, year);
  const bytes =
    format === "csv" ? new TextEncoder().encode(openDataCsv(data)) : workbookFile([data.monthly, data.breakdown, data.dictionary], "ods");
  const name = {
    ascii: `open-data-${rocYear(year)}-authority-${authorityId}.${format}`,
    display: `${rocYear(year)}年服務品質開放資料_${authority.name}.${format}`,
  };
  return new Response(bytes.slice(), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": contentDisposition(name),
      // Figures of past months change only when a duplicate is reviewed: an hour is fresh enough.
      "Cache-Control": "public, max-age=3600",
    },
  });
}
