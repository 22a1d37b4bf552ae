import { describe, expect, it } from "vitest";
import { defaultScale, type Scale } from "~/modules/courtesy";
import { action as editScale, loader as scalesPage } from "~/routes/_staff.admin.scales";
import { loader as resultsPage } from "~/routes/_staff.courtesy.results";
import { loader as resultsCsv } from "~/routes/courtesy.results[.]csv";
import { prisma } from "~/utils/db.server";
import { formRequest, sessionCookie } from "../support/session";

const admin = () => sessionCookie("admin@demo.gov.tw", "Admin#2026");
const analyst = () => sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
const manager = () => sessionCookie("manager@demo.gov.tw", "Manager#2026");
const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );
const get = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });

async function results(query: string, cookie: string) {
  const res = await caught(resultsPage({ request: get(`/courtesy/results?${query}`, cookie), params: {}, context: {} }));
  return { status: res.status, body: await res.json() };
}

async function csv(query: string, cookie: string) {
  const res = await caught(resultsCsv({ request: get(`/courtesy/results.csv?${query}`, cookie), params: {}, context: {} }));
  return { res, text: res.status === 200 ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) : "" };
}

/** The calls that count, fetched row by row: the figures are then recomputed by hand. */
function countedCalls(where: { officeId?: number; month?: string | { gte: string; lte: string } }) {
  return prisma.testCall.findMany({
    where: { ...where, status: "submitted", calibrationId: null },
    select: {
      id: true,
      officeId: true,
      unitId: true,
      month: true,
      scheduledDate: true,
      total: true,
      band: true,
      marks: true,
      extension: true,
    },
    orderBy: { id: "asc" },
  });
}

// t(0.975, df) from standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
const T975: Record<number, number> = {
  1: 12.706205,
  2: 4.302653,
  3: 3.182446,
  4: 2.776445,
  5: 2.570582,
  6: 2.446912,
  7: 2.364624,
  8: 2.306004,
  9: 2.262157,
  10: 2.228139,
  11: 2.200985,
  12: 2.178813,
};

/** Two-pass mean, sample sd and t interval (clipped to 0-100 like the page). */
function byHand(totals: number[]) {
  const n = totals.length;
  const mean = totals.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = T975[n - 1] === undefined ? null : (T975[n - 1] * sd) / Math.sqrt(n);
  return { n, mean, lower: half === null ? null : Math.max(0, mean - half), upper: half === null ? null : Math.min(100, mean + half) };
}

const MONTH = "2026-10";

type OfficeRow = {
  id: number;
  name: string;
  figure: { n: number; mean: number; lower: number | null; upper: number | null } | null;
  bands: Record<string, number>;
  rank: { rank: number; of: number } | null;
};

