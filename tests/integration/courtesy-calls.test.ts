import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadFixtureYearsFor } from "../support/calendar-years";
import { defaultScale } from "~/modules/courtesy";
import { saveCall, recordDueDate } from "~/modules/courtesy/calls.server";
import { fileAppeal, decideAppeal } from "~/modules/courtesy/appeals.server";
import { action as improvementAction, loader as improvementLoader } from "~/routes/_staff.courtesy.improvements";
import { action as planAction } from "~/routes/_staff.courtesy.plans";
import { addDays, taipeiDate, taipeiDayStart } from "~/utils/dates";
import { formRequest, sessionCookie } from "../support/session";

const unit = defaultScale.parts.find((p) => p.key === "unit")!;
const fullMarks = () => Object.fromEntries(unit.items.map((i) => [i.key, i.maxPoints]));

let evaluatorId: number;
let otherEvaluatorId: number;
let officeId: number;
let unitId: number;
let authorityId: number;
const today = taipeiDate(new Date());
// Months outside the seed's 24 months of calls, so nothing else counts in them.
let quietMonths: string[] = [];

/** A month `k` months after `month` (negative: before). */
function shiftMonth(month: string, k: number): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + k, 1)).toISOString().slice(0, 7);
}

async function newCall(date = today, extra: { scaleId?: number; unitId?: number } = {}) {
  const scale = await prisma.courtesyScale.findFirstOrThrow({ where: { key: defaultScale.key }, select: { id: true } });
  return prisma.testCall.create({
    data: {
      scaleId: scale.id,
      officeId,
      unitId,
      extension: "201",
      evaluatorId,
      scheduledDate: date,
      slot: "08:30-10:30",
      month: date.slice(0, 7),
      partsTested: JSON.stringify(["unit"]),
      ...extra,
    },
  });
}

