import type { Db } from "~/utils/db.server";
import { byRank } from "./ranking";
import { overallWithRanks } from "./satisfaction.server";

/**
 * Offices the user may see, grouped by peer group and ordered by rank, with the citizen
 * questionnaire's overall satisfaction over the months and each office's rank among its
 * peers (the same figure and rank the office page shows).
 */
export async function officeOverview(db: Db, scope: object, definitionId: number | null, months: string[]) {
  const offices = await db.office.findMany({
    where: { ...scope, active: true },
    select: { id: true, name: true, peerGroupId: true, peerGroup: { select: { name: true } } },
    orderBy: [{ peerGroupId: "asc" }, { id: "asc" }],
  });
  const ids = offices.map((o) => o.id);
  // Without a citizen questionnaire there is nothing to compare.
  const ranked: Awaited<ReturnType<typeof overallWithRanks>> =
    definitionId === null ? new Map() : await overallWithRanks(db, definitionId, offices, months);
  const open = await db.followUpCase.groupBy({
    by: ["officeId"],
    where: { officeId: { in: ids }, status: { not: "resolved" } },
    _count: { _all: true },
  });
  return offices
    .map((o) => ({
      id: o.id,
      name: o.name,
      peerGroup: o.peerGroup?.name ?? "",
      figure: ranked.get(o.id)?.figure ?? null,
      rank: ranked.get(o.id)?.rank ?? null,
      openFollowUps: open.find((x) => x.officeId === o.id)?._count._all ?? 0,
    }))
    .sort((a, b) => a.peerGroup.localeCompare(b.peerGroup) || byRank(a, b));
}
