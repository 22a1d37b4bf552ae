import type { LoaderFunctionArgs } from "@remix-run/node";
import { callsCsvStream, resultsRequest } from "~/modules/courtesy/results.server";
import { requireUser } from "~/modules/org/auth.server";
import { seesEvaluatorNames } from "~/modules/org/roles";
import { prisma } from "~/utils/db.server";

/**
 * The counted test calls behind the results page as CSV, with the same roles, scope and
 * period; `office` narrows the export to one office the user may see. The evaluator column
 * stays, empty, for managers, so every role's file has the same columns.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const { period, office, offices } = await resultsRequest(prisma, user, new URL(request.url));
  const officeIds = office ? [office.id] : offices.map((o) => o.id);
  const stream = await callsCsvStream(prisma, officeIds, period, { evaluatorNames: seesEvaluatorNames(user.role) });
  const name = `courtesy-calls-${period.kind === "month" ? period.month : period.year}${office ? `-office${office.id}` : ""}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
