import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/modules/org/passwords.server";
import { loader as resultsPage } from "~/routes/_staff.courtesy.results";
import { lastMonths } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { expectedRank } from "../support/figures";
import { sessionCookie } from "../support/session";

async function results(query: string, cookie: string) {
  const res = (await resultsPage({
    request: new Request(`http://localhost/courtesy/results?${query}`, { headers: { Cookie: cookie } }),
    params: {},
    context: {},
  })) as Response;
  return res.json();
}

type Row = { id: number; figure: { n: number; mean: number } | null; rank: { rank: number; of: number } | null };

let month: string;
let fewCallsOffice: number;
let otherAuthorityOffice: number;

beforeAll(async () => {
  // The latest complete month of the seeded calls: the one before the latest month holding any.
  const latest = await prisma.testCall.findFirstOrThrow({
    where: { status: "submitted" },
    orderBy: { month: "desc" },
    select: { month: true },
  });
  month = lastMonths(latest.month, 2)[0];
  const district = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市信義區公所" }, select: { id: true, peerGroupId: true } });

  // Two perfect calls: the best mean of the month, yet too few calls to be ranked.
  fewCallsOffice = district.id;
  const calls = await prisma.testCall.findMany({
    where: { officeId: district.id, month, status: "submitted", calibrationId: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  expect(calls.length).toBeGreaterThan(2);
  await prisma.testCall.updateMany({ where: { id: { in: calls.slice(0, 2).map((c) => c.id) } }, data: { total: 100, band: "優良" } });
  await prisma.testCall.updateMany({ where: { id: { in: calls.slice(2).map((c) => c.id) } }, data: { status: "draft" } });

  // A peer of another authority with three perfect calls: first place, hidden from the first authority.
  const authority = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  const other = await prisma.office.create({
    data: {
      name: "新北市測試區公所",
      kind: "district",
      city: "新北市",
      district: "測試區",
      authorityId: authority.id,
      peerGroupId: district.peerGroupId,
    },
  });
  otherAuthorityOffice = other.id;
  const template = await prisma.testCall.findFirstOrThrow({
    where: { officeId: district.id, month },
    select: { scaleId: true, evaluatorId: true, scheduledDate: true, marks: true, partsTested: true },
  });
  for (let i = 0; i < 3; i += 1) {
    await prisma.testCall.create({ data: { ...template, officeId: other.id, month, status: "submitted", total: 100, band: "優良" } });
  }
  await prisma.user.create({
    data: {
      email: "analyst.ntpc@demo.gov.tw",
      name: "新北研考",
      role: "analyst",
      authorityId: authority.id,
      passwordHash: await hashPassword("Analyst#2026"),
    },
  });
});

describe("courtesy results peer rank", () => {
  it("ranks offices with at least 3 scored calls by mean, highest first, among all peers", async () => {
    const body = await results(`month=${month}`, await sessionCookie("analyst@demo.gov.tw", "Analyst#2026"));
    const offices = await prisma.office.findMany({ select: { id: true, peerGroupId: true } });
    const calls = await prisma.testCall.findMany({
      where: { month, status: "submitted", calibrationId: null, total: { not: null } },
      select: { officeId: true, total: true },
    });
    const totals = (id: number) => calls.filter((c) => c.officeId === id).map((c) => c.total!);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

    const rows = body.offices as Row[];
    expect(rows.some((r) => r.id === otherAuthorityOffice)).toBe(false);
    let ranked = 0;
    for (const row of rows) {
      const mine = totals(row.id);
      expect(row.figure?.n ?? 0).toBe(mine.length);
      const group = offices.find((o) => o.id === row.id)!.peerGroupId;
      const eligible = offices.filter((o) => o.peerGroupId === group && totals(o.id).length >= 3).map((o) => mean(totals(o.id)));
      if (mine.length >= 3) {
        expect(row.rank).toEqual(expectedRank(mean(mine), eligible));
        ranked += 1;
      } else {
        expect(row.rank).toBeNull();
      }
    }
    expect(ranked).toBeGreaterThan(10);
    // The two perfect calls stay unranked; the hidden peer's three take first place.
    expect(rows.find((r) => r.id === fewCallsOffice)).toMatchObject({ figure: { n: 2, mean: 100 }, rank: null });
    const district = offices.find((o) => o.id === fewCallsOffice)!.peerGroupId;
    const districtRanked = rows.filter((r) => r.rank !== null && offices.find((o) => o.id === r.id)!.peerGroupId === district);
    expect(districtRanked.every((r) => r.rank!.rank > 1 || mean(totals(r.id)) === 100)).toBe(true);

    const other = await results(`month=${month}`, await sessionCookie("analyst.ntpc@demo.gov.tw", "Analyst#2026"));
    expect(other.offices.map((o: Row) => o.id)).toEqual([otherAuthorityOffice]);
    expect(other.offices[0].rank).toEqual({ rank: 1, of: districtRanked[0].rank!.of });
  });
});
