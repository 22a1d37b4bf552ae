import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/modules/org/auth.server";
import { jobsFor } from "~/modules/reports/report-worker.server";
import { REPORT_PAGE_ROLES, reportPageRequest } from "~/modules/reports/report-page.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { errorResponse } from "~/utils/http.server";

/**
 * The report page's jobs alone, for the page to poll while one is being made: the page's
 * own loader also makes the whole report's figures (a quarter of a second of the report
 * thread, measured), which do not change while a file is built. Same query string, same
 * scope rules as /reports/annual.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, REPORT_PAGE_ROLES);
  try {
    const req = await reportPageRequest(prisma, user, new URL(request.url));
    return json({ jobs: await jobsFor(prisma, req.scope, req.year) }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof AppError) throw errorResponse(e.status, e.message);
    throw e;
  }
}
