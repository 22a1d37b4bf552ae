import { t } from "~/locales";
import { forbidden, requireOfficeAccess, type SessionUser } from "~/modules/org/auth.server";
import { OFFICE_KINDS } from "~/modules/org/office-kinds";
import { officeScope } from "~/modules/org/roles";
import { taipeiMonth } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";
import { parseId } from "~/utils/ids";
import { FIRST_YEAR, LAST_YEAR, parseReportYear } from "./annual-request.server";
import { DASHBOARD_DIMENSIONS, lastMonthSoFar, MARGIN_CHOICES, type DashboardFilters, type MarginChoice } from "./dashboard";
import { answeredQuestionnaires } from "./questionnaires.server";

const MONTH = /^(0?[1-9]|1[0-2])$/;

/** A GET form sends an empty value for 「全部」; that and a missing parameter both mean the default. */
function param(search: URLSearchParams, name: string): string | null {
  const value = search.get(name);
  return value === null || value === "" ? null : value;
}

function bad(message: string): never {
  throw errorResponse(400, message);
}

/**
 * The dashboard's filters from the query string, each checked (400 with a zh-TW message
 * naming the parameter) and defaulted: the current year in Taipei, January to the current
 * month (to December for another year), the citizen questionnaire, overall, ±5 %.
 */
export function parseDashboardFilters(search: URLSearchParams, now: Date): DashboardFilters {
  const kind = param(search, "kind");
  if (kind !== null && !(OFFICE_KINDS as readonly string[]).includes(kind)) bad(t("dashboard.error.kind"));
  const officeParam = param(search, "office");
  const office = officeParam === null ? null : parseId(officeParam);
  if (officeParam !== null && office === null) bad(t("dashboard.error.office"));
  const yearParam = param(search, "year");
  const year = yearParam === null ? Number(taipeiMonth(now).slice(0, 4)) : parseReportYear(yearParam);
  if (year === null) bad(t("report.error.year", { from: FIRST_YEAR, to: LAST_YEAR }));
  const fromParam = param(search, "from");
  const toParam = param(search, "to");
  if ((fromParam !== null && !MONTH.test(fromParam)) || (toParam !== null && !MONTH.test(toParam))) bad(t("dashboard.error.months"));
  const from = fromParam === null ? 1 : Number(fromParam);
  // Without `to`, the period runs to the latest month the year has had (at least to `from`).
  const to = toParam === null ? Math.max(from, lastMonthSoFar(year, now) || 12) : Number(toParam);
  if (from > to) bad(t("dashboard.error.monthOrder"));
  const surveyParam = param(search, "survey");
  const survey = surveyParam === null ? null : parseId(surveyParam);
  if (surveyParam !== null && survey === null) bad(t("dashboard.error.survey"));
  const dimension = param(search, "dimension") ?? "overall";
  if (!(DASHBOARD_DIMENSIONS as readonly string[]).includes(dimension)) bad(t("dashboard.error.dimension"));
  const marginParam = param(search, "margin") ?? "5";
  const margin = Number(marginParam) as MarginChoice;
  if (!/^\d$/.test(marginParam) || !MARGIN_CHOICES.includes(margin)) bad(t("dashboard.error.margin"));
  return { kind, office, year, from, to, survey, dimension, margin };
}

/**
 * What a dashboard request asks for, checked in order of concern: the filters (400),
 * the office picked (404 unknown, 403 out of reach), an office of another kind than the
 * kind picked (400), the questionnaire among those answered in the user's offices (404).
 * A manager's office is picked for them.
 */
export async function dashboardRequest(db: Db, user: SessionUser, search: URLSearchParams, now: Date) {
  const scope = officeScope(user) ?? forbidden();
  const filters = parseDashboardFilters(search, now);
  const officeId = filters.office ?? (user.role === "manager" ? user.officeId : null);
  const office = officeId === null ? null : await requireOfficeAccess(user, officeId);
  if (office && filters.kind !== null && office.kind !== filters.kind) bad(t("dashboard.error.kindMismatch"));
  const questionnaires = await answeredQuestionnaires(db, scope);
  const questionnaire = filters.survey === null ? (questionnaires[0] ?? null) : questionnaires.find((q) => q.id === filters.survey);
  if (questionnaire === undefined) throw errorResponse(404, t("dashboard.error.noSurvey"));
  return { scope, filters, office, questionnaires, questionnaire };
}
