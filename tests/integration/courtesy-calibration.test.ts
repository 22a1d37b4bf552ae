import { beforeAll, describe, expect, it } from "vitest";
import { icc } from "~/modules/analytics";
import type { CalibrationAgreement } from "~/modules/courtesy/agreement";
import * as detail from "~/routes/_staff.courtesy.calibration.$id";
import * as list from "~/routes/_staff.courtesy.calibration._index";
import { prisma } from "~/utils/db.server";
import { formRequest, get, run, sessionCookie } from "../support/session";

type Results = {
  evaluators: { evaluatorId: number; name: string; total: number; meanAbsDeviation: number | null; mostDeviant: boolean }[];
  agreement: CalibrationAgreement;
};
type DetailBody = {
  title: string;
  scenario: string;
  office: string;
  survey: { pages: { elements: { name: string }[] }[] } | null;
  myTotal: number | null;
  results: Results | null;
};

function scoreRequest(id: number, cookie: string, answers: unknown, raw?: string) {
  return new Request(`http://localhost/courtesy/calibration/${id}`, {
    method: "POST",
    body: raw ?? JSON.stringify({ answers }),
    headers: { Cookie: cookie, "Content-Type": "application/json" },
  });
}

/** What an office's results and improvement duties are computed from. */
async function officeResultCounts() {
  const [calls, submitted, reports, sum] = await Promise.all([
    prisma.testCall.count({ where: { calibrationId: null } }),
    prisma.testCall.count({ where: { calibrationId: null, status: "submitted" } }),
    prisma.improvementReport.count(),
    prisma.testCall.aggregate({ where: { calibrationId: null, status: "submitted" }, _sum: { total: true } }),
  ]);
  return { calls, submitted, reports, totalSum: sum._sum.total };
}

// The unit part of the default scale. Everyone marks the transfer item not applicable; the
// third evaluator also scores the deputy item the others left out, and is much stricter.
const UNIT_ITEMS = [
  "unitAnswered",
  "unitRings",
  "unitGreeting",
  "unitAsksNeed",
  "unitAnnouncesTransfer",
  "unitDeputy",
  "unitTone",
  "unitClosing",
  "unitAnswerCorrect",
  "unitAnswerComplete",
];
const MAXIMA = [5, 10, 6, 5, 4, 4, 4, 2, 8, 7];
const MARKS: Record<string, (number | "na")[]> = {
  first: [5, 10, 6, 5, "na", "na", 4, 2, 8, 7],
  second: [5, 10, 4, 5, "na", "na", 4, 2, 8, 5],
  third: [5, 5, 3, 3, "na", 4, 3, 1, 4, 3],
};
const answersOf = (marks: (number | "na")[], extra: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(UNIT_ITEMS.map((key, i) => [key, marks[i]])),
  rings: 3,
  secondsToAnswer: 8,
  "unitGreeting-Comment": "未報姓名",
  ...extra,
});

let analyst = "";
let manager = "";
let evaluators: string[] = [];
let evaluatorIds: number[] = [];
let officeId = 0;
let sessionId = 0;
let before: Awaited<ReturnType<typeof officeResultCounts>>;

async function results(): Promise<Results> {
  const res = await run(detail.loader, get(`/courtesy/calibration/${sessionId}`, analyst), { id: String(sessionId) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as DetailBody;
  expect(body.survey).toBeNull();
  return body.results!;
}

beforeAll(async () => {
  const password = "Evaluator#2026";
  [analyst, manager, ...evaluators] = await Promise.all([
    sessionCookie("analyst@demo.gov.tw", "Analyst#2026"),
    sessionCookie("manager@demo.gov.tw", "Manager#2026"),
    ...["evaluator", "evaluator2", "evaluator3", "evaluator4"].map((name) => sessionCookie(`${name}@demo.gov.tw`, password)),
  ]);
  evaluatorIds = await Promise.all(
    ["evaluator", "evaluator2", "evaluator3", "evaluator4"].map(
      async (name) => (await prisma.user.findUniqueOrThrow({ where: { email: `${name}@demo.gov.tw` }, select: { id: true } })).id,
    ),
  );
  officeId = (await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } })).id;
  before = await officeResultCounts();
  expect(before.submitted).toBeGreaterThan(0);
});

