import type { Db } from "~/utils/db.server";
import { monthlyStats } from "./monthly-stats.server";
import { peerFigures, peerKey, type OfficeFigure, type ReportOffice } from "./peer-figures";

export const REPORT_OFFICE_SELECT = { id: true, name: true, kind: true, authorityId: true, yearlyVisitors: true, active: true } as const;

/** The same month a year earlier: 2026-03 → 2025-03. */
export function yearEarlier(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

/** The twelve months of a calendar year. */
export function yearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/**
 * Figures of the offices listed over `months` against the same months a year earlier,
 * each beside every peer of its peer group (same authority and kind), also peers the
 * user cannot see or that have since closed: a pooled share, a rank and Holm's
 * adjustment are only the same for everyone when taken over the whole group.
 * `toDateMonths` adds each figure's respondents over those months (`toDateN`);
 * `withPeers` returns the peers' rows too (for a funnel plot), not only the listed offices'.
 */
export async function loadPeerFigures(
  db: Db,
  q: {
    listed: ReportOffice[];
    definitionId: number;
    months: string[];
    dimensions: string[];
    toDateMonths?: string[];
    withPeers?: boolean;
  },
): Promise<OfficeFigure[]> {
  if (q.listed.length === 0) return [];
  const keys = [...new Set(q.listed.map(peerKey))];
  const universe = await db.office.findMany({
    where: { OR: keys.map((k) => ({ authorityId: Number(k.split(":")[0]), kind: k.slice(k.indexOf(":") + 1) })) },
    select: REPORT_OFFICE_SELECT,
    orderBy: { id: "asc" },
  });
  const ids = universe.map((o) => o.id);
  const toDateMonths = q.toDateMonths ?? [];
  // The period and the months to date mostly overlap, so both come from one read.
  const [read, previous] = await Promise.all([
    monthlyStats(db, q.definitionId, ids, [...new Set([...q.months, ...toDateMonths])]),
    monthlyStats(db, q.definitionId, ids, q.months.map(yearEarlier)),
  ]);
  const current = read.filter((c) => q.months.includes(c.month));
  const toDate = q.toDateMonths ? read.filter((c) => toDateMonths.includes(c.month)) : undefined;
  const listed = new Set(q.listed.map((o) => o.id));
  return peerFigures({ offices: universe, dimensions: q.dimensions, current, previous, toDate }).filter(
    (r) => q.withPeers || listed.has(r.office.id),
  );
}
