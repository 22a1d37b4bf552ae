import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as submitApi } from "~/routes/api.v1.channels.$code.responses";
import { action as loginAction } from "~/routes/login";
import { action as updateCase } from "~/routes/_staff.follow-ups.$id";
import { action as createUser } from "~/routes/_staff.admin.users._index";
import { action as editSurvey } from "~/routes/_staff.admin.surveys.$id";
import { sessionCookie } from "../support/session";

/**
 * Classes of bad input against the public answer API, the login form and two staff forms.
 * Each case states the status and the zh-TW message it must get, and no row may change:
 * a refusal is never half-written and never a 500.
 */
type Case = { name: string; status: number; message: RegExp; body: BodyInit; type?: string };

let seq = 0;
const ip = () => `10.66.${Math.floor(++seq / 250)}.${seq % 250}`;

async function outcome(handler: (a: never) => Promise<unknown>, request: Request, params: Record<string, string> = {}) {
  let res: Response;
  try {
    res = (await handler({ request, params, context: { clientIp: ip() } } as never)) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    res = thrown;
  }
  const text = await res.text();
  return { status: res.status, text };
}

async function rowCounts() {
  const [responses, answers, users, cases, versions, audit] = await Promise.all([
    prisma.response.count(),
    prisma.answer.count(),
    prisma.user.count(),
    prisma.followUpCase.count({ where: { status: "resolved" } }),
    prisma.surveyVersion.count(),
    prisma.auditLog.count(),
  ]);
  return { responses, answers, users, cases, versions, audit };
}

const nested = (depth: number, open: string, close: string, inner = "5") => open.repeat(depth) + inner + close.repeat(depth);
const answers = (inner: string) => `{"answers":${inner}}`;

const API_CASES: Case[] = [
  { name: "key constructor", status: 400, message: /不允許的欄位名稱「constructor」/, body: answers('{"constructor":5}') },
  { name: "key __proto__", status: 400, message: /不允許的欄位名稱「__proto__」/, body: answers('{"__proto__":{"overall":5}}') },
  { name: "key prototype, nested", status: 400, message: /「prototype」/, body: answers('{"m":{"prototype":1}}') },
  { name: "key toString", status: 400, message: /"toString":\["此欄位不是本問卷的題目/, body: answers('{"toString":5}') },
  { name: "key valueOf", status: 400, message: /"valueOf":\["此欄位不是本問卷的題目/, body: answers('{"valueOf":5}') },
  { name: "objects nested 5,000 deep", status: 400, message: /層次過深/, body: answers(`{"overall":${nested(5000, '{"a":', "}")}}`) },
  { name: "arrays nested 5,000 deep", status: 400, message: /層次過深/, body: answers(`{"overall":${nested(5000, "[", "]")}}`) },
  { name: "NUL in a comment", status: 400, message: /NUL/, body: answers('{"comment":"a\\u0000b"}') },
  { name: "lone high surrogate", status: 400, message: /代理字元/, body: answers('{"comment":"\\ud800x"}') },
  { name: "lone low surrogate", status: 400, message: /代理字元/, body: answers('{"comment":"\\udc00"}') },
  {
    name: "invalid UTF-8 bytes",
    status: 400,
    message: /UTF-8/,
    body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { name: "overlong UTF-8", status: 400, message: /UTF-8/, body: new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]) },
  { name: "text/plain posing as JSON", status: 415, message: /application\/json/, body: answers("{}"), type: "text/plain" },
  { name: "form-encoded", status: 415, message: /application\/json/, body: "answers=1", type: "application/x-www-form-urlencoded" },
  { name: "no content type", status: 415, message: /application\/json/, body: answers("{}"), type: "" },
  { name: "not JSON", status: 400, message: /JSON/, body: "{answers:" },
  { name: "JSON null", status: 400, message: /./, body: "null" },
  { name: "answers as a list", status: 400, message: /./, body: answers("[1,2,3]") },
  { name: "answers as a string", status: 400, message: /./, body: answers('"overall=5"') },
  { name: "a rating out of range", status: 400, message: /./, body: answers('{"overall":99}') },
  { name: "a rating as text", status: 400, message: /./, body: answers('{"overall":"5; DROP TABLE"}') },
  { name: "an unknown question", status: 400, message: /不是本問卷的題目/, body: answers('{"no_such_question":1}') },
  {
    name: "too many keys",
    status: 400,
    message: /欄位過多/,
    body: answers(JSON.stringify(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 1])))),
  },
  { name: "over 64 KB", status: 413, message: /64 KB/, body: answers(JSON.stringify({ comment: "x".repeat(70_000) })) },
];