describe("calibration sessions", () => {
  it("lets an analyst create a session on the current scale", async () => {
    const res = await run(
      list.action,
      formRequest("/courtesy/calibration", analyst, {
        title: "115年5月校準：民政課轉接",
        scenario: "民眾來電詢問低收入戶申請應備文件，承辦人不在座位。",
        officeId: String(officeId),
        parts: "unit",
      }),
    );
    expect(res.status).toBe(302);
    const match = /^\/courtesy\/calibration\/(\d+)$/.exec(res.headers.get("Location") ?? "");
    expect(match).not.toBeNull();
    sessionId = Number(match![1]);
    const session = await prisma.calibrationSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { partsTested: true, scaleId: true },
    });
    expect(JSON.parse(session.partsTested)).toEqual(["unit"]);
    const newest = await prisma.courtesyScale.findFirstOrThrow({ orderBy: { version: "desc" }, select: { id: true } });
    expect(session.scaleId).toBe(newest.id);
    expect(await prisma.auditLog.count({ where: { action: "calibration.create", entityId: String(sessionId) } })).toBe(1);
  });

  it("refuses an unknown office or parts choice with field errors", async () => {
    const res = await run(
      list.action,
      formRequest("/courtesy/calibration", analyst, { title: "x", scenario: "y", officeId: "999999", parts: "everything" }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(body.errors.officeId).toBeDefined();
  });

  it("lists the session for evaluators, who get the scoring form but no results", async () => {
    const res = await run(list.loader, get("/courtesy/calibration", evaluators[0]));
    const body = (await res.json()) as {
      sessions: { id: number; evaluators: number; scoredByMe: boolean; officeName: string }[];
      options: unknown;
    };
    expect(body.options).toBeNull();
    expect(body.sessions.find((s) => s.id === sessionId)).toMatchObject({
      evaluators: 0,
      scoredByMe: false,
      officeName: "臺北市萬華區公所",
    });

    const page = (await (
      await run(detail.loader, get(`/courtesy/calibration/${sessionId}`, evaluators[0]), { id: String(sessionId) })
    ).json()) as DetailBody;
    expect(page.results).toBeNull();
    expect(page.scenario).toContain("低收入戶");
    const fields = page.survey!.pages[0].elements.map((e) => e.name);
    expect(fields).toContain("part_unit");
    expect(fields).not.toContain("part_switchboard");
  });

  it("shows no statistics until two evaluators have scored", async () => {
    const res = await run(detail.action, scoreRequest(sessionId, evaluators[0], answersOf(MARKS.first)), { id: String(sessionId) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, total: 100 });
    const r = await results();
    expect(r.evaluators).toHaveLength(1);
    expect(r.agreement.icc).toEqual({ ok: false, reason: "tooFewRaters" });
    expect(r.agreement.kappa).toEqual({ ok: false, reason: "tooFewRaters" });
  });

  it("refuses a second submission by the same evaluator with 409", async () => {
    const rows = await prisma.testCall.count({ where: { calibrationId: sessionId } });
    const res = await run(detail.action, scoreRequest(sessionId, evaluators[0], answersOf(MARKS.second)), { id: String(sessionId) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/只能評分一次/);
    expect(await prisma.testCall.count({ where: { calibrationId: sessionId } })).toBe(rows);
    const page = (await (
      await run(detail.loader, get(`/courtesy/calibration/${sessionId}`, evaluators[0]), { id: String(sessionId) })
    ).json()) as DetailBody;
    expect(page).toMatchObject({ survey: null, myTotal: 100 });
  });

  it("refuses bad marks and malformed bodies with 400 and writes nothing", async () => {
    const rows = await prisma.testCall.count();
    const audits = await prisma.auditLog.count();
    const bad = [
      answersOf(MARKS.second, { unitRings: 11 }), // above the item's maximum
      answersOf(MARKS.second, { unitTone: "na" }), // not applicable is not allowed here
      answersOf(MARKS.second, { unitClosing: "兩分" }),
      answersOf(MARKS.second.slice(0, 9)), // a missing mark
      answersOf(MARKS.second, { rings: -1 }),
    ];
    for (const answers of bad) {
      const res = await run(detail.action, scoreRequest(sessionId, evaluators[3], answers), { id: String(sessionId) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const raw of ["{not json", JSON.stringify({ answers: [1, 2] }), JSON.stringify({})]) {
      const res = await run(detail.action, scoreRequest(sessionId, evaluators[3], null, raw), { id: String(sessionId) });
      expect(res.status).toBe(400);
    }
    expect(await prisma.testCall.count()).toBe(rows);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("computes agreement once two evaluators have scored, but names no deviant", async () => {
    const res = await run(detail.action, scoreRequest(sessionId, evaluators[1], answersOf(MARKS.second)), { id: String(sessionId) });
    expect(res.status).toBe(200);
    const r = await results();
    expect(r.evaluators.map((e) => e.total)).toEqual([100, 91.5]);
    // Both marked the transfer and deputy items not applicable, so 8 items remain.
    const complete = UNIT_ITEMS.map((key, i) => i).filter((i) => MARKS.first[i] !== "na");
    const matrix = complete.map((i) => [(MARKS.first[i] as number) / MAXIMA[i], (MARKS.second[i] as number) / MAXIMA[i]]);
    expect(r.agreement.icc).toMatchObject({ ok: true, items: 8 });
    if (r.agreement.icc.ok) expect(r.agreement.icc.single).toBeCloseTo(icc(matrix).icc2, 10);
    expect(r.agreement.mostDeviant).toBeNull();
    const greeting = r.agreement.items.find((i) => i.key === "unitGreeting")!;
    expect(greeting).toMatchObject({ marks: [6, 4], min: 4, max: 6, modalShare: 0.5 });
  });

  it("names the evaluator who deviates most among three and leaves out items marked not applicable", async () => {
    const res = await run(detail.action, scoreRequest(sessionId, evaluators[2], answersOf(MARKS.third)), { id: String(sessionId) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(60.8);
    const r = await results();
    expect(r.agreement.raters).toBe(3);
    expect(r.agreement.mostDeviant).toBe(evaluatorIds[2]);
    expect(r.evaluators.find((e) => e.mostDeviant)?.evaluatorId).toBe(evaluatorIds[2]);
    const deputy = r.agreement.items.find((i) => i.key === "unitDeputy")!;
    expect(deputy).toMatchObject({ inStatistics: false, naCount: 2, modal: ["na"] });
    expect(r.agreement.icc).toMatchObject({ ok: true, items: 8 });
    expect(r.agreement.kappa).toMatchObject({ ok: true, items: 8 });
    const [a, b, c] = r.evaluators.map((e) => e.meanAbsDeviation!);
    expect(c).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);

    const listed = (await (await run(list.loader, get("/courtesy/calibration", evaluators[0]))).json()) as {
      sessions: { id: number; evaluators: number; scoredByMe: boolean }[];
    };
    expect(listed.sessions.find((s) => s.id === sessionId)).toMatchObject({ evaluators: 3, scoredByMe: true });
  });

  it("never counts calibration scores towards an office's results", async () => {
    expect(await officeResultCounts()).toEqual(before);
    const calibrationCalls = await prisma.testCall.findMany({
      where: { calibrationId: sessionId, status: "submitted" },
      select: { officeId: true, total: true },
    });
    expect(calibrationCalls).toHaveLength(3);
    expect(calibrationCalls.every((c) => c.officeId === officeId)).toBe(true);
  });

  it("keeps managers out and lets only evaluators score", async () => {
    expect((await run(list.loader, get("/courtesy/calibration", manager))).status).toBe(403);
    expect((await run(detail.loader, get(`/courtesy/calibration/${sessionId}`, manager), { id: String(sessionId) })).status).toBe(403);
    expect(
      (
        await run(
          list.action,
          formRequest("/courtesy/calibration", manager, { title: "x", scenario: "y", officeId: String(officeId), parts: "unit" }),
        )
      ).status,
    ).toBe(403);
    expect((await run(detail.action, scoreRequest(sessionId, manager, answersOf(MARKS.first)), { id: String(sessionId) })).status).toBe(
      403,
    );
    expect((await run(detail.action, scoreRequest(sessionId, analyst, answersOf(MARKS.first)), { id: String(sessionId) })).status).toBe(
      403,
    );
    expect((await run(detail.loader, get("/courtesy/calibration/999999", analyst), { id: "999999" })).status).toBe(404);
  });
});
