import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { startServer, type RunningServer } from "../support/server";
import { RATED } from "../support/citizen";

/**
 * The public submission API as a kiosk or partner app meets it: through the production
 * server, where `app/cli/start.ts` calls the route's action without Remix's router. Every
 * reply the route gives through Remix must come out the same here: the stored rows, the
 * per-question 400, 404, 410, 413, 415 and 429, each in zh-TW, and nothing written by a
 * refusal. Due dates are counted in the test from the calendar rows themselves.
 */
let server: RunningServer;
const answers = (value: number, extra: Record<string, unknown> = {}) => ({ ...Object.fromEntries(RATED.map((n) => [n, value])), ...extra });

function post(code: string, body: string, headers: Record<string, string> = { "Content-Type": "application/json" }) {
  return fetch(`${server.url}/api/v1/channels/${code}/responses`, { method: "POST", body, headers });
}
const postAnswers = (code: string, value: Record<string, unknown>) => post(code, JSON.stringify({ answers: value }));

async function counts() {
  return { responses: await prisma.response.count(), answers: await prisma.answer.count(), cases: await prisma.followUpCase.count() };
}

/**
 * Today in Taipei, then the third day after it that the calendar table marks as worked;
 * null when the table ends before it (next year's calendar not imported yet), as the
 * product leaves the due date pending then.
 */
async function thirdWorkedDayAfterToday(): Promise<string | null> {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date());
  const later = await prisma.calendarDay.findMany({ where: { date: { gt: today }, isHoliday: false }, orderBy: { date: "asc" }, take: 3 });
  return later[2]?.date ?? null;
}

beforeAll(async () => {
  const demo = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" } });
  const { id: _id, code: _code, createdAt: _created, ...copy } = demo;
  await prisma.channel.create({ data: { ...copy, code: "api-closed", closesAt: new Date("2020-01-01T00:00:00Z") } });
  await prisma.channel.create({ data: { ...copy, code: "api-limit" } });
  server = await startServer();
}, 240_000);
afterAll(() => server?.stop());

describe("POST /api/v1/channels/:code/responses through the production server", () => {
  it("stores a response, its answer rows and a follow-up case due on the third worked day: 201", async () => {
    const before = await counts();
    const res = await postAnswers("demo", answers(4, { overall: 1, comment: "排隊太久" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await res.json()) as { id: number; duplicate: boolean };
    expect(body.duplicate).toBe(false);
    const stored = await prisma.response.findUniqueOrThrow({
      where: { id: body.id },
      select: { answers: true, answerRows: { select: { questionName: true, value: true } }, followUp: { select: { dueDate: true } } },
    });
    expect(JSON.parse(stored.answers)).toMatchObject({ overall: 1, comment: "排隊太久" });
    expect(stored.answerRows).toHaveLength(RATED.length);
    expect(stored.answerRows.find((a) => a.questionName === "overall")?.value).toBe(1);
    expect(stored.followUp).not.toBeNull();
    expect(stored.followUp!.dueDate).toBe(await thirdWorkedDayAfterToday());
    expect(await counts()).toEqual({
      responses: before.responses + 1,
      answers: before.answers + RATED.length,
      cases: before.cases + 1,
    });
  });

  it("refuses an answer outside the scale and a missing required one per question: 400, nothing stored", async () => {
    const before = await counts();
    const res = await postAnswers("demo", answers(4, { [RATED[0]]: 9, overall: undefined }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; errors: Record<string, string[]> };
    expect(body.error).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(body.errors).sort()).toEqual([RATED[0], "overall"].sort());
    for (const messages of Object.values(body.errors)) expect(messages.join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts()).toEqual(before);
  });

  it("answers an unknown channel with 404, a closed one with 410, JSON of the wrong type with 415 and a body too large with 413", async () => {
    const before = await counts();
    const valid = JSON.stringify({ answers: answers(5) });
    const replies = [
      await post("no-such-channel", valid),
      await post("api-closed", valid),
      await post("demo", valid, { "Content-Type": "text/plain" }),
      await post("demo", JSON.stringify({ answers: answers(5, { comment: "長".repeat(70_000) }) })),
      await post("demo", "{not json", { "Content-Type": "application/json" }),
    ];
    expect(replies.map((r) => r.status)).toEqual([404, 410, 415, 413, 400]);
    for (const reply of replies) expect(((await reply.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts()).toEqual(before);
  });

  it("limits one address on one channel to 30 answers a minute: the next gets 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await postAnswers("api-limit", answers(5))).status);
    expect(statuses).toEqual(Array(30).fill(201));
    const limited = await postAnswers("api-limit", answers(5));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
  });
});
