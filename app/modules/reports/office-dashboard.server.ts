import type { Db } from "~/utils/db.server";
import { lastMonths, taipeiDate } from "~/utils/dates";
import { STANDARD_DIMENSIONS } from "~/modules/surveys/dimensions";
import { periodMonths, type SurveyPeriod } from "./period";
import { byRank } from "./ranking";
import { satisfactionFigure } from "./satisfaction";
import { OVERALL, overallWithRanks, periodFigures, ratingStats, responseCount } from "./satisfaction.server";
import { questionnaireResults, type Questionnaire } from "./questionnaires.server";

/** Orders dimensions as the plans list them, custom ones after. */
function dimensionOrder(a: string, b: string): number {
  const rank = (d: string) => {
    const i = (STANDARD_DIMENSIONS as readonly string[]).indexOf(d);
    return i === -1 ? STANDARD_DIMENSIONS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

type DashboardOffice = { id: number; name: string; peerGroupId: number | null };

/**
 * A citizen questionnaire's figures for one office: satisfaction per dimension with
 * intervals, the 12-month trend of overall satisfaction up to the period's last month,
 * and the office's place among the peers the user may see.
 */
async function dimensionFigures(db: Db, scope: object, office: DashboardOffice, definitionId: number, period: SurveyPeriod) {
  const months = periodMonths(period);
  const figures = (await periodFigures(db, definitionId, [office.id], months)).get(office.id) ?? new Map();
  const dimensions = [...figures.keys()].sort(dimensionOrder).map((dimension) => ({ dimension, figure: figures.get(dimension)! }));

  const trendMonths = lastMonths(period.month, 12);
  const trendStats = (await ratingStats(db, definitionId, [office.id], trendMonths)).filter((s) => s.dimension === OVERALL);
  const trend = trendMonths.map((month) => {
    const s = trendStats.find((x) => x.month === month);
    return { month, figure: s ? satisfactionFigure(s) : null };
  });

  // An office without a peer group has nobody to be compared with.
  const visiblePeers = office.peerGroupId
    ? await db.office.findMany({
        where: { ...scope, peerGroupId: office.peerGroupId, active: true },
        select: { id: true, name: true, peerGroupId: true },
      })
    : [];
  const listed = office.peerGroupId && !visiblePeers.some((p) => p.id === office.id) ? [office, ...visiblePeers] : visiblePeers;
  const ranked = await overallWithRanks(db, definitionId, listed, months);
  const peerRanking = listed.map((p) => ({ officeId: p.id, name: p.name, ...ranked.get(p.id)! })).sort(byRank);
  return { dimensions, trend, peerRanking };
}

/**
 * Everything the office page shows for one questionnaire and period: responses, the
 * figures (dimensions for the citizen questionnaire, answer distributions for any other)
 * and open follow-up cases. `scope` limits which peers are listed by name.
 */
export async function officeDashboard(
  db: Db,
  scope: object,
  office: DashboardOffice,
  questionnaire: Questionnaire | null,
  period: SurveyPeriod,
  now = new Date(),
) {
  const months = periodMonths(period);
  const today = taipeiDate(now);
  const followUps = await db.followUpCase.findMany({
    where: { officeId: office.id, status: { not: "resolved" } },
    orderBy: { dueDate: { sort: "asc", nulls: "last" } },
    take: 50,
    select: { id: true, reason: true, dueDate: true, status: true, createdAt: true, owner: { select: { name: true } } },
  });
  const openFollowUps = await db.followUpCase.count({ where: { officeId: office.id, status: { not: "resolved" } } });
  // A case without a due date is never overdue; `lt` leaves nulls out.
  const overdueFollowUps = await db.followUpCase.count({
    where: { officeId: office.id, status: { not: "resolved" }, dueDate: { lt: today } },
  });

  const id = questionnaire?.id;
  return {
    responses: id === undefined ? { total: 0, duplicates: 0 } : await responseCount(db, id, office.id, months),
    figures: id !== undefined && questionnaire?.kind === "citizen" ? await dimensionFigures(db, scope, office, id, period) : null,
    distributions: id !== undefined && questionnaire?.kind !== "citizen" ? await questionnaireResults(db, id, office.id, months) : null,
    today,
    followUps,
    openFollowUps,
    overdueFollowUps,
  };
}
