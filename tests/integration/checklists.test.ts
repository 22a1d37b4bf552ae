import { beforeAll, describe, expect, it } from "vitest";
import { answersToFormData, mysteryVisitTemplate, templateItems, type ChecklistAnswers } from "~/modules/checklists";
import { ensureTemplates, latestTemplates } from "~/modules/checklists/records.server";
import { loader as viewRecord } from "~/routes/_staff.checklists.$id";
import { loader as listPage } from "~/routes/_staff.checklists._index";
import { action as submitRecord, loader as newPage } from "~/routes/_staff.checklists.new";
import { taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { sessionCookie } from "../support/session";

const evaluator = () => sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
const manager = () => sessionCookie("manager@demo.gov.tw", "Manager#2026");
const admin = () => sessionCookie("admin@demo.gov.tw", "Admin#2026");
const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );
const get = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
const postJson = (cookie: string, body: unknown) =>
  new Request("http://localhost/checklists/new", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { Cookie: cookie, "Content-Type": "application/json" },
  });

let visitTemplateId = 0;
let wanhua = 0; // the manager's office
let daan = 0; // the evaluator's own office
let xinyi = 0;
const today = taipeiDate(new Date());

/** A mystery visit with two items failed and one not applicable: 17 of 19 applicable → 89.5. */
function visitForm() {
  const checks = Object.fromEntries(templateItems(mysteryVisitTemplate).map((i) => [i.key, "yes" as const])) as Record<
    string,
    "yes" | "no" | "na"
  >;
  checks.ctr02 = "no";
  checks.pro02 = "no";
  checks.wait03 = "na";
  const answers: ChecklistAnswers = {
    checks: { visit: checks },
    fields: { arrivedAt: "10:05", errand: "申請低收入戶資格", waitMinutes: 8 },
  };
  return answersToFormData(mysteryVisitTemplate, answers, "承辦人員未主動問候。");
}

async function submit(cookie: string, officeId: number, answers: unknown = visitForm(), date = today) {
  return caught(
    submitRecord({ request: postJson(cookie, { templateId: visitTemplateId, officeId, date, answers }), params: {}, context: {} }),
  );
}

beforeAll(async () => {
  // The demo seed may or may not have stored the templates yet; pages store them on first use.
  await ensureTemplates(prisma);
  await ensureTemplates(prisma);
  const templates = await latestTemplates(prisma);
  expect(templates.map((s) => s.template.key).sort()).toEqual(["duty-log", "mystery-visit"]);
  visitTemplateId = templates.find((s) => s.template.key === "mystery-visit")!.id;
  const office = (name: string) => prisma.office.findUniqueOrThrow({ where: { name }, select: { id: true } }).then((o) => o.id);
  [wanhua, daan, xinyi] = await Promise.all([office("臺北市萬華區公所"), office("臺北市大安區公所"), office("臺北市信義區公所")]);
});

