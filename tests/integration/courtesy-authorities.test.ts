import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/modules/org/passwords.server";
import { createCalibration } from "~/modules/courtesy/calibration.server";
import * as calibrationDetail from "~/routes/_staff.courtesy.calibration.$id";
import * as calibrationList from "~/routes/_staff.courtesy.calibration._index";
import * as courtesyHome from "~/routes/_staff.courtesy._index";
import * as plans from "~/routes/_staff.courtesy.plans";
import { loader as resultsCsv } from "~/routes/courtesy.results[.]csv";
import { taipeiDate, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { loadFixtureYearsFor } from "../support/calendar-years";
import { formRequest, get, run, sessionCookie } from "../support/session";

type Summary = {
  authorityId: number;
  summary: { plan: { id: number; seed: number } | null; byStatus: Record<string, number>; evaluators: { id: number; calls: number }[] };
  ownOffice: number;
};

// The month after the seed's last plan: no authority has a plan there yet.
const seededLast = taipeiMonth(new Date());
const month = new Date(Date.UTC(Number(seededLast.slice(0, 4)), Number(seededLast.slice(5, 7)), 1)).toISOString().slice(0, 7);

let authorityA = 0;
let authorityB = 0;
let peerGroupId = 0;
let analystA = "";
let analystB = "";
let admin = "";
let evaluatorB = "";
let officesB: number[] = [];

/** A second authority with three offices in the first one's district peer group, an analyst and two evaluators. */
async function createAuthorityB() {
  const authority = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  const offices = [];
  for (const [i, district] of ["板橋區", "三重區", "中和區"].entries()) {
    const office = await prisma.office.create({
      data: {
        name: `新北市${district}公所`,
        kind: "district",
        city: "新北市",
        district,
        authorityId: authority.id,
        peerGroupId,
        phone: `02-2960-${3000 + i}`,
      },
    });
    for (const [name, numbers] of [
      ["總機", ["9"]],
      ["民政課", ["201", "202"]],
      ["社會課", ["301"]],
    ] as const) {
      const unit = await prisma.unit.create({ data: { officeId: office.id, name, isSwitchboard: name === "總機" } });
      await prisma.extension.createMany({ data: numbers.map((number) => ({ unitId: unit.id, number })) });
    }
    offices.push(office.id);
  }
  const hash = await hashPassword("NewTaipei#2026");
  await prisma.user.create({
    data: { email: "analyst@ntpc.gov.tw", name: "新北研考", role: "analyst", authorityId: authority.id, passwordHash: hash },
  });
  for (const [i, officeId] of offices.slice(0, 2).entries()) {
    await prisma.user.create({
      data: { email: `evaluator${i}@ntpc.gov.tw`, name: `新北測試員${i}`, role: "evaluator", officeId, passwordHash: hash },
    });
  }
  return { id: authority.id, offices };
}

const planPost = (cookie: string, fields: Record<string, string>) => run(plans.action, formRequest("/courtesy/plans", cookie, fields));

/** Every call of the month with the authorities of its office and evaluator, read from raw rows. */
async function monthCalls(authorityId: number) {
  return prisma.testCall.findMany({
    where: { month, office: { authorityId } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      planId: true,
      officeId: true,
      status: true,
      evaluatorId: true,
      evaluator: { select: { officeId: true, office: { select: { authorityId: true } } } },
    },
  });
}

beforeAll(async () => {
  // Next month may lie in a year no shipped calendar covers.
  await loadFixtureYearsFor(prisma, [month]);
  authorityA = (await prisma.authority.findFirstOrThrow({ select: { id: true } })).id;
  peerGroupId = (await prisma.peerGroup.findFirstOrThrow({ where: { kind: "district" }, select: { id: true } })).id;
  const b = await createAuthorityB();
  authorityB = b.id;
  officesB = b.offices;
  [analystA, analystB, admin, evaluatorB] = await Promise.all([
    sessionCookie("analyst@demo.gov.tw", "Analyst#2026"),
    sessionCookie("analyst@ntpc.gov.tw", "NewTaipei#2026"),
    sessionCookie("admin@demo.gov.tw", "Admin#2026"),
    sessionCookie("evaluator0@ntpc.gov.tw", "NewTaipei#2026"),
  ]);
});

describe("call plans belong to one authority", () => {
  it("draws each authority's plan from its own offices and evaluators; A's draw and replace leave B's plan untouched", async () => {
    expect((await planPost(analystB, { month, callsPerTarget: "1", seed: "5" })).status).toBe(200);
    const bBefore = await monthCalls(authorityB);
    const bPlans = await prisma.callPlan.findMany({ where: { authorityId: authorityB } });
    // Three offices of three units with extensions, one call each.
    expect(bBefore).toHaveLength(9);
    expect(bBefore.every((c) => c.evaluator.office?.authorityId === authorityB && c.evaluator.officeId !== c.officeId)).toBe(true);

    // A is neither blocked by B's plan nor reaches into it.
    expect((await planPost(analystA, { month, callsPerTarget: "1", seed: "6" })).status).toBe(200);
    const aCalls = await monthCalls(authorityA);
    const aTargets = await prisma.unit.count({ where: { office: { authorityId: authorityA, active: true }, extensions: { some: {} } } });
    expect(aCalls).toHaveLength(aTargets);
    expect(aCalls.every((c) => c.evaluator.office?.authorityId === authorityA)).toBe(true);
    expect(
      await prisma.testCall.count({ where: { month, officeId: { in: officesB }, evaluator: { office: { authorityId: authorityA } } } }),
    ).toBe(0);

    expect((await planPost(analystA, { month, callsPerTarget: "1", seed: "6" })).status).toBe(400);
    expect((await planPost(analystA, { month, callsPerTarget: "2", seed: "7", replace: "on" })).status).toBe(200);
    expect(await monthCalls(authorityA)).toHaveLength(aTargets * 2);
    expect(await monthCalls(authorityB)).toEqual(bBefore);
    expect(await prisma.callPlan.findMany({ where: { authorityId: authorityB } })).toEqual(bPlans);
    expect(await prisma.callPlan.count({ where: { month } })).toBe(2);
  });

  it("an analyst can neither see nor replace another authority's plan; an admin acts on the authority chosen", async () => {
    const bBefore = await monthCalls(authorityB);
    const denied = await planPost(analystA, { month, callsPerTarget: "1", seed: "9", replace: "on", authority: String(authorityB) });
    expect(denied.status).toBe(403);
    expect((await run(plans.loader, get(`/courtesy/plans?month=${month}&authority=${authorityB}`, analystA))).status).toBe(403);
    expect(await monthCalls(authorityB)).toEqual(bBefore);

    const aPlan = await prisma.callPlan.findFirstOrThrow({ where: { authorityId: authorityA, month } });
    const seen = (await (await run(plans.loader, get(`/courtesy/plans?month=${month}`, analystA))).json()) as Summary;
    expect(seen.authorityId).toBe(authorityA);
    expect(seen.summary.plan).toMatchObject({ id: aPlan.id, seed: 7 });
    const aCalls = await monthCalls(authorityA);
    expect(seen.summary.byStatus).toEqual({ planned: aCalls.length });
    const perEvaluator = new Map<number, number>();
    for (const c of aCalls) perEvaluator.set(c.evaluatorId, (perEvaluator.get(c.evaluatorId) ?? 0) + 1);
    expect(new Map(seen.summary.evaluators.map((e) => [e.id, e.calls]))).toEqual(perEvaluator);

    // An admin replaces B's plan only; an unknown authority is 404.
    const aBefore = await monthCalls(authorityA);
    expect((await planPost(admin, { month, callsPerTarget: "1", seed: "11", replace: "on", authority: String(authorityB) })).status).toBe(
      200,
    );
    expect(await monthCalls(authorityA)).toEqual(aBefore);
    expect((await prisma.callPlan.findFirstOrThrow({ where: { authorityId: authorityB, month } })).seed).toBe(11);
    expect((await planPost(admin, { month, callsPerTarget: "1", seed: "1", authority: "999999" })).status).toBe(404);
    const adminView = (await (
      await run(plans.loader, get(`/courtesy/plans?month=${month}&authority=${authorityB}`, admin))
    ).json()) as Summary;
    expect(adminView.summary.plan?.seed).toBe(11);
    expect(adminView.summary.byStatus).toEqual({ planned: (await monthCalls(authorityB)).length });
  });

  it("refuses, in zh-TW and writing nothing, an authority with no extensions, no evaluators, or only its own office's evaluator", async () => {
    const authorityC = await prisma.authority.create({ data: { name: "基隆市政府民政處" } });
    const post = () => planPost(admin, { month, callsPerTarget: "1", seed: "3", authority: String(authorityC.id) });
    const refusal = async () => {
      const res = await post();
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    };
    const before = await prisma.testCall.count();
    expect(await refusal()).toEqual({
      status: 400,
      error: "此上級機關的機關尚未設定任何分機，無法產生排程；請先至「機關管理」新增單位分機。",
    });
    const office = await prisma.office.create({
      data: {
        name: "基隆市仁愛區公所",
        kind: "district",
        city: "基隆市",
        district: "仁愛區",
        authorityId: authorityC.id,
        peerGroupId,
        phone: "02-2422-0001",
      },
    });
    const unit = await prisma.unit.create({ data: { officeId: office.id, name: "民政課" } });
    await prisma.extension.create({ data: { unitId: unit.id, number: "201" } });
    expect(await refusal()).toEqual({
      status: 400,
      error: "此上級機關尚無啟用中的測試人員，無法產生排程；請先至「使用者管理」新增測試人員。",
    });
    await prisma.user.create({
      data: {
        email: "evaluator@klcg.gov.tw",
        name: "基隆測試員",
        role: "evaluator",
        officeId: office.id,
        passwordHash: await hashPassword("Keelung#2026"),
      },
    });
    expect(await refusal()).toEqual({
      status: 400,
      error: "「基隆市仁愛區公所」只有本機關的測試人員，無法排入（測試人員不測自己的機關）；請新增其他機關的測試人員。",
    });
    expect(await prisma.testCall.count()).toBe(before);
    expect(await prisma.callPlan.count({ where: { authorityId: authorityC.id } })).toBe(0);
  });

  it("counts calls to the evaluator's own office per authority", async () => {
    // One unfair call in B: an evaluator of B calling their own office.
    const evaluator = await prisma.user.findUniqueOrThrow({
      where: { email: "evaluator0@ntpc.gov.tw" },
      select: { id: true, officeId: true },
    });
    const unit = await prisma.unit.findFirstOrThrow({ where: { officeId: evaluator.officeId!, isSwitchboard: false } });
    const scale = await prisma.courtesyScale.findFirstOrThrow({ select: { id: true } });
    await prisma.testCall.create({
      data: {
        scaleId: scale.id,
        officeId: evaluator.officeId!,
        unitId: unit.id,
        evaluatorId: evaluator.id,
        scheduledDate: `${month}-15`,
        month,
        partsTested: JSON.stringify(["unit"]),
      },
    });
    const own = async (authorityId: number) => (await monthCalls(authorityId)).filter((c) => c.evaluator.officeId === c.officeId).length;
    const ownA = await own(authorityA);
    const ownB = await own(authorityB);
    expect([ownA, ownB]).toEqual([0, 1]);
    const viewA = (await (await run(plans.loader, get(`/courtesy/plans?month=${month}`, analystA))).json()) as Summary;
    const viewB = (await (await run(plans.loader, get(`/courtesy/plans?month=${month}`, analystB))).json()) as Summary;
    expect([viewA.ownOffice, viewB.ownOffice]).toEqual([ownA, ownB]);
  });
});

describe("mutual-testing pairs stay within an authority", () => {
  it("pairs a shared peer group per authority; A's replace leaves B's pairs alone", async () => {
    const post = (cookie: string, fields: Record<string, string>) =>
      planPost(cookie, { intent: "mutual", month, group: String(peerGroupId), ...fields });
    expect((await post(analystB, { seed: "3" })).status).toBe(200);
    const bPairs = await prisma.mutualPair.findMany({ where: { month, tester: { authorityId: authorityB } }, orderBy: { id: "asc" } });
    expect(bPairs).toHaveLength(officesB.length);
    expect((await post(analystA, { seed: "4" })).status).toBe(200);
    expect((await post(analystA, { seed: "4" })).status).toBe(400);
    expect((await post(analystA, { seed: "5", replace: "on" })).status).toBe(200);
    expect(await prisma.mutualPair.findMany({ where: { month, tester: { authorityId: authorityB } }, orderBy: { id: "asc" } })).toEqual(
      bPairs,
    );
    const crossing = await prisma.mutualPair.findMany({
      where: { month },
      select: { tester: { select: { authorityId: true } }, tested: { select: { authorityId: true } } },
    });
    expect(crossing.filter((p) => p.tester.authorityId !== p.tested.authorityId)).toEqual([]);
  });
});

describe("other courtesy pages of a second authority", () => {
  it("shows B's analyst only B's scored calls and exports only B's calls", async () => {
    // A scored call in B this month, beside the demo authority's seeded ones.
    const evaluator = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator1@ntpc.gov.tw" }, select: { id: true } });
    const unit = await prisma.unit.findFirstOrThrow({ where: { officeId: officesB[2], isSwitchboard: false } });
    const scale = await prisma.courtesyScale.findFirstOrThrow({ select: { id: true } });
    const today = taipeiDate(new Date());
    const call = await prisma.testCall.create({
      data: {
        scaleId: scale.id,
        officeId: officesB[2],
        unitId: unit.id,
        evaluatorId: evaluator.id,
        scheduledDate: today,
        month: today.slice(0, 7),
        partsTested: JSON.stringify(["unit"]),
        status: "submitted",
        total: 88,
        band: "良好",
        submittedAt: new Date(),
      },
    });
    const home = (await (await run(courtesyHome.loader, get(`/courtesy?month=${today.slice(0, 7)}`, analystB))).json()) as {
      calls: { id: number }[];
    };
    expect(home.calls.map((c) => c.id)).toEqual([call.id]);
    const homeA = (await (await run(courtesyHome.loader, get(`/courtesy?month=${today.slice(0, 7)}`, analystA))).json()) as {
      calls: { id: number }[];
    };
    expect(homeA.calls.map((c) => c.id)).not.toContain(call.id);

    const csvB = await (await run(resultsCsv, get(`/courtesy/results.csv?month=${today.slice(0, 7)}`, analystB))).text();
    expect(
      csvB
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual([String(call.id)]);
    const csvA = await (await run(resultsCsv, get(`/courtesy/results.csv?month=${today.slice(0, 7)}`, analystA))).text();
    expect(csvA).not.toContain("新北市");
  });

  it("keeps A's calibration sessions from B's evaluators", async () => {
    const analyst = await prisma.user.findUniqueOrThrow({
      where: { email: "analyst@demo.gov.tw" },
      select: { id: true, role: true, authorityId: true, officeId: true },
    });
    const office = await prisma.office.findFirstOrThrow({ where: { authorityId: authorityA }, select: { id: true } });
    const session = await createCalibration(prisma, analyst, { title: "臺北場次", scenario: "情境", officeId: office.id, parts: "unit" });
    const listed = (await (await run(calibrationList.loader, get("/courtesy/calibration", evaluatorB))).json()) as {
      sessions: { id: number }[];
    };
    expect(listed.sessions.map((s) => s.id)).not.toContain(session.id);
    expect(
      (await run(calibrationDetail.loader, get(`/courtesy/calibration/${session.id}`, evaluatorB), { id: String(session.id) })).status,
    ).toBe(404);
    const demoEvaluator = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    const listedA = (await (await run(calibrationList.loader, get("/courtesy/calibration", demoEvaluator))).json()) as {
      sessions: { id: number }[];
    };
    expect(listedA.sessions.map((s) => s.id)).toContain(session.id);
  });
});
