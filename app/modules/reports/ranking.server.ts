import type { Db } from "~/utils/db.server";

type PeerOffice = { id: number; peerGroupId: number | null };

/**
 * The offices listed and every other member of their peer groups, id → peer group. A
 * rank is a place among all peers, also those the user may not see or that have since
 * closed but were there in the period, so the same office gets the same rank for everyone.
 */
export async function peerUniverse(db: Db, offices: PeerOffice[]): Promise<Map<number, number | null>> {
  const groupIds = [...new Set(offices.map((o) => o.peerGroupId).filter((id): id is number => id !== null))];
  const peers = groupIds.length
    ? await db.office.findMany({ where: { peerGroupId: { in: groupIds } }, select: { id: true, peerGroupId: true } })
    : [];
  return new Map([...peers, ...offices].map((o) => [o.id, o.peerGroupId]));
}
