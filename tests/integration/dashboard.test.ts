import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/modules/org/passwords.server";
import type { DashboardData } from "~/modules/reports/dashboard.server";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";
import { loader } from "~/routes/_staff.reports._index";
import { taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { expectedFigures, expectedRank, insertResponses, ratedItems } from "../support/figures";
import { mannKendallReference, twoProportionP, Z975, Z999 } from "../support/reference-stats";
import { get, run, sessionCookie } from "../support/session";

/**
 * The analysts' dashboard loader: who sees which offices, how the filters are read and
 * refused, and every figure of one office and dimension recomputed from the raw rows.
 */

type Body = DashboardData & { error?: string };

async function load(query: string, cookie: string): Promise<{ status: number; body: Body }> {
  const res = await run(loader, get(`/reports${query ? `?${query}` : ""}`, cookie));
  return { status: res.status, body: (await res.json()) as Body };
}

const CITIZEN_ITEMS = ratedItems(citizenSatisfaction);
const now = taipeiMonth(new Date());
const year = Number(now.slice(0, 4));
const currentMonth = Number(now.slice(5, 7));
const monthsOf = (y: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${y}-${String(from + i).padStart(2, "0")}`);

let authorityId: number;
let citizenId: number;
let wanhuaId: number;
let fewId: number;
let otherOffices: number[];
const cookies = {} as Record<"analyst" | "admin" | "manager" | "evaluator" | "otherAnalyst", string>;

beforeAll(async () => {
  const wanhua = await prisma.office.findUniqueOrThrow({
    where: { name: "臺北市萬華區公所" },
    select: { id: true, authorityId: true, peerGroupId: true },
  });
  wanhuaId = wanhua.id;
  authorityId = wanhua.authorityId;
  citizenId = (await prisma.surveyDefinition.findFirstOrThrow({ where: { kind: "citizen" }, orderBy: { id: "asc" } })).id;
  const version = await prisma.surveyVersion.findFirstOrThrow({ where: { definitionId: citizenId }, select: { id: true } });
  // Yearly visitors recorded: its sampling plan gets the finite-population correction.
  await prisma.office.update({ where: { id: wanhuaId }, data: { yearlyVisitors: 20_000 } });

  // A district peer on five respondents: listed greyed, never ranked, never flagged.
  const few = await prisma.office.create({
    data: {
      name: "臺北市測試甲區公所",
      kind: "district",
      city: "臺北市",
      district: "測試區",
      authorityId,
      peerGroupId: wanhua.peerGroupId,
    },
  });
  fewId = few.id;
  const fewChannel = await prisma.channel.create({ data: { code: "dash-few", label: "測試", officeId: few.id, versionId: version.id } });
  await insertResponses({
    channelId: fewChannel.id,
    versionId: version.id,
    officeId: few.id,
    month: `${year}-01`,
    count: 5,
    items: CITIZEN_ITEMS,
    value: () => 5,
  });

  // A second authority with two district offices: never the demo analyst's, never Wanhua's peers.
  const other = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  otherOffices = [];
  for (const [i, name] of ["新北市板橋區公所", "新北市三重區公所"].entries()) {
    const office = await prisma.office.create({
      data: { name, kind: "district", city: "新北市", district: name.slice(3, 6), authorityId: other.id },
    });
    otherOffices.push(office.id);
    const channel = await prisma.channel.create({
      data: { code: `dash-other-${i}`, label: "服務台", officeId: office.id, versionId: version.id },
    });
    await insertResponses({
      channelId: channel.id,
      versionId: version.id,
      officeId: office.id,
      month: `${year}-01`,
      count: 40,
      items: CITIZEN_ITEMS,
      value: (_, k) => (k % 4 === 0 ? 2 : 5),
    });
  }
  await prisma.user.create({
    data: {
      email: "analyst@ntpc.gov.tw",
      name: "新北研考",
      role: "analyst",
      authorityId: other.id,
      passwordHash: await hashPassword("Ntpc#2026"),
    },
  });
  cookies.analyst = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
  cookies.admin = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
  cookies.manager = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
  cookies.evaluator = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
  cookies.otherAnalyst = await sessionCookie("analyst@ntpc.gov.tw", "Ntpc#2026");
});

const ids = (rows: Array<{ office: { id: number } }>) => new Set(rows.map((r) => r.office.id));

describe("who sees what on /reports", () => {
  it("shows the demo analyst their authority's offices only, never the second authority's", async () => {
    const { status, body } = await load("", cookies.analyst);
    expect(status).toBe(200);
    const own = await prisma.office.findMany({ where: { authorityId }, select: { id: true } });
    expect(ids(body.rows)).toEqual(new Set(own.map((o) => o.id)));
    const text = JSON.stringify(body);
    for (const name of ["新北市板橋區公所", "新北市三重區公所", "新北市政府民政局"]) expect(text).not.toContain(name);
    expect(body.choices.offices.map((o) => o.id).some((id) => otherOffices.includes(id))).toBe(false);
    expect(body.peers.flatMap((g) => g.points).every((p) => p.name !== null)).toBe(true);
    // Two peer groups (district, household), each with a funnel curve.
    expect(body.peers.map((g) => g.kind)).toEqual(["district", "household"]);
    expect(body.peers.every((g) => g.curve.length > 0 && g.authority === null)).toBe(true);
    expect(body.courtesy.offices.length).toBeGreaterThan(10);
    // Another authority's office is out of reach.
    expect((await load(`office=${otherOffices[0]}`, cookies.analyst)).status).toBe(403);
  });

  it("shows the other authority's analyst their two offices only, and 403 on the demo's", async () => {
    const { status, body } = await load("", cookies.otherAnalyst);
    expect(status).toBe(200);
    expect(ids(body.rows)).toEqual(new Set(otherOffices));
    expect(JSON.stringify(body)).not.toContain("臺北市");
    // Both offices answered alike: 30 of 40 satisfied each, so the pooled share is theirs.
    expect(body.rows[0].current).toMatchObject({ n: 40, satisfied: 0.75 });
    expect(body.rows[0].peerShare).toBeCloseTo(0.75, 12);
    expect((await load(`office=${wanhuaId}`, cookies.otherAnalyst)).status).toBe(403);
  });

  it("shows an admin every authority, the peer groups named by authority", async () => {
    const { status, body } = await load("kind=district", cookies.admin);
    expect(status).toBe(200);
    const all = await prisma.office.findMany({ where: { kind: "district" }, select: { id: true } });
    expect(ids(body.rows)).toEqual(new Set(all.map((o) => o.id)));
    expect(body.peers.map((g) => g.authority).sort()).toEqual(["新北市政府民政局", "臺北市政府民政局"]);
    // Peers are never mixed across authorities.
    const ntpc = body.peers.find((g) => g.authority === "新北市政府民政局")!;
    expect(ntpc.points.map((p) => p.id).sort()).toEqual([...otherOffices].sort());
  });

  it("shows a manager their own office only, beside peers that stay unnamed", async () => {
    const { status, body } = await load("", cookies.manager);
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.office.id)).toEqual([wanhuaId]);
    expect(body.sampling.map((s) => s.officeId)).toEqual([wanhuaId]);
    expect(body.courtesy.offices.map((o) => o.id)).toEqual([wanhuaId]);
    expect(body.choices.offices.map((o) => o.id)).toEqual([wanhuaId]);
    expect(body.selected?.id).toBe(wanhuaId);
    const [district] = body.peers;
    expect(body.peers).toHaveLength(1);
    const named = district.points.filter((p) => p.name !== null);
    expect(named.map((p) => p.id)).toEqual([wanhuaId]);
    // The peers are there, as unnamed points without id or rank.
    const unnamed = district.points.filter((p) => p.name === null);
    expect(unnamed.length).toBeGreaterThan(5);
    expect(unnamed.every((p) => p.id === null && p.rank === null)).toBe(true);
    // No other office's name anywhere in what the page receives.
    const others = await prisma.office.findMany({ where: { id: { not: wanhuaId } }, select: { name: true } });
    const text = JSON.stringify(body);
    expect(others.filter((o) => text.includes(o.name))).toEqual([]);
    // The rank is still among all peers.
    expect(body.rows[0].rank!.of).toBeGreaterThan(5);
    const peer = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市大安區公所" }, select: { id: true } });
    expect((await load(`office=${peer.id}`, cookies.manager)).status).toBe(403);
  });

  it("refuses evaluators with 403", async () => {
    expect((await load("", cookies.evaluator)).status).toBe(403);
  });

  it("sends a visitor without a session to the login page", async () => {
    const res = await run(loader, new Request("http://localhost/reports?year=2026"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/reports?year=2026")}`);
  });
});

