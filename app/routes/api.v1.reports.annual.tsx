import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/locales";
import { authenticateBearer } from "~/modules/org/tokens.server";
import { parseAnnualRequest } from "~/modules/reports/annual-request.server";
import { buildAnnualFileInThread } from "~/modules/reports/report-thread.server";
import { prisma } from "~/utils/db.server";
import { clientIp, errorResponse } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { AppError } from "~/utils/errors";

/** The annual trend report of an authority or one office, for analysts' tools: bearer token of an analyst (own authority) or admin. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = await hitRateLimit(RATE_LIMITS.api, clientIp(request, context));
  if (wait > 0) return errorResponse(429, t("survey.error.rateLimited"), undefined, { "Retry-After": String(wait) });
  const user = await authenticateBearer(prisma, request);
  if (!user) return errorResponse(401, t("auth.tokenInvalid"), undefined, { "WWW-Authenticate": "Bearer" });
  if (user.role !== "analyst" && user.role !== "admin") return errorResponse(403, t("auth.forbidden"));
  const req = await parseAnnualRequest(prisma, user, new URL(request.url).searchParams, { managers: false });
  try {
    const file = await buildAnnualFileInThread(req);
    return new Response(file.bytes.slice(), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": file.disposition,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e.status, e.message);
    throw e;
  }
}
