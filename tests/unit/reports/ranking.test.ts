import { describe, expect, it } from "vitest";
import { peerRanks } from "~/modules/reports/ranking";

describe("peerRanks", () => {
  it("ranks within each peer group, ties share a rank, offices without a value or a peer group are unranked", () => {
    const ranks = peerRanks([
      { id: 1, peerGroupId: 1, value: 90 },
      { id: 2, peerGroupId: 1, value: 95 },
      { id: 3, peerGroupId: 1, value: 90 },
      { id: 4, peerGroupId: 1, value: 80 },
      { id: 5, peerGroupId: 1, value: null },
      { id: 6, peerGroupId: 2, value: 70 },
      { id: 7, peerGroupId: null, value: 99 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({
      1: { rank: 2, of: 4 },
      2: { rank: 1, of: 4 },
      3: { rank: 2, of: 4 },
      4: { rank: 4, of: 4 },
      6: { rank: 1, of: 1 },
    });
  });
});
