import type { Db } from "~/utils/db.server";
import { monthlyStats, type StatRow } from "./monthly-stats.server";
import { peerRanks } from "./ranking";
import { peerUniverse } from "./ranking.server";
import { addRatingStats, rankableShare, satisfactionFigure, type RatingStats, type SatisfactionFigure } from "./satisfaction";

export type GroupStats = StatRow;

/**
 * Sufficient statistics per office × month × dimension of one questionnaire, read from
 * the kept monthly statistics so a report's cost grows with offices × months, not with
 * responses. Figures are per questionnaire: another questionnaire's items measure other
 * people (staff, event visitors) and must not mix into them. Suspected duplicates are
 * already left out of the kept statistics.
 */
export function ratingStats(db: Db, definitionId: number, officeIds: number[], months: string[]): Promise<GroupStats[]> {
  return monthlyStats(db, definitionId, officeIds, months);
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