describe("courtesy results page", () => {
  it("shows each office's n, mean, t interval, bands and peer rank as recomputed from the calls", async () => {
    const { status, body } = await results(`month=${MONTH}`, await admin());
    expect(status).toBe(200);
    const calls = await countedCalls({ month: MONTH });
    const offices = await prisma.office.findMany({ select: { id: true, peerGroupId: true } });
    expect(body.offices).toHaveLength(offices.length);
    expect(body.bands).toEqual(defaultScale.bands.map((b) => b.label));

    const means = new Map<number, number>();
    let intervalsChecked = 0;
    for (const row of body.offices as OfficeRow[]) {
      const mine = calls.filter((c) => c.officeId === row.id);
      const hand = byHand(mine.map((c) => c.total!));
      expect(row.figure!.n).toBe(hand.n);
      expect(row.figure!.mean).toBeCloseTo(hand.mean, 9);
      if (hand.lower !== null) {
        expect(row.figure!.lower).toBeCloseTo(hand.lower, 4);
        expect(row.figure!.upper).toBeCloseTo(hand.upper!, 4);
        intervalsChecked += 1;
      }
      const bands: Record<string, number> = {};
      for (const c of mine) bands[c.band!] = (bands[c.band!] ?? 0) + 1;
      expect(row.bands).toEqual(bands);
      means.set(row.id, hand.mean);
    }
    expect(intervalsChecked).toBeGreaterThan(10);

    // Rank: 1 + the number of peers with a strictly higher mean, among peers with at least 3 calls.
    const rankable = (id: number) => calls.filter((c) => c.officeId === id).length >= 3;
    for (const row of body.offices as OfficeRow[]) {
      const group = offices.find((o) => o.id === row.id)!.peerGroupId;
      const peers = offices.filter((o) => o.peerGroupId === group && rankable(o.id));
      expect(row.rank).toEqual(
        rankable(row.id) ? { rank: 1 + peers.filter((p) => means.get(p.id)! > means.get(row.id)!).length, of: peers.length } : null,
      );
    }
    expect(body.detail).toBeNull();
  });

  it("aggregates a whole year", async () => {
    const { status, body } = await results("year=2025", await analyst());
    expect(status).toBe(200);
    expect(body.label).toBe("114年");
    const calls = await countedCalls({ month: { gte: "2025-01", lte: "2025-12" } });
    for (const row of body.offices as OfficeRow[]) {
      const totals = calls.filter((c) => c.officeId === row.id).map((c) => c.total!);
      expect(row.figure!.n).toBe(totals.length);
      expect(row.figure!.mean).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / totals.length, 9);
    }
  });

  it("details one office: units, items losing the most points and a 12-month trend", async () => {
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const { body } = await results(`month=${MONTH}&office=${office.id}`, await admin());
    expect(body.detail.office.id).toBe(office.id);
    const calls = await countedCalls({ officeId: office.id, month: MONTH });

    const units = await prisma.unit.findMany({ where: { officeId: office.id }, select: { id: true } });
    expect(body.detail.units).toHaveLength(units.length);
    for (const u of body.detail.units as Array<{ id: number; figure: { n: number; mean: number } | null }>) {
      const totals = calls.filter((c) => c.unitId === u.id).map((c) => c.total!);
      expect(u.figure?.n ?? 0).toBe(totals.length);
      if (totals.length) expect(u.figure!.mean).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / totals.length, 9);
    }

    // Every seeded call uses version 1 of the default scale: share lost = Σ(max − mark) / Σ max
    // over the calls where the item holds a number.
    const items = defaultScale.parts.flatMap((p) => p.items);
    const share = (key: string) => {
      const max = items.find((i) => i.key === key)!.maxPoints;
      const marks = calls
        .map((c) => (JSON.parse(c.marks) as Record<string, number | "na">)[key])
        .filter((m): m is number => typeof m === "number");
      return { calls: marks.length, share: marks.reduce((s, m) => s + (max - m), 0) / (max * marks.length) };
    };
    const shown = body.detail.items as Array<{ key: string; calls: number; share: number }>;
    expect(shown.length).toBeGreaterThan(0);
    for (const item of shown) {
      const hand = share(item.key);
      expect(item.calls).toBe(hand.calls);
      expect(item.share).toBeCloseTo(hand.share, 12);
    }
    expect(shown.map((i) => i.share)).toEqual([...shown.map((i) => i.share)].sort((a, b) => b - a));

    expect(body.detail.trend).toHaveLength(12);
    expect(body.detail.trend[11].month).toBe(MONTH);
    const yearCalls = await countedCalls({ officeId: office.id, month: { gte: body.detail.trend[0].month, lte: MONTH } });
    for (const p of body.detail.trend as Array<{ month: string; figure: { n: number } | null }>) {
      expect(p.figure?.n ?? 0).toBe(yearCalls.filter((c) => c.month === p.month).length);
    }
  });

  it("keeps each role to its scope: a manager sees only their office and is refused another", async () => {
    const cookie = await manager();
    const own = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true, peerGroupId: true } });
    const { body } = await results(`month=${MONTH}`, cookie);
    expect(body.offices.map((o: OfficeRow) => o.id)).toEqual([own.id]);
    expect(body.detail.office.id).toBe(own.id); // picked for them
    // The rank is among all peers with at least 3 calls, though the manager sees none of their figures.
    const perOffice = await prisma.testCall.groupBy({
      by: ["officeId"],
      where: { month: MONTH, status: "submitted", calibrationId: null, office: { peerGroupId: own.peerGroupId } },
      _count: { _all: true },
    });
    const rankable = perOffice.filter((g) => g._count._all >= 3);
    expect(body.offices[0].rank?.of ?? null).toBe(rankable.some((g) => g.officeId === own.id) ? rankable.length : null);

    const other = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市信義區公所" }, select: { id: true } });
    expect((await results(`month=${MONTH}&office=${other.id}`, cookie)).status).toBe(403);
    expect((await csv(`month=${MONTH}&office=${other.id}`, cookie)).res.status).toBe(403);
    expect((await results(`month=${MONTH}&office=99999`, await admin())).status).toBe(404);

    const analystView = await results(`month=${MONTH}`, await analyst());
    const authority = await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { authorityId: true } });
    expect(analystView.body.offices).toHaveLength(await prisma.office.count({ where: { authorityId: authority.authorityId! } }));

    const evaluator = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    expect((await results(`month=${MONTH}`, evaluator)).status).toBe(403);
    expect((await csv(`month=${MONTH}`, evaluator)).res.status).toBe(403);
  });

  it.each(["month=2026-13", "month=202610", "year=abc", `month=${MONTH}&year=2026`])(
    "answers %s with 400 and a zh-TW message",
    async (query) => {
      const cookie = await analyst();
      const page = await results(query, cookie);
      expect(page.status).toBe(400);
      expect(page.body.error).toMatch(/期間格式不正確/);
      expect((await csv(query, cookie)).res.status).toBe(400);
    },
  );

  it("never counts calibration calls (nor drafts)", async () => {
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const before = (await results(`month=${MONTH}&office=${office.id}`, await admin())).body;
    const template = await prisma.testCall.findFirstOrThrow({ where: { officeId: office.id, month: MONTH, status: "submitted" } });
    const session = await prisma.calibrationSession.create({
      data: { title: "校準練習", scenario: "劇本", officeId: office.id, scaleId: template.scaleId },
    });
    const { id: _id, ...copy } = template;
    await prisma.testCall.create({ data: { ...copy, planId: null, total: 0, band: "待改進", calibrationId: session.id } });
    await prisma.testCall.create({ data: { ...copy, planId: null, total: 0, band: "待改進", status: "draft" } });

    const after = (await results(`month=${MONTH}&office=${office.id}`, await admin())).body;
    const row = (b: { offices: OfficeRow[] }) => b.offices.find((o) => o.id === office.id)!;
    expect(row(after)).toEqual(row(before));
    expect(after.detail).toEqual(before.detail);
    const { text } = await csv(`month=${MONTH}&office=${office.id}`, await admin());
    expect(text.trim().split("\r\n")).toHaveLength(1 + row(before).figure!.n);
  });
});

