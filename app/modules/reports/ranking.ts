/**
 * Competition ranks (1, 2, 2, 4), highest value first, within each peer group (同性質機關).
 * An office whose value is null (no data, or too few observations to be ordered by more
 * than noise) gets no rank and is not counted in `of`, the number of ranked peers. An
 * office without a peer group has nobody to be compared with, so it is not ranked either.
 */
export function peerRanks(
  offices: Array<{ id: number; peerGroupId: number | null; value: number | null }>,
): Map<number, { rank: number; of: number }> {
  const groups = new Map<number, Array<{ id: number; value: number }>>();
  for (const o of offices) {
    if (o.value === null || o.peerGroupId === null) continue;
    groups.set(o.peerGroupId, [...(groups.get(o.peerGroupId) ?? []), { id: o.id, value: o.value }]);
  }
  const ranks = new Map<number, { rank: number; of: number }>();
  for (const members of groups.values()) {
    for (const m of members) {
      ranks.set(m.id, { rank: 1 + members.filter((x) => x.value > m.value).length, of: members.length });
    }
  }
  return ranks;
}

type RankedRow = { rank: { rank: number } | null; figure: { n: number } | null; name: string };

/** Ranked offices by place, then the unranked by sample size, then by name. */
export function byRank(a: RankedRow, b: RankedRow): number {
  if (a.rank && b.rank) return a.rank.rank - b.rank.rank || a.name.localeCompare(b.name);
  if (a.rank || b.rank) return a.rank ? -1 : 1;
  return (b.figure?.n ?? 0) - (a.figure?.n ?? 0) || a.name.localeCompare(b.name);
}
