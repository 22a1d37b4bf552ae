import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { ratingStats } from "~/modules/reports/satisfaction.server";
import { rebuildMonthlyStats } from "~/modules/reports/monthly-stats.server";
import { action, loader } from "~/routes/_staff.responses.duplicates";
import { formRequest, sessionCookie } from "../support/session";

const URL_PATH = "/responses/duplicates";
const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );

type Listed = {
  responses: Array<{ id: number; office: { name: string }; duplicate: boolean; answers: Array<{ title: string; value: string }> }>;
  total: number;
  csrf: string;
};

async function list(cookie: string, query = ""): Promise<Listed> {
  const res = await caught(
    loader({ request: new Request(`http://localhost${URL_PATH}${query}`, { headers: { Cookie: cookie } }), params: {}, context: {} }),
  );
  expect(res.status).toBe(200);
  return res.json();
}

async function send(cookie: string, fields: Record<string, string>) {
  return caught(action({ request: formRequest(URL_PATH, cookie, fields), params: {}, context: {} }));
}

const users = {
  wanhua: () => sessionCookie("manager@demo.gov.tw", "Manager#2026"),
  xinyi: () => sessionCookie("manager.xinyi-district@demo.gov.tw", "Manager#2026"),
  analyst: () => sessionCookie("analyst@demo.gov.tw", "Analyst#2026"),
  admin: () => sessionCookie("admin@demo.gov.tw", "Admin#2026"),
};

let wanhua: { id: number };
let xinyi: { id: number };
let otherAuthorityResponse: number;

