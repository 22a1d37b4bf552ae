import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { CONTENT_TYPES, contentDisposition, rocYear } from "~/modules/reports/annual-file.server";
import { jobFile, requireJob } from "~/modules/reports/report-worker.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { errorResponse, idParam } from "~/utils/http.server";

/** The file of a finished report job; 409 while it is still being made, 410 when it failed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const job = await requireJob(prisma, user, idParam(params.id));
  if (job.status === "failed") return errorResponse(410, job.error ?? t("report.page.failedShort"));
  if (job.status !== "done") return errorResponse(409, t("report.page.notReady"));
  const file = await jobFile(job.id).catch((e: unknown) => {
    if (e instanceof AppError) throw errorResponse(e.status, e.message);
    throw e;
  });
  const ascii = `annual-report-${rocYear(job.year)}-job-${job.id}.${job.format}`;
  return new Response(file.file.slice(), {
    headers: {
      "Content-Type": CONTENT_TYPES[job.format as keyof typeof CONTENT_TYPES] ?? "application/octet-stream",
      "Content-Disposition": contentDisposition({ ascii, display: file.fileName }),
      "Cache-Control": "no-store",
    },
  });
}