describe("courtesy results CSV", () => {
  it("is a UTF-8 attachment with a BOM, a header and one row per counted call in the manager's scope", async () => {
    const { res, text } = await csv(`month=${MONTH}`, await manager());
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="courtesy-calls-2026-10/);
    expect(text.charCodeAt(0)).toBe(0xfeff);

    const lines = text.slice(1).trimEnd().split("\r\n");
    const itemKeys = defaultScale.parts.flatMap((p) => p.items.map((i) => i.key));
    expect(lines[0].split(",")).toEqual([
      "call_id",
      "date",
      "office",
      "unit",
      "extension",
      "evaluator",
      "total",
      "band",
      "scale_version",
      ...itemKeys,
    ]);
    const own = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const calls = await countedCalls({ officeId: own.id, month: MONTH });
    expect(lines).toHaveLength(1 + calls.length);
    expect(lines.slice(1).every((l) => l.includes(",臺北市萬華區公所,"))).toBe(true);

    const first = calls[0];
    const cells = lines[1].split(",");
    expect(cells.slice(0, 3)).toEqual([String(first.id), first.scheduledDate, "臺北市萬華區公所"]);
    expect(cells[4]).toBe(first.extension);
    expect(Number(cells[6])).toBe(first.total);
    expect(cells[7]).toBe(first.band);
    const marks = JSON.parse(first.marks) as Record<string, number | "na">;
    expect(cells.slice(9)).toEqual(itemKeys.map((k) => (k in marks ? String(marks[k]) : "")));
  });

  it("names the evaluators for an analyst and never for a manager, as the pages do", async () => {
    const evaluators = (await prisma.user.findMany({ where: { role: "evaluator" }, select: { name: true } })).map((u) => u.name);
    const cell = (text: string) =>
      text
        .slice(1)
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[5]);
    const forManager = (await csv(`month=${MONTH}`, await manager())).text;
    expect(cell(forManager).every((c) => c === "")).toBe(true);
    for (const name of evaluators) expect(forManager).not.toContain(name);
    const forAnalyst = cell((await csv(`month=${MONTH}`, await analyst())).text);
    expect(forAnalyst.length).toBeGreaterThan(10);
    expect(forAnalyst.every((c) => evaluators.includes(c))).toBe(true);
  });

  it("streams a whole year of every office, more rows than one batch", async () => {
    const { res, text } = await csv("year=2025", await admin());
    expect(res.status).toBe(200);
    const ids = text
      .slice(1)
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((l) => Number(l.split(",")[0]));
    const calls = await countedCalls({ month: { gte: "2025-01", lte: "2025-12" } });
    expect(calls.length).toBeGreaterThan(500);
    expect(ids).toEqual(calls.map((c) => c.id));
  });
});