describe("the public answer API refuses bad input", () => {
  it.each(API_CASES)("$name → $status", async (c) => {
    const before = await rowCounts();
    const headers: Record<string, string> = c.type === "" ? {} : { "Content-Type": c.type ?? "application/json" };
    const request = new Request("http://localhost/api/v1/channels/demo/responses", { method: "POST", body: c.body, headers });
    if (c.type === "") request.headers.delete("content-type");
    const got = await outcome(submitApi, request, { code: "demo" });
    expect(got.status, got.text).toBe(c.status);
    // The summary or the per-question messages: either names the problem in zh-TW.
    expect(got.text).toMatch(c.message);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("forms refuse bodies that are not forms", () => {
  let manager: string;
  let admin: string;
  let caseId: number;
  let definitionId: number;
  beforeAll(async () => {
    manager = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    admin = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    caseId = (
      await prisma.followUpCase.findFirstOrThrow({ where: { officeId: office.id, status: { not: "resolved" } }, select: { id: true } })
    ).id;
    definitionId = (await prisma.surveyDefinition.findFirstOrThrow({ where: { kind: "citizen" }, select: { id: true } })).id;
  });

  const FORM_CASES: Array<{ name: string; type: string; body: string; status: number; message: RegExp }> = [
    { name: "JSON", type: "application/json", body: '{"status":"resolved"}', status: 415, message: /表單格式/ },
    { name: "text/plain posing as a form", type: "text/plain", body: "status=resolved&resolution=x", status: 415, message: /表單格式/ },
    {
      name: "a broken multipart body",
      type: "multipart/form-data; boundary=zz",
      body: "--zz\r\nbroken",
      status: 400,
      message: /表單資料格式錯誤/,
    },
  ];

  it.each(FORM_CASES)("login: $name → $status", async (c) => {
    const before = await rowCounts();
    const got = await outcome(
      loginAction,
      new Request("http://localhost/login", { method: "POST", body: c.body, headers: { "Content-Type": c.type } }),
    );
    expect(got.status).toBe(c.status);
    expect(JSON.parse(got.text).error).toMatch(c.message);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(FORM_CASES)("a follow-up case: $name → $status, the case unchanged", async (c) => {
    const before = await rowCounts();
    const request = new Request(`http://localhost/follow-ups/${caseId}`, {
      method: "POST",
      body: c.body,
      headers: { "Content-Type": c.type, Cookie: manager },
    });
    const got = await outcome(updateCase, request, { id: String(caseId) });
    expect(got.status).toBe(c.status);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(FORM_CASES)("creating a user: $name → $status, nobody created", async (c) => {
    const before = await rowCounts();
    const request = new Request("http://localhost/admin/users", {
      method: "POST",
      body: c.body,
      headers: { "Content-Type": c.type, Cookie: admin },
    });
    const got = await outcome(createUser, request);
    expect(got.status).toBe(c.status);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    {
      name: "3,000 nested panels",
      json: `{"pages":[{"elements":[${nested(3000, '{"type":"panel","name":"p","elements":[', "]}", '{"type":"text","name":"q"}')}]}]}`,
      message: /層次過深/,
    },
    {
      name: "a __proto__ key",
      json: '{"pages":[{"elements":[{"type":"text","name":"q","__proto__":{"isRequired":true}}]}]}',
      message: /__proto__/,
    },
  ])("the questionnaire editor: $name → 400, no new version", async (c) => {
    const before = await rowCounts();
    const request = new Request(`http://localhost/admin/surveys/${definitionId}`, {
      method: "POST",
      body: new URLSearchParams({ json: c.json }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: admin },
    });
    const got = await outcome(editSurvey, request, { id: String(definitionId) });
    expect(got.status).toBe(400);
    expect(got.text).toMatch(c.message);
    expect(await rowCounts()).toEqual(before);
  });
});
