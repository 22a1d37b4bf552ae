import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { officeScope } from "~/modules/org/roles";
import { authenticateBearer } from "~/modules/org/tokens.server";
import { responsesCsvStream } from "~/modules/reports/responses-csv.server";
import { isIsoDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { clientIp, errorResponse } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { parseId } from "~/utils/ids";

const querySchema = z.object({
  office: z
    .string()
    .transform(parseId)
    .refine((id) => id !== null, "office")
    .optional(),
  from: z.string().refine(isIsoDate, "from"),
  to: z.string().refine(isIsoDate, "to"),
});

/** Responses as CSV for analysts' tools: bearer token with the analyst or admin role. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = await hitRateLimit(RATE_LIMITS.api, clientIp(request, context));
  if (wait > 0) return errorResponse(429, t("survey.error.rateLimited"), undefined, { "Retry-After": String(wait) });
  const user = await authenticateBearer(prisma, request);
  if (!user) return errorResponse(401, t("auth.tokenInvalid"), undefined, { "WWW-Authenticate": "Bearer" });
  if (user.role !== "analyst" && user.role !== "admin") return errorResponse(403, t("auth.forbidden"));

  const url = new URL(request.url);
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return errorResponse(400, t("error.invalidDate"), { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const { office, from, to } = parsed.data;
  if (to < from) return errorResponse(400, t("error.dateRange"));

  const scope = officeScope(user);
  if (!scope) return errorResponse(403, t("auth.forbidden"));
  const offices = await prisma.office.findMany({
    where: { ...scope, ...(office ? { id: office } : {}) },
    select: { id: true },
  });
  if (office && offices.length === 0) {
    const exists = await prisma.office.count({ where: { id: office } });
    return errorResponse(exists ? 403 : 404, exists ? t("auth.forbidden") : t("error.notFound"));
  }
  const stream = await responsesCsvStream(prisma, { officeIds: offices.map((o) => o.id), from, to });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="responses-${from}-${to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
