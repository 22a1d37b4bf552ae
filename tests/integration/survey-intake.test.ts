import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetRateLimits } from "~/utils/rate-limit.server";
import { issueFillToken } from "~/modules/surveys/fill-token.server";
import { action as apiSubmit } from "~/routes/api.v1.channels.$code.responses";
import { loader as apiChannel } from "~/routes/api.v1.channels.$code";
import { action as pageSubmit, loader as pageLoader } from "~/routes/s.$code";
import { RATED } from "../support/citizen";

const answers = (value = 4, extra: Record<string, unknown> = {}) => ({ ...Object.fromEntries(RATED.map((n) => [n, value])), ...extra });

function apiPost(code: string, body: unknown, ip = "10.0.0.1") {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const request = new Request(`http://localhost/api/v1/channels/${code}/responses`, {
    method: "POST",
    body: text,
    headers: { "Content-Type": "application/json" },
  });
  return apiSubmit({ request, params: { code }, context: { clientIp: ip } });
}

function pagePost(code: string, body: Record<string, unknown>, cookie = "sqp_bid=11111111-2222-3333-4444-555555555555") {
  const request = new Request(`http://localhost/s/${code}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Cookie: cookie },
  });
  return pageSubmit({ request, params: { code }, context: { clientIp: "10.0.0.2" } });
}

async function counts() {
  return { responses: await prisma.response.count(), answers: await prisma.answer.count(), cases: await prisma.followUpCase.count() };
}

beforeEach(() => resetRateLimits());

describe("POST /api/v1/channels/:code/responses", () => {
  it("stores a valid response with one answer row per rated question: 201", async () => {
    const before = await counts();
    const res = await apiPost("demo", { answers: answers(4, { comment: "很方便" }) });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = await prisma.response.findUniqueOrThrow({
      where: { id },
      select: { officeId: true, answers: true, answerRows: { select: { dimension: true } }, channel: { select: { code: true } } },
    });
    expect(stored.channel.code).toBe("demo");
    expect(stored.answerRows).toHaveLength(11);
    expect(new Set(stored.answerRows.map((a) => a.dimension))).toEqual(
      new Set(["environment", "courtesy", "professionalism", "measures", "overall"]),
    );
    expect(await counts()).toEqual({ ...before, responses: before.responses + 1, answers: before.answers + 11 });
  });

  it("opens a follow-up case, due in 3 working days, owned by the office's manager, for a low rating", async () => {
    const res = await apiPost("demo", {
      answers: answers(4, { overall: 1, contact_consent: true, contact_name: "王先生", contact_phone: "0912345678" }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const c = await prisma.followUpCase.findUniqueOrThrow({
      where: { responseId: id },
      select: { reason: true, contact: true, dueDate: true, status: true, owner: { select: { email: true } } },
    });
    expect(c).toMatchObject({
      reason: "followUp.reason.lowRating",
      contact: "王先生 / 0912345678",
      status: "open",
      owner: { email: "manager@demo.gov.tw" },
    });
    expect(c.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stored = await prisma.response.findUniqueOrThrow({ where: { id }, select: { answers: true } });
    expect(stored.answers).not.toContain("0912345678");
  });

  it("refuses invalid answers with 400 and a zh-TW message per question, storing nothing", async () => {
    const before = await counts();
    const res = await apiPost("demo", { answers: answers(4, { env_clean: 9, overall: undefined }) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(/題/);
    expect(Object.keys(body.errors).sort()).toEqual(["env_clean", "overall"]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["not JSON", "{answers:"],
    ["no answers object", { answers: "x" }],
    ["an array", [1, 2]],
  ])("refuses %s with 400", async (_label, body) => {
    const before = await counts();
    expect((await apiPost("demo", body)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for an unknown channel and 410 for a closed one", async () => {
    expect((await apiPost("nope", { answers: answers() })).status).toBe(404);
    const channel = await prisma.channel.findFirstOrThrow({ where: { code: { not: "demo" } }, select: { id: true, code: true } });
    await prisma.channel.update({ where: { id: channel.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const before = await counts();
    const res = await apiPost(channel.code, { answers: answers() });
    expect(res.status).toBe(410);
    expect((await res.json()).error).toContain("已結束");
    expect(await counts()).toEqual(before);
  });

  it("refuses a body over 64 KB with 413, storing nothing", async () => {
    const before = await counts();
    const res = await apiPost("demo", { answers: answers(4, { comment: "x".repeat(70_000) }) });
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("answers 429 when one client sends too many in a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await apiPost("demo", "{}", "10.9.9.9")).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client is unaffected.
    expect((await apiPost("demo", "{}", "10.9.9.10")).status).toBe(400);
  });
});

describe("the survey page's action", () => {
  const token = () => issueFillToken("demo", Date.now() - 10_000);

  it("redirects to the thank-you page and flags the same browser's second answer within a day", async () => {
    const cookie = `sqp_bid=${crypto.randomUUID()}`;
    const first = await pagePost("demo", { answers: answers(), fillToken: token() }, cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/s/demo/thanks");
    const second = await pagePost("demo", { answers: answers(), fillToken: token() }, cookie);
    expect(second.status).toBe(302);
    const latest = await prisma.response.findMany({ orderBy: { id: "desc" }, take: 2, select: { duplicate: true, durationMs: true } });
    expect(latest.map((r) => r.duplicate)).toEqual([true, false]);
    expect(latest[0].durationMs).toBeGreaterThanOrEqual(10_000);
  });

  it("refuses a filled honeypot, a forged token and a too-fast fill with 400, storing nothing", async () => {
    const before = await counts();
    expect((await pagePost("demo", { answers: answers(), fillToken: token(), website: "http://spam" })).status).toBe(400);
    expect((await pagePost("demo", { answers: answers(), fillToken: "demo.1.forged" })).status).toBe(400);
    const fast = await pagePost("demo", { answers: answers(), fillToken: issueFillToken("demo") });
    expect(fast.status).toBe(400);
    expect((await fast.json()).error).toContain("填答時間過短");
    // A token issued for another channel does not count either.
    expect((await pagePost("demo", { answers: answers(), fillToken: issueFillToken("other", Date.now() - 10_000) })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("the page loader gives 404 and 410 like the API", async () => {
    const call = (code: string) =>
      pageLoader({ request: new Request(`http://localhost/s/${code}`), params: { code }, context: {} }).catch((e: Response) => e);
    expect((await call("nope")).status).toBe(404);
    const ok = await call("demo");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Set-Cookie")).toMatch(/sqp_bid=.*HttpOnly; SameSite=Lax/);
    await prisma.channel.update({ where: { code: "demo" }, data: { opensAt: new Date(Date.now() + 86_400_000) } });
    expect((await call("demo")).status).toBe(410);
    await prisma.channel.update({ where: { code: "demo" }, data: { opensAt: null } });
  });
});

describe("GET /api/v1/channels/:code", () => {
  it("returns the office, version and SurveyJS JSON", async () => {
    const res = await apiChannel({ request: new Request("http://localhost/api/v1/channels/demo"), params: { code: "demo" }, context: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { office: { name: string }; version: number; survey: { pages: Array<{ elements: unknown[] }> } };
    expect(body.office.name).toBe("臺北市萬華區公所");
    expect(body.version).toBe(1);
    expect(body.survey.pages[0].elements.length).toBeGreaterThan(3);
  });
});
