import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as submitApi } from "~/routes/api.v1.channels.$code.responses";
import { action as submitPage, loader as surveyPage } from "~/routes/s.$code";
import { loader as openData } from "~/routes/open-data.$authorityId.$file";
import { loader as channelApi } from "~/routes/api.v1.channels.$code";
import { issueFillToken } from "~/modules/surveys/fill-token.server";
import { action as editSurvey } from "~/routes/_staff.admin.surveys.$id";
import { sessionCookie } from "../support/session";

/**
 * Classes of bad answers against the public answer API and the citizen page, and of bad
 * addresses against the public read endpoints (every action's bad bodies: body-corpus.test.ts).
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

const VALID = {
  env_clean: 5,
  env_signs: 5,
  env_facilities: 4,
  courtesy_attitude: 5,
  courtesy_active: 4,
  prof_knowledge: 5,
  prof_efficiency: 4,
  prof_clarity: 5,
  measures_online: 4,
  measures_info: 4,
  overall: 5,
};
const token = (code = "demo", ageMs = 10_000) => issueFillToken(code, Date.now() - ageMs);

describe("the citizen page refuses what a person filling it in never sends", () => {
  let closedCode: string;
  beforeAll(async () => {
    const open = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" } });
    closedCode = "closed-corpus";
    await prisma.channel.create({
      data: {
        code: closedCode,
        label: "已關閉",
        officeId: open.officeId,
        versionId: open.versionId,
        closesAt: new Date(Date.now() - 86_400_000),
      },
    });
  });

  const PAGE_CASES: Array<{ name: string; status: number; message: RegExp; payload: () => unknown; code?: string }> = [
    { name: "no fill token", status: 400, message: /./, payload: () => ({ answers: VALID }) },
    { name: "a forged fill token", status: 400, message: /./, payload: () => ({ answers: VALID, fillToken: "demo.1.abc." }) },
    { name: "another channel's fill token", status: 400, message: /./, payload: () => ({ answers: VALID, fillToken: token("other") }) },
    { name: "a token from the future", status: 400, message: /./, payload: () => ({ answers: VALID, fillToken: token("demo", -60_000) }) },
    { name: "answered in under 3 s", status: 400, message: /./, payload: () => ({ answers: VALID, fillToken: token("demo", 500) }) },
    { name: "the honeypot filled in", status: 400, message: /./, payload: () => ({ answers: VALID, fillToken: token(), website: "x" }) },
    {
      name: "a required rating missing",
      status: 400,
      message: /overall/,
      payload: () => ({ answers: { ...VALID, overall: undefined }, fillToken: token() }),
    },
    {
      name: "stray other-text without other chosen",
      status: 400,
      message: /purpose/,
      payload: () => ({ answers: { ...VALID, purpose: "registration", "purpose-Comment": "x" }, fillToken: token() }),
    },
    {
      name: "an unknown channel",
      status: 404,
      message: /./,
      code: "no-such-channel",
      payload: () => ({ answers: VALID, fillToken: token("no-such-channel") }),
    },
    {
      name: "a closed channel",
      status: 410,
      message: /./,
      code: "closed-corpus",
      payload: () => ({ answers: VALID, fillToken: token("closed-corpus") }),
    },
  ];

  it.each(PAGE_CASES)("$name → $status", async (c) => {
    const before = await rowCounts();
    const code = c.code ?? "demo";
    const request = new Request(`http://localhost/s/${code}`, {
      method: "POST",
      body: JSON.stringify(c.payload()),
      headers: { "Content-Type": "application/json" },
    });
    const got = await outcome(submitPage, request, { code });
    expect(got.status, got.text).toBe(c.status);
    expect(got.text).toMatch(c.message);
    expect(got.text).toMatch(/[\u4e00-\u9fff]/);
    expect(await rowCounts()).toEqual(before);
  });

  it("takes the valid answers it refused above, so the refusals were about the input", async () => {
    const before = await rowCounts();
    const request = new Request("http://localhost/s/demo", {
      method: "POST",
      body: JSON.stringify({ answers: VALID, fillToken: token() }),
      headers: { "Content-Type": "application/json" },
    });
    const got = await outcome(submitPage, request, { code: "demo" });
    expect(got.status).toBe(302);
    expect((await rowCounts()).responses).toBe(before.responses + 1);
  });
});

describe("public read endpoints answer bad addresses with 4xx and a zh-TW message", () => {
  const READS: Array<{
    name: string;
    loader: (a: never) => Promise<unknown>;
    url: string;
    params: Record<string, string>;
    status: number;
  }> = [
    { name: "survey page, unknown code", loader: surveyPage, url: "/s/nope", params: { code: "nope" }, status: 404 },
    { name: "survey page, NUL in the code", loader: surveyPage, url: "/s/%00", params: { code: "\u0000" }, status: 404 },
    { name: "survey page, a 5,000-character code", loader: surveyPage, url: "/s/x", params: { code: "x".repeat(5000) }, status: 404 },
    { name: "channel API, unknown code", loader: channelApi, url: "/api/v1/channels/nope", params: { code: "nope" }, status: 404 },
    {
      name: "open data, a word for the authority",
      loader: openData,
      url: "/open-data/abc/2026.csv",
      params: { authorityId: "abc", file: "2026.csv" },
      status: 404,
    },
    {
      name: "open data, an id past 2^53",
      loader: openData,
      url: "/open-data/1/2026.csv",
      params: { authorityId: "99999999999999999999", file: "2026.csv" },
      status: 404,
    },
    {
      name: "open data, no such authority",
      loader: openData,
      url: "/open-data/999999/2026.csv",
      params: { authorityId: "999999", file: "2026.csv" },
      status: 404,
    },
    {
      name: "open data, an unknown format",
      loader: openData,
      url: "/open-data/1/2026.exe",
      params: { authorityId: "1", file: "2026.exe" },
      status: 400,
    },
    {
      name: "open data, a year out of range",
      loader: openData,
      url: "/open-data/1/1900.csv",
      params: { authorityId: "1", file: "1900.csv" },
      status: 400,
    },
    {
      name: "open data, a path in the file name",
      loader: openData,
      url: "/open-data/1/x",
      params: { authorityId: "1", file: "../../etc/passwd" },
      status: 400,
    },
  ];

  it.each(READS)("$name → $status", async (c) => {
    const got = await outcome(c.loader, new Request(`http://localhost${c.url}`), c.params);
    expect(got.status, got.text).toBe(c.status);
    expect(got.text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the questionnaire editor refuses definitions past the bounds", () => {
  let admin: string;
  let definitionId: number;
  beforeAll(async () => {
    admin = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
    definitionId = (await prisma.surveyDefinition.findFirstOrThrow({ where: { kind: "citizen" }, select: { id: true } })).id;
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
  ])("$name → 400, no new version", async (c) => {
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