beforeAll(async () => {
  wanhua = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
  xinyi = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市信義區公所" }, select: { id: true } });
  // Each office has at least one flagged response with rated answers, whatever the seed drew.
  for (const office of [wanhua, xinyi]) {
    const r = await prisma.response.findFirstOrThrow({
      where: { officeId: office.id, answerRows: { some: { dimension: "overall" } } },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    await prisma.response.update({ where: { id: r.id }, data: { duplicate: true } });
  }
  // A second authority with one office and one flagged response, outside the analyst's reach.
  const authority = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  const kind = await prisma.office.findUniqueOrThrow({ where: { id: wanhua.id }, select: { kind: true } });
  const office = await prisma.office.create({
    data: { name: "新北市板橋區公所", kind: kind.kind, city: "新北市", district: "板橋區", authorityId: authority.id },
  });
  const version = await prisma.surveyVersion.findFirstOrThrow({ select: { id: true } });
  const channel = await prisma.channel.create({ data: { code: "banqiao", label: "服務台", officeId: office.id, versionId: version.id } });
  const month = (await prisma.response.findFirstOrThrow({ orderBy: { id: "desc" }, select: { month: true } })).month;
  otherAuthorityResponse = (
    await prisma.response.create({
      data: {
        channelId: channel.id,
        versionId: version.id,
        officeId: office.id,
        answers: JSON.stringify({ overall: 3 }),
        month,
        duplicate: true,
      },
    })
  ).id;
  // Flags set straight in the table bypass the kept statistics: recount them as a bulk import would.
  await rebuildMonthlyStats(prisma);
});

describe("duplicate review list", () => {
  it("shows a manager only their office's flagged responses, with their answers", async () => {
    const page = await list(await users.wanhua());
    const expected = await prisma.response.count({ where: { officeId: wanhua.id, duplicate: true } });
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    expect(page.responses.every((r) => r.office.name === "臺北市萬華區公所" && r.duplicate)).toBe(true);
    expect(page.responses[0].answers.some((a) => a.title === "整體而言，您對本次服務的滿意程度")).toBe(true);
  });

  it("shows an analyst their authority's offices only, an admin every office", async () => {
    const authorityId = (
      await prisma.authority.findFirstOrThrow({
        where: { name: { not: "新北市政府民政局" } },
        orderBy: { id: "asc" },
        select: { id: true },
      })
    ).id;
    const analyst = await list(await users.analyst());
    expect(analyst.total).toBe(await prisma.response.count({ where: { duplicate: true, office: { authorityId } } }));
    expect(analyst.responses.some((r) => r.id === otherAuthorityResponse)).toBe(false);
    const admin = await list(await users.admin());
    expect(admin.total).toBe(await prisma.response.count({ where: { duplicate: true } }));
    expect(admin.responses.some((r) => r.id === otherAuthorityResponse)).toBe(true);
  });

  it("keeps evaluators out", async () => {
    const cookie = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    const res = await caught(
      loader({ request: new Request(`http://localhost${URL_PATH}`, { headers: { Cookie: cookie } }), params: {}, context: {} }),
    );
    expect(res.status).toBe(403);
  });
});

describe("un-flagging and flagging back", () => {
  it("a manager clears their office's response: it counts in the satisfaction figures again, audited; flagging back takes it out", async () => {
    const cookie = await users.wanhua();
    const { responses, csrf } = await list(cookie);
    const target = await prisma.response.findUniqueOrThrow({
      where: { id: responses[0].id },
      select: { id: true, month: true, answerRows: { where: { dimension: "overall" }, select: { value: true } } },
    });
    const citizen = await prisma.surveyDefinition.findFirstOrThrow({ where: { kind: "citizen" }, select: { id: true } });
    const overall = async () =>
      (await ratingStats(prisma, citizen.id, [wanhua.id], [target.month])).find((s) => s.dimension === "overall")!;
    // The figure recomputed from raw rows: one overall answer per counted response.
    const rawOverall = async () =>
      prisma.answer.aggregate({
        where: { officeId: wanhua.id, month: target.month, dimension: "overall", response: { duplicate: false } },
        _count: true,
        _sum: { value: true },
      });
    const before = await overall();

    const res = await send(cookie, { csrf, intent: "clear", responseId: String(target.id) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, message: "已解除重複標記，這份填答將列入統計。" });
    const cleared = await prisma.response.findUniqueOrThrow({
      where: { id: target.id },
      select: { duplicate: true, duplicateReviewedAt: true },
    });
    expect(cleared.duplicate).toBe(false);
    expect(cleared.duplicateReviewedAt).not.toBeNull();
    const after = await overall();
    const raw = await rawOverall();
    expect(after.n).toBe(before.n + 1);
    expect(after.sum).toBe(before.sum + target.answerRows[0].value);
    expect({ n: after.n, sum: after.sum }).toEqual({ n: raw._count, sum: raw._sum.value });
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.gov.tw" }, select: { id: true } });
    expect(
      await prisma.auditLog.count({
        where: { action: "response.duplicate.clear", entity: "Response", entityId: String(target.id), actorId: manager.id },
      }),
    ).toBe(1);

    // Listed under "cleared", from where it can be flagged again.
    expect((await list(cookie, "?view=cleared")).responses.map((r) => r.id)).toContain(target.id);
    expect((await send(cookie, { csrf, intent: "flag", responseId: String(target.id) })).status).toBe(200);
    expect((await prisma.response.findUniqueOrThrow({ where: { id: target.id }, select: { duplicate: true } })).duplicate).toBe(true);
    expect((await overall()).n).toBe(before.n);
    expect(await prisma.auditLog.count({ where: { action: "response.duplicate.flag", entityId: String(target.id) } })).toBe(1);
  });

  it("answers 404 for another office's response (and another authority's), changing nothing", async () => {
    const xinyiResponse = await prisma.response.findFirstOrThrow({ where: { officeId: xinyi.id, duplicate: true }, select: { id: true } });
    const wanhuaCookie = await users.wanhua();
    const { csrf } = await list(wanhuaCookie);
    const audits = await prisma.auditLog.count();
    expect((await send(wanhuaCookie, { csrf, intent: "clear", responseId: String(xinyiResponse.id) })).status).toBe(404);
    const analystCookie = await users.analyst();
    const analystCsrf = (await list(analystCookie)).csrf;
    expect((await send(analystCookie, { csrf: analystCsrf, intent: "clear", responseId: String(otherAuthorityResponse) })).status).toBe(
      404,
    );
    expect(await prisma.response.count({ where: { id: { in: [xinyiResponse.id, otherAuthorityResponse] }, duplicate: true } })).toBe(2);
    expect(await prisma.auditLog.count()).toBe(audits);
    // The office's own manager may.
    const xinyiCookie = await users.xinyi();
    expect(
      (await send(xinyiCookie, { csrf: (await list(xinyiCookie)).csrf, intent: "clear", responseId: String(xinyiResponse.id) })).status,
    ).toBe(200);
  });

  it("refuses a post without this sign-in's CSRF token with 403, changing nothing", async () => {
    const cookie = await users.wanhua();
    const { responses } = await list(cookie);
    const otherCsrf = (await list(await users.xinyi())).csrf;
    for (const csrf of [undefined, "forged", otherCsrf]) {
      const res = await send(cookie, { ...(csrf ? { csrf } : {}), intent: "clear", responseId: String(responses[0].id) });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toContain("請重新整理頁面");
    }
    expect((await prisma.response.findUniqueOrThrow({ where: { id: responses[0].id }, select: { duplicate: true } })).duplicate).toBe(true);
  });

  it("answers 400 for an unknown intent and 404 for a malformed id or a response that was never flagged", async () => {
    const cookie = await users.wanhua();
    const { responses, csrf } = await list(cookie);
    expect((await send(cookie, { csrf, intent: "delete", responseId: String(responses[0].id) })).status).toBe(400);
    expect((await send(cookie, { csrf, intent: "clear", responseId: "1; DROP" })).status).toBe(404);
    const neverFlagged = await prisma.response.findFirstOrThrow({
      where: { officeId: wanhua.id, duplicate: false, duplicateReviewedAt: null },
      select: { id: true },
    });
    expect((await send(cookie, { csrf, intent: "flag", responseId: String(neverFlagged.id) })).status).toBe(404);
    expect((await prisma.response.findUniqueOrThrow({ where: { id: neverFlagged.id }, select: { duplicate: true } })).duplicate).toBe(
      false,
    );
  });
});
