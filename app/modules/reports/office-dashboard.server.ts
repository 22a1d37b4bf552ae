import type { Db } from "~/utils/db.server";
import { lastMonths, taipeiDate } from "~/utils/dates";
import { STANDARD_DIMENSIONS } from "~/modules/surveys/dimensions";
import { satisfactionFigure, type SatisfactionFigure } from "./satisfaction";
import { ratingStats, responseCounts, type GroupStats } from "./satisfaction.server";

const OVERALL = "overall";

function figureOf(stats: GroupStats[], officeId: number, month: string, dimension: string): SatisfactionFigure | null {
  const s = stats.find((x) => x.officeId === officeId && x.month === month && x.dimension === dimension);
  return s ? satisfactionFigure(s) : null;
}

/** Orders dimensions as the plans list them, custom ones after. */
function dimensionOrder(a: string, b: string): number {
  const rank = (d: string) => {
    const i = (STANDARD_DIMENSIONS as readonly string[]).indexOf(d);
    return i === -1 ? STANDARD_DIMENSIONS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Everything the office page shows for one month: responses, satisfaction per dimension
 * with intervals, the 12-month trend of overall satisfaction, the office's place among its
 * peers, and open follow-up cases.
 */
export async function officeDashboard(db: Db, office: { id: number; peerGroupId: number | null }, month: string, now = new Date()) {
  const months = lastMonths(month, 12);
  const peers = office.peerGroupId
    ? await db.office.findMany({ where: { peerGroupId: office.peerGroupId, active: true }, select: { id: true, name: true } })
    : [{ id: office.id, name: "" }];
  const trendStats = await ratingStats(db, [office.id], months);
  const peerStats = await ratingStats(db, peers.map((p) => p.id), [month]);
  const counts = await responseCounts(db, [office.id], [month]);

  const dimensions = [...new Set(trendStats.filter((s) => s.month === month).map((s) => s.dimension))]
    .sort(dimensionOrder)
    .map((dimension) => ({ dimension, figure: figureOf(trendStats, office.id, month, dimension) }));

  const trend = months.map((m) => ({ month: m, figure: figureOf(trendStats, office.id, m, OVERALL) }));

  const peerRanking = peers
    .map((p) => ({ officeId: p.id, name: p.name, figure: figureOf(peerStats, p.id, month, OVERALL) }))
    .sort((a, b) => (b.figure?.satisfied ?? -1) - (a.figure?.satisfied ?? -1));

  const today = taipeiDate(now);
  const followUps = await db.followUpCase.findMany({
    where: { officeId: office.id, status: { not: "resolved" } },
    orderBy: { dueDate: { sort: "asc", nulls: "last" } },
    take: 50,
    select: { id: true, reason: true, dueDate: true, status: true, createdAt: true, owner: { select: { name: true } } },
  });
  const openFollowUps = await db.followUpCase.count({ where: { officeId: office.id, status: { not: "resolved" } } });

  return {
    month,
    responses: {
      total: counts.reduce((n, c) => n + c.count, 0),
      duplicates: counts.filter((c) => c.duplicate).reduce((n, c) => n + c.count, 0),
    },
    dimensions,
    trend,
    peerRanking,
    today,
    followUps,
    openFollowUps,
  };
}
