import { t } from "~/locales";
import { STANDARD_DIMENSIONS } from "~/modules/surveys/dimensions";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { AnnualScope } from "./annual-request.server";
import { loadPeerFigures, REPORT_OFFICE_SELECT, yearMonths } from "./peer-figures.server";
import { citizenQuestionnaire } from "./questionnaires.server";

/**
 * The offices an annual report lists: an authority's offices, or the one office. A closed
 * office stays in the report of a year in which it still had respondents.
 */
export async function reportOffices(db: Db, scope: AnnualScope, year: number) {
  const months = [...yearMonths(year - 1), ...yearMonths(year)];
  return db.office.findMany({
    where: {
      ...(scope.officeId === null ? { authorityId: scope.authorityId } : { id: scope.officeId }),
      OR: [{ active: true }, { responses: { some: { month: { in: months } } } }],
    },
    select: REPORT_OFFICE_SELECT,
    orderBy: [{ kind: "asc" }, { id: "asc" }],
  });
}

/** The main table of the annual report: every office × standard dimension over the calendar year against the year before. */
export async function annualFigures(db: Db, scope: AnnualScope, year: number) {
  const questionnaire = await citizenQuestionnaire(db);
  if (!questionnaire) throw new AppError(404, t("report.error.noQuestionnaire"));
  const listed = await reportOffices(db, scope, year);
  const rows = await loadPeerFigures(db, {
    listed,
    definitionId: questionnaire.id,
    months: yearMonths(year),
    dimensions: [...STANDARD_DIMENSIONS],
  });
  return { questionnaire, offices: listed, rows };
}