describe("filters", () => {
  it("defaults to this year in Taipei from January to this month, the citizen questionnaire, overall and ±5 %", async () => {
    const { body } = await load("", cookies.analyst);
    expect(body.filters).toEqual({
      kind: null,
      office: null,
      year,
      from: 1,
      to: currentMonth,
      survey: null,
      dimension: "overall",
      margin: 5,
    });
    expect(body.months).toEqual(monthsOf(year, 1, currentMonth));
    expect(body.questionnaire?.id).toBe(citizenId);
    const roc = year - 1911;
    expect(body.periodLabel).toBe(currentMonth === 1 ? `${roc}年1月` : `${roc}年1月至${roc}年${currentMonth}月`);
    expect(body.rows.every((r) => r.dimension === "overall")).toBe(true);
  });

  it("reads every filter, and an empty value as its default", async () => {
    const { status, body } = await load(
      `kind=household&office=&year=${year - 1}&from=3&to=6&survey=${citizenId}&dimension=courtesy&margin=3`,
      cookies.analyst,
    );
    expect(status).toBe(200);
    expect(body.filters).toEqual({
      kind: "household",
      office: null,
      year: year - 1,
      from: 3,
      to: 6,
      survey: citizenId,
      dimension: "courtesy",
      margin: 3,
    });
    expect(body.months).toEqual(monthsOf(year - 1, 3, 6));
    expect(body.periodLabel).toBe(`${year - 1912}年3月至${year - 1912}年6月`);
    expect(body.previousPeriodLabel).toBe(`${year - 1913}年3月至${year - 1913}年6月`);
    expect(body.rows.length).toBe(12);
    expect(body.rows.every((r) => r.office.kind === "household" && r.dimension === "courtesy")).toBe(true);
    // ±3 % without yearly visitors: Cochran's 1,068.
    expect(body.sampling.every((s) => s.needed === 1068)).toBe(true);
    // A past year: its months to date are the whole year, so no default `to` runs short.
    expect((await load(`year=${year - 1}`, cookies.analyst)).body.filters.to).toBe(12);
  });

  it("narrows to one office with `office`, which also picks the trend's office", async () => {
    const { body } = await load(`office=${wanhuaId}&kind=district`, cookies.analyst);
    expect(body.rows.map((r) => r.office.id)).toEqual([wanhuaId]);
    expect(body.selected).toEqual({ id: wanhuaId, name: "臺北市萬華區公所" });
    // The funnel still shows the whole peer group, named for an analyst.
    expect(body.peers[0].points.length).toBeGreaterThan(10);
    expect(body.peers[0].points.filter((p) => p.listed).map((p) => p.id)).toEqual([wanhuaId]);
  });

  const BAD = [
    "kind=unknown",
    "office=abc",
    "office=0",
    "office=-3",
    "year=1999",
    "year=20x6",
    "year=99999",
    "from=0",
    "from=13",
    "to=abc",
    "from=1.5",
    "from=7&to=3",
    "survey=abc",
    "survey=0",
    "dimension=happiness",
    "margin=4",
    "margin=5.0",
    "margin=%E4%BA%94",
  ];
  it.each(BAD)("answers 400 with a zh-TW message for %s", async (query) => {
    const { status, body } = await load(query, cookies.analyst);
    expect(status).toBe(400);
    expect(body.error).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers 400 for an office of another kind than the kind picked, 404 for an unknown office or questionnaire", async () => {
    const mismatch = await load(`kind=household&office=${wanhuaId}`, cookies.analyst);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe("所選機關不屬於所選的機關類型。");
    expect((await load("office=999999", cookies.analyst)).status).toBe(404);
    const survey = await load("survey=999999", cookies.analyst);
    expect(survey.status).toBe(404);
    expect(survey.body.error).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the figures, against the raw rows", () => {
  it("gives one office's share, intervals, rank, year over year, monthly series, trend and sampling plan as recomputed", async () => {
    const dimension = "courtesy";
    const to = currentMonth;
    const months = monthsOf(year, 1, to);
    const { body } = await load(`kind=district&dimension=${dimension}&margin=5&to=${to}`, cookies.analyst);
    const row = body.rows.find((r) => r.office.id === wanhuaId)!;

    const mine = (await expectedFigures(wanhuaId, months, citizenId)).get(dimension)!;
    expect(row.current!.n).toBe(mine.n);
    expect(row.current!.satisfied).toBeCloseTo(mine.satisfied, 12);
    expect(row.current!.lower).toBeCloseTo(mine.lower, 9);
    expect(row.current!.upper).toBeCloseTo(mine.upper, 9);
    expect(row.margin95).toBeCloseTo((mine.upper - mine.lower) / 2, 9);
    expect(row.current!.score).toBeCloseTo(mine.score, 9);
    // The 0-100 mean's t interval contains the mean, about 1.97 standard errors wide on each side for n in the hundreds.
    expect(row.scoreLower!).toBeLessThan(mine.score);
    expect(row.scoreUpper!).toBeGreaterThan(mine.score);

    // Rank among the authority's district offices with 30 or more respondents, the 5-respondent office left out.
    const districts = await prisma.office.findMany({ where: { authorityId, kind: "district" }, select: { id: true } });
    const peers = await Promise.all(districts.map(async (o) => (await expectedFigures(o.id, months, citizenId)).get(dimension)));
    const eligible = peers.filter((p) => p?.sufficient).map((p) => p!.satisfied);
    expect(row.rank).toEqual(expectedRank(mine.satisfied, eligible));
    expect(row.rank!.of).toBe(12);
    const pooledX = peers.reduce((s, p) => s + (p ? p.satisfied * p.n : 0), 0);
    const pooledN = peers.reduce((s, p) => s + (p?.n ?? 0), 0);
    expect(row.peerShare).toBeCloseTo(pooledX / pooledN, 9);
    expect(row.peerN).toBe(pooledN);

    // Funnel flag against the pooled share (Spiegelhalter's normal limits).
    const p0 = pooledX / pooledN;
    const se = Math.sqrt((p0 * (1 - p0)) / mine.n);
    const point = body.peers[0].points.find((p) => p.id === wanhuaId)!;
    const flag =
      mine.satisfied > p0 + Z999 * se
        ? "above99.8"
        : mine.satisfied > p0 + Z975 * se
          ? "above95"
          : mine.satisfied < p0 - Z999 * se
            ? "below99.8"
            : mine.satisfied < p0 - Z975 * se
              ? "below95"
              : "within";
    expect(point.flag).toBe(flag);
    expect(point.limits!.upper95).toBeCloseTo(Math.min(1, p0 + Z975 * se), 9);

    // Year over year against the same months a year earlier.
    const before = (await expectedFigures(wanhuaId, monthsOf(year - 1, 1, to), citizenId)).get(dimension)!;
    expect(row.previous!.n).toBe(before.n);
    expect(row.yoy!.diff).toBeCloseTo(mine.satisfied - before.satisfied, 9);
    const x1 = Math.round(mine.satisfied * mine.n);
    const x2 = Math.round(before.satisfied * before.n);
    expect(row.yoy!.p!).toBeCloseTo(twoProportionP(x1, mine.n, x2, before.n), 6);
    expect(row.yoy!.pHolm!).toBeGreaterThanOrEqual(row.yoy!.p!);

    // Monthly series with its p-chart, and the Mann–Kendall trend over the monthly shares.
    const monthly = (
      await Promise.all(months.map(async (m) => ({ m, f: (await expectedFigures(wanhuaId, [m], citizenId)).get(dimension) })))
    ).filter((x) => x.f);
    expect(row.monthly.map((p) => p.month)).toEqual(monthly.map((x) => x.m));
    const centre = monthly.reduce((s, x) => s + x.f!.satisfied * x.f!.n, 0) / monthly.reduce((s, x) => s + x.f!.n, 0);
    expect(row.controlCentre).toBeCloseTo(centre, 9);
    row.monthly.forEach((p, i) => {
      const f = monthly[i].f!;
      expect(p.n).toBe(f.n);
      expect(p.share).toBeCloseTo(f.satisfied, 12);
      expect(p.lower).toBeCloseTo(f.lower, 9);
      const sigma = 3 * Math.sqrt((centre * (1 - centre)) / f.n);
      expect(p.controlUpper).toBeCloseTo(Math.min(1, centre + sigma), 9);
      expect(p.controlLower).toBeCloseTo(Math.max(0, centre - sigma), 9);
      expect(p.outOfControl).toBe(f.satisfied > Math.min(1, centre + sigma) || f.satisfied < Math.max(0, centre - sigma));
    });
    const mk = mannKendallReference(monthly.map((x) => x.f!.satisfied));
    expect(row.trend!.tau).toBeCloseTo(mk.tau, 9);
    expect(row.trend!.p).toBeCloseTo(mk.p, 5);
    expect(row.trend!.verdict).toBe(mk.p < 0.05 ? (mk.tau > 0 ? "up" : "down") : "none");

    // Sampling plan: Cochran with the finite-population correction for 20,000 yearly visitors, against this year's overall respondents.
    const n0 = (Z975 * Z975 * 0.25) / 0.05 ** 2;
    const needed = Math.ceil(n0 / (1 + (n0 - 1) / 20_000));
    const reached = (await expectedFigures(wanhuaId, monthsOf(year, 1, currentMonth), citizenId)).get("overall")!.n;
    expect(body.sampling.find((s) => s.officeId === wanhuaId)).toEqual({
      officeId: wanhuaId,
      name: "臺北市萬華區公所",
      yearlyVisitors: 20_000,
      needed,
      reached,
      done: reached >= needed,
    });
  });

  it("leaves an office under 30 respondents unranked and unflagged, and counts the answer options as stored", async () => {
    const { body } = await load(`kind=district&from=1&to=1`, cookies.analyst);
    const few = body.rows.find((r) => r.office.id === fewId)!;
    expect(few.current).toMatchObject({ n: 5, satisfied: 1, sufficient: false });
    expect(few.rank).toBeNull();
    expect(few.yoy?.significant ?? false).toBe(false);
    const point = body.peers[0].points.find((p) => p.id === fewId)!;
    expect(point).toMatchObject({ sufficient: false, flag: null, rank: null });
    const ranked = body.rows.filter((r) => r.rank !== null);
    expect(ranked.every((r) => r.current!.n >= 30 && r.rank!.of === ranked.length)).toBe(true);
    // The unranked come after the ranked.
    expect(body.rows[body.rows.length - 1].rank).toBeNull();

    // The manager's answer distribution: Wanhua's item answers per option, as the raw rows count them.
    const manager = (await load(`from=1&to=${currentMonth}`, cookies.manager)).body;
    const answers = await prisma.answer.groupBy({
      by: ["dimension", "value"],
      where: {
        officeId: wanhuaId,
        month: { in: monthsOf(year, 1, currentMonth) },
        response: { duplicate: false, version: { definitionId: citizenId } },
      },
      _count: { _all: true },
    });
    for (const a of manager.answers) {
      const counts = [1, 2, 3, 4, 5].map((v) => answers.find((x) => x.dimension === a.dimension && x.value === v)?._count._all ?? 0);
      expect(a.counts).toEqual(counts);
      expect(a.total).toBe(counts.reduce((s, c) => s + c, 0));
      a.shares.forEach((s, i) => expect(s).toBeCloseTo(counts[i] / a.total, 12));
    }
    expect(manager.answers.map((a) => a.dimension)).toEqual(["environment", "courtesy", "professionalism", "measures", "overall"]);

    // The courtesy mean of the months shown, from the scored calls themselves.
    const calls = await prisma.testCall.findMany({
      where: {
        officeId: wanhuaId,
        month: { in: monthsOf(year, 1, currentMonth) },
        status: "submitted",
        calibrationId: null,
        total: { not: null },
      },
      select: { total: true, month: true },
    });
    const shown = manager.courtesy.offices[0].figure!;
    expect(shown.n).toBe(calls.length);
    expect(shown.mean).toBeCloseTo(calls.reduce((s, c) => s + c.total!, 0) / calls.length, 9);
    const byMonth = manager.courtesy.trend.filter((m) => m.figure).map((m) => [m.month, m.figure!.n]);
    expect(Object.fromEntries(byMonth)).toEqual(
      calls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.month]: (acc[c.month] ?? 0) + 1 }), {}),
    );
  });
});
