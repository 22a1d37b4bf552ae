import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createApiToken } from "~/modules/org/tokens.server";
import { loader } from "~/routes/api.v1.reports.annual";
import { insertResponses, parseCsv, ratedItems, respondents, yearMonths as months, wilson } from "../support/figures";
import { holm, mannKendallReference, twoProportionP, Z975, Z999 } from "../support/reference-stats";

const HEADER =
  "office_id,office_name,office_kind,year,dimension,n,top2_share,ci95_low,ci95_high,margin95,mean100,prev_n,prev_top2_share,yoy_diff,yoy_p,yoy_p_holm,peer_top2_share,funnel_flag,mk_tau,mk_p";

async function tokenFor(email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return createApiToken(prisma, user.id, "test");
}

async function get(query: string, token?: string): Promise<Response> {
  const request = new Request(`http://localhost/api/v1/reports/annual?${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  try {
    return await loader({ request, params: {}, context: { clientIp: `10.3.${Math.floor(Math.random() * 250)}.1` } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

let year: number;
let authorityId: number;
let otherAuthorityId: number;
let otherOfficeId: number;

beforeAll(async () => {
  const latest = await prisma.response.findFirstOrThrow({ orderBy: { month: "desc" }, select: { month: true } });
  year = Number(latest.month.slice(0, 4));
  authorityId = (await prisma.authority.findFirstOrThrow({ select: { id: true } })).id;
  // A second authority of district offices: never the first one's peers, never in its file.
  const other = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  otherAuthorityId = other.id;
  const version = await prisma.surveyVersion.findFirstOrThrow({
    where: { definition: { kind: "citizen" } },
    select: { id: true, json: true },
  });
  const items = ratedItems(JSON.parse(version.json));
  for (const [i, name] of ["新北市板橋區公所", "新北市三重區公所"].entries()) {
    const office = await prisma.office.create({
      data: { name, kind: "district", city: "新北市", district: name.slice(3, 6), authorityId: other.id },
    });
    if (i === 0) otherOfficeId = office.id;
    const channel = await prisma.channel.create({
      data: { code: `other-${i}`, label: "服務台", officeId: office.id, versionId: version.id },
    });
    for (const month of [`${year}-01`, `${year}-02`]) {
      await insertResponses({
        channelId: channel.id,
        versionId: version.id,
        officeId: office.id,
        month,
        count: 40,
        items,
        value: (_, k) => (k % 4 === 0 ? 2 : 5),
      });
    }
  }
  await prisma.user.create({
    data: { email: "analyst@ntpc.gov.tw", name: "新北研考", role: "analyst", authorityId: other.id, passwordHash: "x" },
  });
}, 300_000);

describe("GET /api/v1/reports/annual (csv)", () => {
  it("has the header, one row per office × dimension, and every figure as recomputed from the raw rows", async () => {
    const res = await get(`authority=${authorityId}&year=${year}&format=csv`, await tokenFor("analyst@demo.gov.tw"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain(`annual-report-${year - 1911}-authority-${authorityId}.csv`);
    expect(decodeURIComponent(res.headers.get("Content-Disposition")!)).toContain(`${year - 1911}年度服務品質趨勢報告`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(HEADER);
    const rows = parseCsv(text);

    const offices = await prisma.office.findMany({ where: { authorityId }, select: { id: true, name: true, kind: true } });
    expect(new Set(rows.map((r) => Number(r.office_id)))).toEqual(new Set(offices.map((o) => o.id)));
    const dimensions = ["environment", "courtesy", "professionalism", "measures", "overall"];
    expect(rows).toHaveLength(offices.length * dimensions.length);

    const now = await respondents(
      offices.map((o) => o.id),
      months(year),
    );
    const before = await respondents(
      offices.map((o) => o.id),
      months(year - 1),
    );
    type Expected = { n: number; x: number; mean: number; prevN: number; prevX: number; monthly: Map<string, [number, number]> };
    const expected = new Map<string, Expected>();
    for (const o of offices) {
      for (const d of dimensions) {
        const mine = now.filter((r) => r.officeId === o.id && r.dims.has(d));
        const prev = before.filter((r) => r.officeId === o.id && r.dims.has(d));
        const monthly = new Map<string, [number, number]>();
        for (const r of mine) {
          const [x, n] = monthly.get(r.month) ?? [0, 0];
          monthly.set(r.month, [x + (r.dims.get(d)! >= 4 ? 1 : 0), n + 1]);
        }
        expected.set(`${o.id}|${d}`, {
          n: mine.length,
          x: mine.filter((r) => r.dims.get(d)! >= 4).length,
          mean: mine.reduce((s, r) => s + r.dims.get(d)!, 0) / mine.length,
          prevN: prev.length,
          prevX: prev.filter((r) => r.dims.get(d)! >= 4).length,
          monthly,
        });
      }
    }
    // Holm within each peer group (same authority and kind) and dimension.
    const holmOf = new Map<string, number>();
    for (const kind of new Set(offices.map((o) => o.kind))) {
      for (const d of dimensions) {
        const group = offices.filter((o) => o.kind === kind).map((o) => ({ o, e: expected.get(`${o.id}|${d}`)! }));
        const tested = group.filter((g) => g.e.n > 0 && g.e.prevN > 0);
        holm(tested.map((g) => twoProportionP(g.e.x, g.e.n, g.e.prevX, g.e.prevN))).forEach((p, i) =>
          holmOf.set(`${tested[i].o.id}|${d}`, p),
        );
      }
    }
    let checked = 0;
    for (const row of rows) {
      const office = offices.find((o) => o.id === Number(row.office_id))!;
      const e = expected.get(`${office.id}|${row.dimension}`)!;
      expect(row.office_name).toBe(office.name);
      expect(row.office_kind).toBe(office.kind);
      expect(Number(row.year)).toBe(year);
      expect(Number(row.n)).toBe(e.n);
      expect(Number(row.prev_n)).toBe(e.prevN);
      if (e.n === 0) continue;
      const share = e.x / e.n;
      const ci = wilson(e.x, e.n);
      expect(row.top2_share).toMatch(/^\d\.\d{4,}$/);
      expect(Number(row.top2_share)).toBeCloseTo(share, 6);
      expect(Number(row.ci95_low)).toBeCloseTo(ci.lower, 6);
      expect(Number(row.ci95_high)).toBeCloseTo(ci.upper, 6);
      expect(Number(row.margin95)).toBeCloseTo((ci.upper - ci.lower) / 2, 6);
      expect(Number(row.mean100)).toBeCloseTo(((e.mean - 1) / 4) * 100, 3);
      if (e.prevN > 0) {
        expect(Number(row.prev_top2_share)).toBeCloseTo(e.prevX / e.prevN, 6);
        expect(Number(row.yoy_diff)).toBeCloseTo(share - e.prevX / e.prevN, 6);
        expect(Number(row.yoy_p)).toBeCloseTo(twoProportionP(e.x, e.n, e.prevX, e.prevN), 5);
        expect(Number(row.yoy_p_holm)).toBeCloseTo(holmOf.get(`${office.id}|${row.dimension}`)!, 5);
      } else {
        expect([row.prev_top2_share, row.yoy_diff, row.yoy_p, row.yoy_p_holm]).toEqual(["", "", "", ""]);
      }
      const peers = offices.filter((o) => o.kind === office.kind).map((o) => expected.get(`${o.id}|${row.dimension}`)!);
      const p0 = peers.reduce((s, p) => s + p.x, 0) / peers.reduce((s, p) => s + p.n, 0);
      expect(Number(row.peer_top2_share)).toBeCloseTo(p0, 6);
      const se = Math.sqrt((p0 * (1 - p0)) / e.n);
      const flag =
        share > p0 + Z999 * se
          ? "above99.8"
          : share > p0 + Z975 * se
            ? "above95"
            : share < p0 - Z999 * se
              ? "below99.8"
              : share < p0 - Z975 * se
                ? "below95"
                : "within";
      expect(row.funnel_flag).toBe(flag);
      const series = [...e.monthly].sort(([a], [b]) => a.localeCompare(b)).map(([, [x, n]]) => x / n);
      if (series.length >= 3) {
        const mk = mannKendallReference(series);
        expect(Number(row.mk_tau)).toBeCloseTo(mk.tau, 6);
        expect(Number(row.mk_p)).toBeCloseTo(mk.p, 5);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
    // The seed's offices differ: not every office sits inside its peers' limits.
    expect(rows.some((r) => r.funnel_flag !== "within")).toBe(true);
    // Recomputing a year of raw rows takes a while on a loaded 2-core machine.
  }, 180_000);

  it("an office's report lists that office only, with its peers' pooled share", async () => {
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const token = await tokenFor("analyst@demo.gov.tw");
    const whole = parseCsv(await (await get(`authority=${authorityId}&year=${year}&format=csv`, token)).text());
    const res = await get(`office=${office.id}&year=${year}&format=csv`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain(`annual-report-${year - 1911}-office-${office.id}.csv`);
    const rows = parseCsv(await res.text());
    expect(rows.map((r) => r.dimension)).toEqual(["environment", "courtesy", "professionalism", "measures", "overall"]);
    expect(rows).toEqual(whole.filter((r) => Number(r.office_id) === office.id));
  });

  it("keeps each authority to itself: the other authority's analyst gets their offices only, and 403 on ours", async () => {
    const token = await tokenFor("analyst@ntpc.gov.tw");
    const rows = parseCsv(await (await get(`authority=${otherAuthorityId}&year=${year}&format=csv`, token)).text());
    expect(new Set(rows.map((r) => r.office_name))).toEqual(new Set(["新北市板橋區公所", "新北市三重區公所"]));
    const overall = rows.find((r) => r.office_name === "新北市板橋區公所" && r.dimension === "overall")!;
    expect(Number(overall.n)).toBe(80);
    // Both offices answered alike, so their pooled peer share is their own.
    expect(Number(overall.peer_top2_share)).toBeCloseTo(0.75, 6);
    expect((await get(`authority=${authorityId}&year=${year}&format=csv`, token)).status).toBe(403);
    const wanhua = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    expect((await get(`office=${wanhua.id}&year=${year}&format=csv`, token)).status).toBe(403);
    const ours = await tokenFor("analyst@demo.gov.tw");
    expect((await get(`office=${otherOfficeId}&year=${year}&format=csv`, ours)).status).toBe(403);
  });

  it("refuses what it must: 401 without a token, 403 for other roles, 400 for bad parameters, 404 for unknown ids", async () => {
    const token = await tokenFor("analyst@demo.gov.tw");
    const admin = await tokenFor("admin@demo.gov.tw");
    const noToken = await get(`authority=${authorityId}&year=${year}&format=csv`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect((await get(`authority=${authorityId}&year=${year}&format=csv`, "not-a-token")).status).toBe(401);
    expect((await get(`authority=${authorityId}&year=${year}&format=csv`, await tokenFor("manager@demo.gov.tw"))).status).toBe(403);
    expect((await get(`authority=${authorityId}&year=${year}&format=csv`, await tokenFor("evaluator@demo.gov.tw"))).status).toBe(403);
    for (const query of [
      `year=${year}&format=csv`,
      `authority=${authorityId}&office=1&year=${year}&format=csv`,
      `authority=abc&year=${year}&format=csv`,
      `authority=0&year=${year}&format=csv`,
      `authority=${authorityId}&year=115&format=csv`,
      `authority=${authorityId}&year=1999&format=csv`,
      `authority=${authorityId}&format=csv`,
      `authority=${authorityId}&year=${year}&format=docx`,
      `authority=${authorityId}&year=${year}`,
    ]) {
      const res = await get(query, token);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await get(`authority=999999&year=${year}&format=csv`, admin)).status).toBe(404);
    expect((await get(`office=999999&year=${year}&format=csv`, admin)).status).toBe(404);
    expect((await get(`authority=${otherAuthorityId}&year=${year}&format=csv`, admin)).status).toBe(200);
  });
});
