import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { peerRanks } from "./ranking";
import { peerUniverse } from "./ranking.server";
import { addRatingStats, rankableShare, satisfactionFigure, type RatingStats, type SatisfactionFigure } from "./satisfaction";

export type GroupStats = RatingStats & { officeId: number; month: string; dimension: string };

/**
 * Sufficient statistics per office × month × dimension of one questionnaire, aggregated
 * in SQL so a report's cost grows with offices × months, not with responses. Figures are
 * per questionnaire: another questionnaire's items measure other people (staff, event
 * visitors) and must not mix into them. The unit is the respondent: a dimension's items
 * are averaged per response first (items of one person are not independent, so counting
 * answers would overstate n), and a respondent is satisfied when that average reaches
 * the top two boxes. Suspected duplicates are left out.
 */
export async function ratingStats(db: Db, definitionId: number, officeIds: number[], months: string[]): Promise<GroupStats[]> {
  if (officeIds.length === 0 || months.length === 0) return [];
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT p."officeId" AS "officeId", p."month" AS "month", p."dimension" AS "dimension",
           COUNT(*) AS "n",
           SUM(CASE WHEN p."score" >= p."scaleMax" - 1 THEN 1 ELSE 0 END) AS "satisfied",
           SUM(p."score") AS "sum",
           SUM(p."score" * p."score") AS "sumSq",
           MIN(p."scaleMin") AS "scaleMin",
           MAX(p."scaleMax") AS "scaleMax"
    FROM (
      SELECT a."officeId" AS "officeId", a."month" AS "month", a."dimension" AS "dimension",
             AVG(a."value" * 1.0) AS "score", MIN(a."scaleMin") AS "scaleMin", MAX(a."scaleMax") AS "scaleMax"
      FROM "Answer" a
      JOIN "Response" r ON r."id" = a."responseId"
      JOIN "SurveyVersion" v ON v."id" = r."versionId"
      WHERE a."officeId" IN (${Prisma.join(officeIds)})
        AND a."month" IN (${Prisma.join(months)})
        AND v."definitionId" = ${definitionId}
        AND r."duplicate" = false
      GROUP BY a."responseId", a."officeId", a."month", a."dimension"
    ) p
    GROUP BY p."officeId", p."month", p."dimension"`;
  return rows.map((r) => ({
    officeId: Number(r.officeId),
    month: String(r.month),
    dimension: String(r.dimension),
    n: Number(r.n),
    satisfied: Number(r.satisfied),
    sum: Number(r.sum),
    sumSq: Number(r.sumSq),
    scaleMin: Number(r.scaleMin),
    scaleMax: Number(r.scaleMax),
  }));
}

/** office id → dimension → figure over all the months given (their statistics pooled). */
export type PeriodFigures = Map<number, Map<string, SatisfactionFigure>>;

/** The figures of a period: the one computation behind the office page and the overview. */
export async function periodFigures(db: Db, definitionId: number, officeIds: number[], months: string[]): Promise<PeriodFigures> {
  const pooled = new Map<number, Map<string, RatingStats>>();
  for (const s of await ratingStats(db, definitionId, officeIds, months)) {
    const office = pooled.get(s.officeId) ?? new Map<string, RatingStats>();
    const before = office.get(s.dimension);
    office.set(s.dimension, before ? addRatingStats(before, s) : s);
    pooled.set(s.officeId, office);
  }
  const out: PeriodFigures = new Map();
  for (const [officeId, dims] of pooled) {
    const figures = new Map<string, SatisfactionFigure>();
    for (const [dimension, stats] of dims) {
      const figure = satisfactionFigure(stats);
      if (figure) figures.set(dimension, figure);
    }
    out.set(officeId, figures);
  }
  return out;
}

export const OVERALL = "overall";

/**
 * Overall satisfaction of each office listed, with its rank among all peers of its peer
 * group, including peers the user cannot see (they learn a place, not the others'
 * figures). Offices under MIN_RESPONDENTS or without data get no rank and do not count
 * among the ranked.
 */
export async function overallWithRanks(
  db: Db,
  definitionId: number,
  offices: Array<{ id: number; peerGroupId: number | null }>,
  months: string[],
) {
  const everyone = await peerUniverse(db, offices);
  const figures = await periodFigures(db, definitionId, [...everyone.keys()], months);
  const overall = (id: number) => figures.get(id)?.get(OVERALL) ?? null;
  const ranks = peerRanks([...everyone].map(([id, peerGroupId]) => ({ id, peerGroupId, value: rankableShare(overall(id)) })));
  return new Map(offices.map((o) => [o.id, { figure: overall(o.id), rank: ranks.get(o.id) ?? null }]));
}

/** Responses to one questionnaire at one office over the months, and how many are suspected duplicates. */
export async function responseCount(db: Db, definitionId: number, officeId: number, months: string[]) {
  const rows = await db.response.groupBy({
    by: ["duplicate"],
    where: { officeId, month: { in: months }, version: { definitionId } },
    _count: { _all: true },
  });
  return {
    total: rows.reduce((n, r) => n + r._count._all, 0),
    duplicates: rows.filter((r) => r.duplicate).reduce((n, r) => n + r._count._all, 0),
  };
}