beforeAll(async () => {
  evaluatorId = (await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" } })).id;
  otherEvaluatorId = (await prisma.user.findUniqueOrThrow({ where: { email: "evaluator2@demo.gov.tw" } })).id;
  const office = await prisma.office.findUniqueOrThrow({
    where: { name: "臺北市萬華區公所" },
    select: { id: true, authorityId: true, units: { where: { name: "社會課" }, select: { id: true } } },
  });
  officeId = office.id;
  authorityId = office.authorityId;
  unitId = office.units[0].id;
  const earliest = await prisma.testCall.findFirstOrThrow({ orderBy: { month: "asc" }, select: { month: true } });
  quietMonths = [1, 2, 3, 4].map((k) => shiftMonth(earliest.month, -k));
  // The months before the seed's first plan lie in a year no shipped calendar covers.
  await loadFixtureYearsFor(prisma, quietMonths);
});

describe("saving and submitting a call", () => {
  it("keeps a partial draft unscored, then scores the submission", async () => {
    const call = await newCall();
    const draft = await saveCall(prisma, evaluatorId, call.id, { unitAnswered: 5, rings: 2 }, false);
    expect(draft).toEqual({ ok: true, total: null });
    expect(await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: "draft", total: null, rings: 2 });
    const done = await saveCall(prisma, evaluatorId, call.id, { ...fullMarks(), unitDeputy: "na", "unitTone-Comment": "語氣平淡" }, true);
    expect(done).toEqual({ ok: true, total: 100 });
    expect(await saveCall(prisma, evaluatorId, call.id, fullMarks(), true)).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses another evaluator's call (403), unknown calls (404) and bad marks (400), writing nothing", async () => {
    const call = await newCall();
    expect(await saveCall(prisma, otherEvaluatorId, call.id, fullMarks(), true)).toMatchObject({ ok: false, status: 403 });
    expect(await saveCall(prisma, evaluatorId, 99_999_999, fullMarks(), true)).toMatchObject({ ok: false, status: 404 });
    for (const bad of [
      { ...fullMarks(), unitRings: 11 },
      { ...fullMarks(), unitRings: -1 },
      { ...fullMarks(), unitRings: "many" },
      { ...fullMarks(), unitGreeting: "na" },
      { ...fullMarks(), switchboardRings: 15 },
      { unitAnswered: 5 },
      { ...fullMarks(), rings: 3.5 },
    ]) {
      const outcome = await saveCall(prisma, evaluatorId, call.id, bad, true);
      expect(outcome).toMatchObject({ ok: false, status: 400 });
      if (!outcome.ok) expect(outcome.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: "planned", marks: "{}" });
  });

  it("refuses a submission whose deductions lack notes, with a zh-TW message per item, and writes nothing", async () => {
    const call = await newCall();
    const label = (key: string) => unit.items.find((i) => i.key === key)!.label;
    const marks = {
      ...fullMarks(),
      unitGreeting: 3,
      unitClosing: 0,
      "unitClosing-Comment": "未道再見",
      unitTone: 2,
      "unitTone-Comment": "   ",
    };
    const outcome = await saveCall(prisma, evaluatorId, call.id, marks, true);
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    if (outcome.ok) return;
    expect(Object.keys(outcome.errors ?? {}).sort()).toEqual(["unitGreeting", "unitTone"]);
    expect(outcome.errors?.unitGreeting).toBe(`「${label("unitGreeting")}」有扣分，請填寫扣分說明。`);
    expect(outcome.message).toContain(label("unitTone"));
    expect(await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: "planned", marks: "{}" });

    // Through the page's action the same refusal is a 400 with the messages per item.
    const { action } = await import("~/routes/_staff.evaluator.calls.$id");
    const cookie = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    const post = (intent: string, data: object) =>
      action({
        request: new Request(`http://localhost/evaluator/calls/${call.id}`, {
          method: "POST",
          body: JSON.stringify({ intent, data }),
          headers: { Cookie: cookie, "Content-Type": "application/json" },
        }),
        params: { id: String(call.id) },
        context: {},
      });
    const refused = await post("submit", marks);
    expect(refused.status).toBe(400);
    expect(Object.keys(((await refused.json()) as { errors: object }).errors).sort()).toEqual(["unitGreeting", "unitTone"]);
    // A draft may leave the notes for later; with them the submission is scored.
    expect((await post("draft", marks)).status).toBe(200);
    const done = await post("submit", { ...marks, "unitGreeting-Comment": "未報單位名稱", "unitTone-Comment": "語氣不耐" });
    expect(done.status).toBe(200);
    expect(JSON.parse((await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).notes)).toEqual({
      unitGreeting: "未報單位名稱",
      unitTone: "語氣不耐",
      unitClosing: "未道再見",
    });
  });

  it("refuses to score a call before its scheduled day in Asia/Taipei, as a draft or a submission", async () => {
    const call = await newCall(addDays(today, 1));
    for (const submit of [false, true]) {
      const outcome = await saveCall(prisma, evaluatorId, call.id, fullMarks(), submit);
      expect(outcome).toMatchObject({ ok: false, status: 400 });
      if (!outcome.ok) expect(outcome.message).toContain(`${call.scheduledDate}，當天起`);
    }
    expect(await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: "planned",
      marks: "{}",
      calledAt: null,
    });
    // The Taipei day starts at 16:00 UTC the evening before.
    const dayStart = taipeiDayStart(call.scheduledDate).getTime();
    expect(await saveCall(prisma, evaluatorId, call.id, fullMarks(), true, new Date(dayStart - 60_000))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await saveCall(prisma, evaluatorId, call.id, fullMarks(), true, new Date(dayStart + 60_000))).toEqual({ ok: true, total: 100 });
  });

  it("records are due on the 3rd of the next month", () => {
    expect(recordDueDate("2026-11")).toBe("2026-12-03");
    expect(recordDueDate("2026-12")).toBe("2027-01-03");
  });
});

