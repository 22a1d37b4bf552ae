import { t } from "~/locales";
import type { ScopedUser } from "~/modules/org/roles";
import type { Db } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";
import { parseId } from "~/utils/ids";

import { REPORT_FORMATS, type ReportFormat } from "./report-formats";

/** An authority's report covers its offices; an office's report covers that office beside its peers. */
export type AnnualScope = { authorityId: number; officeId: number | null; name: string };

export type AnnualRequest = { scope: AnnualScope; year: number; format: ReportFormat };

/** Years a report may cover: the platform's data starts long after 2000 and plans are yearly. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export function parseReportYear(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}

function isFormat(value: string | null): value is ReportFormat {
  return (REPORT_FORMATS as readonly (string | null)[]).includes(value);
}

/**
 * Checks `authority=ID` or `office=ID` (exactly one), `year` and `format`, in that order
 * of concern: 400 for a malformed parameter, 404 for an authority or office that does not
 * exist, 403 when it lies outside the user's reach (analysts their authority, managers
 * their office where `managers` allows it, admins everything). Thrown as a Response.
 */
export async function parseAnnualRequest(
  db: Db,
  user: ScopedUser,
  search: URLSearchParams,
  o: { managers: boolean; defaultFormat?: ReportFormat },
): Promise<AnnualRequest> {
  const authorityParam = search.get("authority");
  const officeParam = search.get("office");
  if ((authorityParam === null) === (officeParam === null)) throw errorResponse(400, t("report.error.scope"));
  const id = parseId(authorityParam ?? officeParam);
  if (id === null) throw errorResponse(400, t("report.error.scope"));
  const year = parseReportYear(search.get("year"));
  if (year === null) throw errorResponse(400, t("report.error.year", { from: FIRST_YEAR, to: LAST_YEAR }));
  const format = search.get("format") ?? o.defaultFormat ?? null;
  if (!isFormat(format)) throw errorResponse(400, t("report.error.format"));

  let scope: AnnualScope;
  if (authorityParam !== null) {
    const authority = await db.authority.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!authority) throw errorResponse(404, t("report.error.noAuthority"));
    scope = { authorityId: authority.id, officeId: null, name: authority.name };
  } else {
    const office = await db.office.findUnique({ where: { id }, select: { id: true, name: true, authorityId: true } });
    if (!office) throw errorResponse(404, t("report.error.noOffice"));
    scope = { authorityId: office.authorityId, officeId: office.id, name: office.name };
  }
  const allowed =
    user.role === "admin" ||
    (user.role === "analyst" && user.authorityId === scope.authorityId) ||
    (o.managers && user.role === "manager" && scope.officeId !== null && user.officeId === scope.officeId);
  if (!allowed) throw errorResponse(403, t("auth.forbidden"));
  return { scope, year, format };
}
