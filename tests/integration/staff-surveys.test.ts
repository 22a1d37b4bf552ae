import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as editSurvey } from "~/routes/_staff.admin.surveys.$id";
import { action as createSurvey } from "~/routes/_staff.admin.surveys._index";
import { action as updateCase, loader as viewCase } from "~/routes/_staff.follow-ups.$id";
import { loader as officePage } from "~/routes/_staff.offices.$id";
import { formRequest, sessionCookie } from "../support/session";

const admin = () => sessionCookie("admin@demo.gov.tw", "Admin#2026");
const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );

describe("questionnaire versions", () => {
  it("saving a definition that has responses creates the next version and moves its channels", async () => {
    const def = await prisma.surveyDefinition.findUniqueOrThrow({
      where: { key: "citizen-satisfaction" },
      select: { id: true, versions: { select: { id: true, json: true } } },
    });
    expect(def.versions).toHaveLength(1);
    const json = JSON.parse(def.versions[0].json);
    json.pages[0].elements.push({
      type: "rating",
      name: "env_parking",
      title: "停車便利",
      dimension: "environment",
      rateValues: [1, 2, 3, 4, 5],
    });
    const res = (await editSurvey({
      request: formRequest(`/admin/surveys/${def.id}`, await admin(), { json: JSON.stringify(json) }),
      params: { id: String(def.id) },
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, created: true, version: 2 });
    const versions = await prisma.surveyVersion.findMany({
      where: { definitionId: def.id },
      orderBy: { version: "asc" },
      select: { id: true, json: true },
    });
    expect(versions).toHaveLength(2);
    expect(versions[0].json).toBe(def.versions[0].json); // the answered version is untouched
    expect(await prisma.channel.count({ where: { versionId: versions[0].id } })).toBe(0);
    expect(await prisma.channel.count({ where: { versionId: versions[1].id } })).toBe(24);
    expect(await prisma.auditLog.count({ where: { action: "survey.version.create", entityId: String(def.id) } })).toBe(1);

    // Saving again while version 2 has no responses updates it in place.
    const again = (await editSurvey({
      request: formRequest(`/admin/surveys/${def.id}`, await admin(), { json: JSON.stringify({ ...json, title: "改版問卷" }) }),
      params: { id: String(def.id) },
      context: {},
    })) as Response;
    expect(await again.json()).toMatchObject({ ok: true, created: false, version: 2 });
  });

  it.each([
    ["invalid JSON", "{ not json", /JSON 格式錯誤/],
    ["an unknown question type", JSON.stringify({ pages: [{ elements: [{ type: "ratingz", name: "a" }] }] }), /SurveyJS/],
    ["no questions", JSON.stringify({ title: "空" }), /至少需要一個題目/],
  ])("rejects %s with 400 and keeps the versions as they were", async (_label, text, message) => {
    const def = await prisma.surveyDefinition.findUniqueOrThrow({ where: { key: "staff-satisfaction" }, select: { id: true } });
    const before = await prisma.surveyVersion.findMany({ where: { definitionId: def.id }, select: { json: true } });
    const res = (await editSurvey({
      request: formRequest(`/admin/surveys/${def.id}`, await admin(), { json: text }),
      params: { id: String(def.id) },
      context: {},
    })) as Response;
    expect(res.status).toBe(400);
    expect((await res.json()).errors.join(" ")).toMatch(message);
    expect(await prisma.surveyVersion.findMany({ where: { definitionId: def.id }, select: { json: true } })).toEqual(before);
  });

  it("creates a questionnaire from a template and refuses a taken key", async () => {
    const cookie = await admin();
    const res = await createSurvey({
      request: formRequest("/admin/surveys", cookie, { key: "event-2026", kind: "custom", template: "" }),
      params: {},
      context: {},
    });
    expect(res.status).toBe(302);
    const dup = await createSurvey({
      request: formRequest("/admin/surveys", cookie, { key: "event-2026", kind: "custom", template: "" }),
      params: {},
      context: {},
    });
    expect(dup.status).toBe(400);
    expect(await prisma.surveyDefinition.count({ where: { key: "event-2026" } })).toBe(1);
  });
});

describe("follow-up cases and the office page", () => {
  it("a manager resolves a case of their office; the resolution note is required", async () => {
    const cookie = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const c = await prisma.followUpCase.findFirstOrThrow({
      where: { officeId: office.id, status: { not: "resolved" } },
      select: { id: true },
    });
    const params = { id: String(c.id) };
    const missing = (await updateCase({
      request: formRequest(`/follow-ups/${c.id}`, cookie, { status: "resolved", resolution: "" }),
      params,
      context: {},
    })) as Response;
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain("結案時須填寫處理情形");
    expect((await prisma.followUpCase.findUniqueOrThrow({ where: { id: c.id } })).status).not.toBe("resolved");

    const ok = (await updateCase({
      request: formRequest(`/follow-ups/${c.id}`, cookie, { status: "resolved", resolution: "已致電說明並改善排隊動線" }),
      params,
      context: {},
    })) as Response;
    expect(ok.status).toBe(200);
    const after = await prisma.followUpCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: "resolved", resolution: "已致電說明並改善排隊動線" });
    expect(after.resolvedAt).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { entity: "FollowUpCase", entityId: String(c.id) } })).toBe(1);
  });

  it("a manager cannot open another office's case or page (403), and unknown ids are 404", async () => {
    const cookie = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const other = await prisma.followUpCase.findFirstOrThrow({
      where: { office: { name: "臺北市信義區公所" } },
      select: { id: true, officeId: true },
    });
    const req = (url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
    expect(
      (await caught(viewCase({ request: req(`/follow-ups/${other.id}`), params: { id: String(other.id) }, context: {} }))).status,
    ).toBe(403);
    expect(
      (await caught(officePage({ request: req(`/offices/${other.officeId}`), params: { id: String(other.officeId) }, context: {} })))
        .status,
    ).toBe(403);
    expect((await caught(viewCase({ request: req("/follow-ups/99999999"), params: { id: "99999999" }, context: {} }))).status).toBe(404);
    expect((await caught(officePage({ request: req("/offices/abc"), params: { id: "abc" }, context: {} }))).status).toBe(404);
  });

  it("the office page's figures come from the stored answers", async () => {
    const cookie = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const { month } = await prisma.response.findFirstOrThrow({
      where: { officeId: office.id },
      orderBy: { submittedAt: "desc" },
      select: { month: true },
    });
    const res = (await officePage({
      request: new Request(`http://localhost/offices/${office.id}?month=${month}`, { headers: { Cookie: cookie } }),
      params: { id: String(office.id) },
      context: {},
    })) as Response;
    const data = await res.json();
    // Independent count: respondents (non-duplicate) whose overall answer is 4 or 5.
    const overall = await prisma.answer.findMany({
      where: { officeId: office.id, month, dimension: "overall", response: { duplicate: false } },
      select: { value: true },
    });
    const satisfied = overall.filter((a) => a.value >= 4).length;
    const row = data.figures.dimensions.find((d: { dimension: string }) => d.dimension === "overall");
    expect(row.figure.n).toBe(overall.length);
    expect(row.figure.satisfied).toBeCloseTo(satisfied / overall.length, 12);
    expect(data.figures.trend).toHaveLength(12);
    expect(data.figures.peerRanking).toHaveLength(12);
    const bad = await caught(
      officePage({
        request: new Request(`http://localhost/offices/${office.id}?month=2026-13`, { headers: { Cookie: cookie } }),
        params: { id: String(office.id) },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
  });
});