describe("recording a visit", () => {
  it("an evaluator fills in a mystery visit for another office: scored, banded, audited", async () => {
    const cookie = await evaluator();
    const form = (await newPage({
      request: get(`/checklists/new?template=${visitTemplateId}&office=${wanhua}&date=${today}`, cookie),
      params: {},
      context: {},
    })) as Response;
    const page = await form.json();
    expect(page.offices.map((o: { id: number }) => o.id)).not.toContain(daan);
    expect(page.form.survey.pages.map((p: { name: string }) => p.name)).toEqual(["before", "slot_visit", "after"]);

    const res = await submit(cookie, wanhua);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")?.match(/^\/checklists\/(\d+)$/)?.[1]);
    const record = await prisma.checklistRecord.findUniqueOrThrow({ where: { id } });
    expect(record).toMatchObject({
      officeId: wanhua,
      date: today,
      month: today.slice(0, 7),
      kind: "mystery-visit",
      score: 89.5,
      band: "良好",
      notes: "承辦人員未主動問候。",
    });
    expect(JSON.parse(record.answers).checks.visit).toMatchObject({ ctr02: "no", pro02: "no", wait03: "na" });
    expect(await prisma.auditLog.count({ where: { action: "checklist.record.create", entityId: String(id) } })).toBe(1);

    const view = (await viewRecord({ request: get(`/checklists/${id}`, cookie), params: { id: String(id) }, context: {} })) as Response;
    expect((await view.json()).record).toMatchObject({ id, score: 89.5, band: "良好" });
  });

  it("refuses the evaluator's own office with 403, on the form and on submit, writing nothing", async () => {
    const cookie = await evaluator();
    const before = await prisma.checklistRecord.count();
    const form = await caught(
      newPage({ request: get(`/checklists/new?template=${visitTemplateId}&office=${daan}`, cookie), params: {}, context: {} }),
    );
    expect(form.status).toBe(403);
    const res = await submit(cookie, daan);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("不得檢核自己服務的機關。");
    expect(await prisma.checklistRecord.count()).toBe(before);
  });

  it.each<[string, () => unknown, RegExp]>([
    ["an unknown key", () => ({ ...visitForm(), bonus: 1 }), /bonus/],
    [
      "a check that is not 是/否/不適用",
      () => ({ ...visitForm(), visit__arr: { ...(visitForm().visit__arr as object), arr01: "ok" } }),
      /visit__arr/,
    ],
    [
      "a missing required field",
      () => {
        const d = visitForm();
        delete d.errand;
        return d;
      },
      /errand/,
    ],
    ["a number sent as text", () => ({ ...visitForm(), waitMinutes: "8" }), /waitMinutes/],
    ["answers that are not an object", () => "全部符合", /_form/],
  ])("answers with %s are refused with 400 and zh-TW messages; nothing is written", async (_label, answers, key) => {
    const cookie = await evaluator();
    const before = await prisma.checklistRecord.count();
    const res = await submit(cookie, wanhua, answers());
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("紀錄未儲存，請修正下列問題。");
    expect(Object.keys(body.errors).join(",")).toMatch(key);
    expect(JSON.stringify(body.errors)).toMatch(/[\u4e00-\u9fff]/);
    expect(await prisma.checklistRecord.count()).toBe(before);
  });

  it("refuses a future date, a malformed body and managers", async () => {
    const before = await prisma.checklistRecord.count();
    expect((await submit(await evaluator(), wanhua, visitForm(), "2999-01-01")).status).toBe(400);
    expect((await submit(await evaluator(), wanhua, visitForm(), "2026-02-30")).status).toBe(400);
    const broken = await caught(
      submitRecord({ request: postJson(await evaluator(), { templateId: "1", officeId: wanhua }), params: {}, context: {} }),
    );
    expect(broken.status).toBe(400);
    expect((await submit(await manager(), xinyi)).status).toBe(403);
    expect(await prisma.checklistRecord.count()).toBe(before);
  });
});