describe("improvement reports and appeals", () => {
  it("a unit under 90 owes a report; an accepted appeal that lifts it withdraws the unfiled report", async () => {
    const month = quietMonths[0];
    const call = await newCall(`${month}-10`);
    const marks = {
      ...fullMarks(),
      unitAnswerCorrect: 0,
      unitAnswerComplete: 0,
      "unitAnswerCorrect-Comment": "答覆錯誤",
      "unitAnswerComplete-Comment": "未說明應備文件",
    };
    expect(await saveCall(prisma, evaluatorId, call.id, marks, true)).toMatchObject({ ok: true });
    const report = await prisma.improvementReport.findFirstOrThrow({ where: { officeId, unitId, month } });
    expect(report.score).toBeCloseTo((40 / 55) * 100, 1);
    expect(report.dueDate).toBe(`${shiftMonth(month, 1)}-15`);

    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.gov.tw" } });
    const filed = await fileAppeal(prisma, manager.id, call.id, "答覆內容與現行規定相符，請重新審視錄音內容。");
    expect(filed.ok).toBe(true);
    expect((await fileAppeal(prisma, manager.id, call.id, "再次申復同一筆紀錄的理由")).ok).toBe(false);
    const analyst = await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" } });
    if (!filed.ok) return;
    const decided = await decideAppeal(prisma, analyst.id, filed.id, { decision: "accept", reason: "查證屬實" }, fullMarks());
    expect(decided.ok).toBe(true);
    expect(await prisma.improvementReport.count({ where: { officeId, unitId, month } })).toBe(0);
    expect((await prisma.testCall.findUniqueOrThrow({ where: { id: call.id } })).total).toBe(100);
  });

  it("judges a unit-month by the threshold of the scale its calls were scored with, and shows n from raw rows", async () => {
    const month = quietMonths[3];
    const date = `${month}-12`;
    const base = await prisma.courtesyScale.findFirstOrThrow({ where: { key: defaultScale.key }, orderBy: { version: "desc" } });
    const scaleRow = (key: string, improvementBelow: number) =>
      prisma.courtesyScale.create({
        data: { key, version: 1, json: JSON.stringify({ ...JSON.parse(base.json), key, improvementBelow }) },
        select: { id: true },
      });
    const strict = await scaleRow("strict-test", 95);
    // The newest scale row of all, with a threshold no test call here falls under.
    const lenient = await scaleRow("lenient-test", 70);
    const unitNamed = async (name: string) =>
      (await prisma.unit.findUniqueOrThrow({ where: { officeId_name: { officeId, name } }, select: { id: true } })).id;
    const [onStrict, onBase, onLenient] = await Promise.all(["人文課", "經建課", "民政課"].map(unitNamed));
    const note = (key: string) => ({ [`${key}-Comment`]: "扣分說明" });
    const marks927 = { ...fullMarks(), unitAnswerCorrect: 4, ...note("unitAnswerCorrect") }; // 51 / 55
    const marks855 = { ...fullMarks(), unitAnswerCorrect: 0, ...note("unitAnswerCorrect") }; // 47 / 55
    const score = async (extra: { scaleId?: number; unitId: number }, marks: Record<string, unknown>) =>
      expect(await saveCall(prisma, evaluatorId, (await newCall(date, extra)).id, marks, true)).toMatchObject({ ok: true });
    await score({ scaleId: strict.id, unitId: onStrict }, marks927);
    await score({ unitId: onBase }, marks855);
    await score({ unitId: onBase }, marks927);
    await score({ scaleId: lenient.id, unitId: onLenient }, marks855);
    // Neither a calibration score nor a draft counts towards the unit-month.
    const session = await prisma.calibrationSession.create({ data: { title: "校準", scenario: "劇本", officeId, scaleId: base.id } });
    await newCall(date, { unitId: onBase }).then((c) =>
      prisma.testCall.update({ where: { id: c.id }, data: { calibrationId: session.id, status: "submitted", total: 0 } }),
    );
    await newCall(date, { unitId: onBase }).then((c) =>
      prisma.testCall.update({ where: { id: c.id }, data: { status: "draft", total: 0 } }),
    );

    const reports = await prisma.improvementReport.findMany({ where: { officeId, month }, select: { unitId: true, score: true } });
    expect(reports.map((r) => r.unitId).sort()).toEqual([onStrict, onBase].sort());
    const counted = await prisma.testCall.findMany({
      where: { officeId, unitId: onBase, month, status: "submitted", calibrationId: null },
      select: { total: true },
    });
    const mean = counted.reduce((sum, c) => sum + (c.total as number), 0) / counted.length;
    expect(reports.find((r) => r.unitId === onBase)?.score).toBe(Math.round(mean * 10) / 10);

    const cookie = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const res = (await improvementLoader({
      request: new Request("http://localhost/courtesy/improvements", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    const page = (await res.json()) as {
      threshold: number;
      reports: { officeId: number; unit: { name: string } | null; month: string; calls: number; id: number }[];
    };
    expect(page.threshold).toBe(defaultScale.improvementBelow);
    expect(page.reports.length).toBeGreaterThan(2);
    for (const r of page.reports) {
      const row = await prisma.improvementReport.findUniqueOrThrow({ where: { id: r.id }, select: { unitId: true } });
      const n = await prisma.testCall.count({
        where: { officeId: r.officeId, unitId: row.unitId, month: r.month, status: "submitted", calibrationId: null },
      });
      expect(r.calls, `report ${r.id}`).toBe(n);
    }
    expect(page.reports.find((r) => r.month === month && r.unit?.name === "經建課")?.calls).toBe(2);
  });

  it("refuses an appeal after seven days", async () => {
    const call = await newCall();
    await saveCall(prisma, evaluatorId, call.id, fullMarks(), true);
    await prisma.testCall.update({ where: { id: call.id }, data: { submittedAt: new Date(Date.now() - 8 * 86_400_000) } });
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.gov.tw" } });
    expect(await fileAppeal(prisma, manager.id, call.id, "超過期限的申復理由說明")).toMatchObject({ ok: false, status: 409 });
  });

  it("a manager files their office's report; missing fields are 400 and another office's report is 403", async () => {
    const cookie = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const month = quietMonths[1];
    const own = await prisma.improvementReport.create({
      data: { officeId, unitId, month, score: 80, dueDate: `${shiftMonth(month, 1)}-15` },
    });
    const bad = await improvementAction({
      request: formRequest("/courtesy/improvements", cookie, { id: String(own.id), cause: "", actions: "x", completeBy: "2030-03-01" }),
      params: {},
      context: {},
    });
    expect(bad.status).toBe(400);
    expect((await prisma.improvementReport.findUniqueOrThrow({ where: { id: own.id } })).filedAt).toBeNull();
    const ok = await improvementAction({
      request: formRequest("/courtesy/improvements", cookie, {
        id: String(own.id),
        cause: "新進同仁不熟悉話術",
        actions: "每週演練電話禮貌",
        completeBy: "2030-03-01",
      }),
      params: {},
      context: {},
    });
    expect(ok.status).toBe(200);
    expect((await prisma.improvementReport.findUniqueOrThrow({ where: { id: own.id } })).filedAt).not.toBeNull();

    const otherOffice = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市信義區公所" } });
    const theirs = await prisma.improvementReport.create({
      data: { officeId: otherOffice.id, month, score: 70, dueDate: `${shiftMonth(month, 1)}-15` },
    });
    const denied = await improvementAction({
      request: formRequest("/courtesy/improvements", cookie, { id: String(theirs.id), cause: "a", actions: "b", completeBy: "2030-03-01" }),
      params: {},
      context: {},
    }).catch((e: Response) => e);
    expect(denied.status).toBe(403);
  });
});

describe("plan generation through the page action", () => {
  it("draws a month once, refuses a second draw without replace, and never lets evaluators call their own office", async () => {
    const cookie = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
    const post = (fields: Record<string, string>) =>
      planAction({
        request: formRequest("/courtesy/plans", cookie, { authority: String(authorityId), ...fields }),
        params: {},
        context: {},
      }) as Promise<Response>;
    const month = quietMonths[2];
    const first = await post({ month, callsPerTarget: "2", seed: "7" });
    expect(first.status).toBe(200);
    const calls = await prisma.testCall.findMany({
      where: { month },
      select: { officeId: true, unitId: true, evaluator: { select: { officeId: true } } },
    });
    const targets = await prisma.unit.count({ where: { office: { authorityId }, extensions: { some: {} } } });
    expect(calls).toHaveLength(targets * 2);
    expect(calls.filter((c) => c.officeId === c.evaluator.officeId)).toHaveLength(0);
    expect((await post({ month, callsPerTarget: "2", seed: "8" })).status).toBe(400);
    expect((await post({ month, callsPerTarget: "1", seed: "8", replace: "on" })).status).toBe(200);
    expect(await prisma.testCall.count({ where: { month } })).toBe(targets);
    expect((await post({ month: `${month.slice(0, 4)}-13`, callsPerTarget: "1", seed: "1" })).status).toBe(400);
    expect((await post({ month: quietMonths[3], callsPerTarget: "9", seed: "1" })).status).toBe(400);
  });
});

describe("the courtesy page", () => {
  it("lists late records for reviewers, hides evaluators from the office, and refuses a bad month", async () => {
    const { loader } = await import("~/routes/_staff.courtesy._index");
    const call = await newCall(addDays(today, -40));
    const get = async (email: string, password: string, query = "") =>
      (await loader({
        request: new Request(`http://localhost/courtesy${query}`, { headers: { Cookie: await sessionCookie(email, password) } }),
        params: {},
        context: {},
      })) as Response;
    const analyst = await (await get("analyst@demo.gov.tw", "Analyst#2026")).json();
    expect(analyst.late.map((c: { id: number }) => c.id)).toContain(call.id);
    const manager = await (await get("manager@demo.gov.tw", "Manager#2026", `?month=${analyst.month}`)).json();
    expect(manager.late).toEqual([]);
    expect(manager.calls.every((c: { evaluator: string | null }) => c.evaluator === null)).toBe(true);
    const bad = await get("analyst@demo.gov.tw", "Analyst#2026", "?month=2026-1").catch((e: Response) => e);
    expect(bad.status).toBe(400);
  });
});

describe("mutual testing", () => {
  it("pairs a peer group so each office tests one other and is tested by one other, and shows the tester the extension list", async () => {
    const { action } = await import("~/routes/_staff.courtesy.plans");
    const { loader } = await import("~/routes/_staff.courtesy.mutual");
    const admin = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
    const group = await prisma.peerGroup.findFirstOrThrow({
      where: { kind: "district" },
      select: { id: true, offices: { select: { id: true } } },
    });
    const post = (fields: Record<string, string>) =>
      action({
        request: formRequest("/courtesy/plans", admin, { intent: "mutual", authority: String(authorityId), ...fields }),
        params: {},
        context: {},
      }) as Promise<Response>;
    const month = quietMonths[0];
    expect((await post({ month, group: String(group.id), seed: "3" })).status).toBe(200);
    const pairs = await prisma.mutualPair.findMany({ where: { month } });
    const ids = group.offices.map((o) => o.id).sort();
    expect(pairs.map((p) => p.testerOfficeId).sort()).toEqual(ids);
    expect(pairs.map((p) => p.testedOfficeId).sort()).toEqual(ids);
    expect(pairs.filter((p) => p.testerOfficeId === p.testedOfficeId)).toEqual([]);
    expect((await post({ month, group: String(group.id), seed: "4" })).status).toBe(400);
    expect((await post({ month, group: String(group.id), seed: "4", replace: "on" })).status).toBe(200);

    const manager = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const res = (await loader({
      request: new Request(`http://localhost/courtesy/mutual?month=${month}`, { headers: { Cookie: manager } }),
      params: {},
      context: {},
    })) as Response;
    const data = await res.json();
    const wanhua = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const mine = await prisma.mutualPair.findFirstOrThrow({
      where: { month, testerOfficeId: wanhua.id },
      select: { testedOfficeId: true },
    });
    const shown = data.pairs.find((p: { tester: { id: number } }) => p.tester.id === wanhua.id);
    expect(shown.tested.id).toBe(mine.testedOfficeId);
    expect(shown.tested.units.flatMap((u: { extensions: unknown[] }) => u.extensions).length).toBeGreaterThan(0);
  });
});
