import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { rebuildMonthlyStats } from "~/modules/reports/monthly-stats.server";
import { setDuplicateFlag } from "~/modules/surveys/duplicates.server";
import { submitResponse } from "~/modules/surveys/responses.server";
import { RATED } from "../support/citizen";

/** Every rated item answered, a third of them one box lower, so dimension averages are fractions. */
const answers = (value: number) => Object.fromEntries(RATED.map((name, i) => [name, i % 3 === 0 ? Math.max(1, value - 1) : value]));

async function snapshot() {
  const stats = await prisma.monthlyStat.findMany({
    orderBy: [{ officeId: "asc" }, { month: "asc" }, { versionId: "asc" }, { dimension: "asc" }],
  });
  const options = await prisma.monthlyOptionCount.findMany({
    where: { count: { not: 0 } },
    orderBy: [{ officeId: "asc" }, { month: "asc" }, { versionId: "asc" }, { dimension: "asc" }, { value: "asc" }],
  });
  return {
    // Sums of item averages are floats: kept and rebuilt values may differ in the last bits.
    stats: stats.filter((s) => s.n !== 0).map((s) => ({ ...s, sum: Number(s.sum.toFixed(9)), sumSq: Number(s.sumSq.toFixed(9)) })),
    options,
  };
}

describe("kept monthly statistics", () => {
  it("agree with a rebuild from the raw rows after submissions, a repeat from the same browser and duplicate reviews", async () => {
    const now = new Date();
    const submitted: number[] = [];
    for (const [i, value] of [5, 4, 2, 3, 1, 5].entries()) {
      const result = await submitResponse({ code: "demo", answers: answers(value), clientKey: `browser-${i % 4}`, now });
      expect(result.ok).toBe(true);
      if (result.ok) submitted.push(result.id);
    }
    // browser-0 and browser-1 answered twice within a day: their second answers are suspected duplicates.
    const flagged = await prisma.response.findMany({ where: { id: { in: submitted }, duplicate: true }, select: { id: true } });
    expect(flagged).toHaveLength(2);

    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" }, select: { id: true } });
    await setDuplicateFlag(prisma, admin.id, {}, flagged[0].id, false);
    await setDuplicateFlag(prisma, admin.id, {}, flagged[0].id, true);
    await setDuplicateFlag(prisma, admin.id, {}, flagged[1].id, false);

    const kept = await snapshot();
    const rebuilt = await rebuildMonthlyStats(prisma);
    expect(rebuilt.stats).toBeGreaterThan(1000);
    expect(await snapshot()).toEqual(kept);
  });

  it("count this month's respondents at the demo office as the raw rows do", async () => {
    const office = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { officeId: true, versionId: true } });
    const before = await prisma.monthlyStat.findMany({ where: { officeId: office.officeId, dimension: "overall" } });
    const month = before
      .map((s) => s.month)
      .sort()
      .at(-1)!;
    const raw = await prisma.response.count({
      where: { officeId: office.officeId, month, duplicate: false, answerRows: { some: { dimension: "overall" } } },
    });
    const kept = before.filter((s) => s.month === month).reduce((n, s) => n + s.n, 0);
    expect(kept).toBe(raw);
    const result = await submitResponse({ code: "demo", answers: answers(5), now: new Date() });
    expect(result.ok).toBe(true);
    const after = await prisma.monthlyStat.findMany({ where: { officeId: office.officeId, dimension: "overall", month } });
    expect(after.reduce((n, s) => n + s.n, 0)).toBe(raw + 1);
  });
});