describe("reading records", () => {
  it("a manager sees their office's records and its trend, but gets 403 on another office's record", async () => {
    const ours = await submit(await evaluator(), wanhua);
    const theirs = await submit(await admin(), xinyi);
    expect([ours.status, theirs.status]).toEqual([302, 302]);
    const oursId = ours.headers.get("Location")!.split("/").pop()!;
    const theirsId = theirs.headers.get("Location")!.split("/").pop()!;
    const cookie = await manager();

    const list = await (
      (await listPage({ request: get(`/checklists?office=${wanhua}`, cookie), params: {}, context: {} })) as Response
    ).json();
    const offices = new Set(list.records.map((r: { office: { id: number } }) => r.office.id));
    expect([...offices]).toEqual([wanhua]);
    expect(list.records.map((r: { id: number }) => String(r.id))).toContain(oursId);
    expect(list.canRecord).toBe(false);
    const month = list.summary.trend.at(-1);
    expect(month.month).toBe(today.slice(0, 7));
    expect(month.n).toBeGreaterThanOrEqual(2);
    // The most failed items, recounted from the raw answers of the office's records in those months.
    const rows = await prisma.checklistRecord.findMany({
      where: { officeId: wanhua, month: { in: list.summary.months } },
      select: { answers: true, template: { select: { key: true } } },
    });
    const tally = new Map<string, { key: string; templateKey: string; item: string; failed: number; checked: number }>();
    for (const r of rows) {
      for (const group of Object.values(JSON.parse(r.answers).checks as Record<string, Record<string, string>>)) {
        for (const [item, value] of Object.entries(group)) {
          const key = `${r.template.key}/${item}`;
          const t = tally.get(key) ?? { key, templateKey: r.template.key, item, failed: 0, checked: 0 };
          if (value === "no") t.failed += 1;
          if (value === "yes" || value === "no") t.checked += 1;
          tally.set(key, t);
        }
      }
    }
    const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = [...tally.values()]
      .filter((x) => x.failed > 0)
      .sort((a, b) => b.failed - a.failed || a.checked - b.checked || byKey(a.templateKey, b.templateKey) || byKey(a.item, b.item))
      .slice(0, 10);
    expect(
      list.summary.topFailed.map((f: { templateKey: string; item: string; failed: number }) => [`${f.templateKey}/${f.item}`, f.failed]),
    ).toEqual(expected.map((x) => [x.key, x.failed]));

    const all = await ((await listPage({ request: get("/checklists", cookie), params: {}, context: {} })) as Response).json();
    expect(all.records.every((r: { office: { id: number } }) => r.office.id === wanhua)).toBe(true);
    expect((await caught(listPage({ request: get(`/checklists?office=${xinyi}`, cookie), params: {}, context: {} }))).status).toBe(404);

    const mine = (await viewRecord({ request: get(`/checklists/${oursId}`, cookie), params: { id: oursId }, context: {} })) as Response;
    expect(mine.status).toBe(200);
    expect(
      (await caught(viewRecord({ request: get(`/checklists/${theirsId}`, cookie), params: { id: theirsId }, context: {} }))).status,
    ).toBe(403);
    expect((await caught(viewRecord({ request: get("/checklists/999999", cookie), params: { id: "999999" }, context: {} }))).status).toBe(
      404,
    );
  });

  it("an evaluator lists only their own records; the month filter narrows the list", async () => {
    const cookie = await evaluator();
    const me = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" }, select: { id: true } });
    const list = await (
      (await listPage({ request: get(`/checklists?month=${today.slice(0, 7)}`, cookie), params: {}, context: {} })) as Response
    ).json();
    const ids = list.records.map((r: { id: number }) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    const rows = await prisma.checklistRecord.findMany({ where: { id: { in: ids } }, select: { evaluatorId: true, month: true } });
    expect(rows.every((r) => r.evaluatorId === me.id && r.month === today.slice(0, 7))).toBe(true);
    const other = await prisma.checklistRecord.findFirst({ where: { evaluatorId: { not: me.id } }, select: { id: true } });
    if (other)
      expect(
        (await caught(viewRecord({ request: get(`/checklists/${other.id}`, cookie), params: { id: String(other.id) }, context: {} })))
          .status,
      ).toBe(403);
    expect((await caught(listPage({ request: get("/checklists?month=2026-13", cookie), params: {}, context: {} }))).status).toBe(400);
  });
});

describe("demo seed", () => {
  it("seedChecklists records both templates for several offices, never by an evaluator of the office", async () => {
    const { seedChecklists } = await import("../../prisma/seed/checklists");
    const { createRandom } = await import("../../prisma/seed/random");
    const before = await prisma.checklistRecord.count();
    const result = await seedChecklists(prisma, createRandom(7), new Date());
    expect(result.templates).toBe(2);
    expect(result.records).toBeGreaterThan(60);
    expect(await prisma.checklistRecord.count()).toBe(before + result.records);
    const rows = await prisma.checklistRecord.findMany({
      select: { officeId: true, evaluatorId: true, kind: true, month: true, score: true },
    });
    const evaluators = new Map((await prisma.user.findMany({ select: { id: true, officeId: true } })).map((u) => [u.id, u.officeId]));
    expect(rows.every((r) => evaluators.get(r.evaluatorId) !== r.officeId)).toBe(true);
    expect(new Set(rows.map((r) => r.officeId)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((r) => r.month)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["checklist", "mystery-visit"]));
    const scores = rows.map((r) => r.score);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(5);
  });
});