describe("admin scales", () => {
  const save = async (cookie: string, json: string) => {
    const res = await caught(editScale({ request: formRequest("/admin/scales", cookie, { json }), params: {}, context: {} }));
    return { status: res.status, body: await res.json() };
  };
  const page = async (cookie: string, query = "") => {
    const res = await caught(scalesPage({ request: get(`/admin/scales${query}`, cookie), params: {}, context: {} }));
    return { status: res.status, body: res.status === 200 ? await res.json() : null };
  };

  it("refuses non-admins", async () => {
    for (const cookie of [await analyst(), await manager()]) {
      expect((await page(cookie)).status).toBe(403);
      expect((await save(cookie, JSON.stringify(defaultScale))).status).toBe(403);
    }
  });

  it.each([
    ["invalid JSON", "{ nope", /JSON 格式錯誤/],
    ["a field of the wrong type", JSON.stringify({ ...defaultScale, improvementBelow: "90" }), /量表格式不正確：欄位 improvementBelow/],
    [
      "an unknown field",
      JSON.stringify({
        ...defaultScale,
        parts: [{ ...defaultScale.parts[0], items: [{ ...defaultScale.parts[0].items[0], autofail: true }] }],
      }),
      /量表格式不正確/,
    ],
    ["another scale key", JSON.stringify({ ...defaultScale, key: "other" }), /量表代碼不可變更/],
    [
      "bands not highest first",
      JSON.stringify({ ...defaultScale, bands: [...defaultScale.bands].reverse() }),
      /量表內容有誤：等第應由高到低排列/,
    ],
    [
      "a duplicate item key",
      JSON.stringify({
        ...defaultScale,
        parts: [
          defaultScale.parts[0],
          { ...defaultScale.parts[1], items: [...defaultScale.parts[1].items, defaultScale.parts[0].items[0]] },
        ],
      }),
      /量表內容有誤：評分項目代碼「switchboardRings」重複/,
    ],
  ])("rejects %s with 400 and creates no version", async (_label, json, message) => {
    const { status, body } = await save(await admin(), json);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(await prisma.courtesyScale.count()).toBe(1);
  });

  it("an edit creates version 2; scored calls keep version 1", async () => {
    const cookie = await admin();
    const before = await page(cookie);
    expect(before.body.current.version).toBe(1);
    expect(before.body.versions).toEqual([{ version: 1, createdAt: expect.any(String), calls: await prisma.testCall.count() }]);

    const unchanged = await save(cookie, before.body.text);
    expect(unchanged).toEqual({ status: 200, body: { ok: true, created: false, version: 1 } });

    const edited: Scale = JSON.parse(before.body.text);
    edited.improvementBelow = 85;
    edited.parts[1].items[0].label = "接聽速度：有人接聽";
    const saved = await save(cookie, JSON.stringify(edited));
    expect(saved).toEqual({ status: 200, body: { ok: true, created: true, version: 2 } });

    const v1 = await prisma.courtesyScale.findUniqueOrThrow({
      where: { key_version: { key: defaultScale.key, version: 1 } },
      select: { id: true, json: true },
    });
    expect(JSON.parse(v1.json)).toEqual(defaultScale);
    expect(await prisma.testCall.count({ where: { scaleId: { not: v1.id } } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "scale.version.create" } })).toBe(1);

    const after = await page(cookie);
    expect(after.body.current).toMatchObject({ version: 2, improvementBelow: 85 });
    expect(after.body.versions.map((v: { version: number; calls: number }) => [v.version, v.calls])).toEqual([
      [2, 0],
      [1, await prisma.testCall.count()],
    ]);
    const old = await page(cookie, "?version=1");
    expect(old.body.shown).toEqual(defaultScale);
    expect((await page(cookie, "?version=7")).status).toBe(404);
  });
});
