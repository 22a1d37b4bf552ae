import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bodyLimit } from "~/utils/body-limit.server";
import { prisma } from "~/utils/db.server";
import { ROUTES, routeFixtures, type Ids, type Role, type Route } from "../support/routes";
import { rowsWritten } from "../support/writes";

/**
 * Classes of bad body against every action: every route file with an action is taken from
 * the route table, posted to as a role that may use it, and each class must get its status
 * and a zh-TW message naming the problem, with nothing written (rowsWritten(), counted like
 * SQLite's total_changes(), stays the same). Form actions get the form classes, JSON
 * actions the JSON classes; what an answer or a call may hold is tested in
 * bad-input.test.ts and the modules' own tests.
 */
const source = (r: Route) => readFileSync(path.resolve("app/routes", `${r.file}.tsx`), "utf8");
const ACTIONS = ROUTES.filter((r) => /export (async )?function action\b/.test(source(r)));
// A JSON action reads its body with readJson (directly, through readJsonBody or the intake).
const isJsonAction = (r: Route) => /readJson|receiveResponse/.test(source(r));
const FORM_ROUTES = ACTIONS.filter((r) => !isJsonAction(r));
const JSON_ROUTES = ACTIONS.filter(isJsonAction);

/** Who posts: where the action is narrower than the page, the role it names; else an admin. */
const WRITERS: Record<string, Role> = {
  "_staff.courtesy.improvements": "manager",
  "_staff.courtesy.calibration.$id": "evaluator",
  "_staff.evaluator.calls.$id": "evaluator",
};
function writer(route: Route): Role | null {
  if (route.access === "public" || route.access === "bearer") return null;
  return WRITERS[route.file] ?? "admin";
}

type Case = { name: string; status: number; message: RegExp; body: BodyInit | ((limit: number) => BodyInit); type?: string };
const URLENCODED = "application/x-www-form-urlencoded";
const bytes = (text: string, ...raw: number[]) => new Uint8Array([...Buffer.from(text, "latin1"), ...raw]);
const multipart = (part: Uint8Array) =>
  new Uint8Array([
    ...Buffer.from('--zz\r\nContent-Disposition: form-data; name="note"\r\n\r\n'),
    ...part,
    ...Buffer.from("\r\n--zz--\r\n"),
  ]);
/** A body one byte over the limit that declares no length: only counting the stream catches it. */
const chunkedOver = (limit: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > limit) return controller.close();
      const chunk = new TextEncoder().encode(`note=${"x".repeat(16 * 1024)}`);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
};

const FORM_CASES: Case[] = [
  { name: "a JSON body", type: "application/json", body: '{"intent":"save"}', status: 415, message: /表單格式/ },
  { name: "text/plain posing as a form", type: "text/plain", body: "intent=save", status: 415, message: /表單格式/ },
  { name: "no content type", type: "", body: "intent=save", status: 415, message: /表單格式/ },
  {
    name: "a broken multipart body",
    type: "multipart/form-data; boundary=zz",
    body: "--zz\r\nbroken",
    status: 400,
    message: /表單資料格式錯誤/,
  },
  { name: "multipart without a boundary", type: "multipart/form-data", body: "note=1", status: 400, message: /表單資料格式錯誤/ },
  { name: "an invalid UTF-8 escape", body: "note=%FF", status: 400, message: /UTF-8/ },
  { name: "an escaped lone surrogate", body: "note=%ED%A0%80", status: 400, message: /UTF-8/ },
  { name: "an overlong escape", body: "note=%C0%AF", status: 400, message: /UTF-8/ },
  { name: "a truncated escape", body: "note=%E4%B8", status: 400, message: /UTF-8/ },
  { name: "a bare percent sign", body: "note=100%", status: 400, message: /UTF-8/ },
  { name: "a raw byte that is not UTF-8", body: bytes("note=", 0xff, 0xfe), status: 400, message: /UTF-8/ },
  {
    name: "a bad byte in a multipart text field",
    type: "multipart/form-data; boundary=zz",
    body: multipart(new Uint8Array([0x61, 0xff])),
    status: 400,
    message: /UTF-8/,
  },
  { name: "NUL in a value", body: "note=a%00b", status: 400, message: /NUL/ },
  { name: "NUL in a field name", body: "no%00te=1", status: 400, message: /NUL/ },
  { name: "a __proto__ field", body: "__proto__=1", status: 400, message: /「__proto__」/ },
  { name: "a constructor field", body: "constructor=1", status: 400, message: /「constructor」/ },
  { name: "a prototype field", body: "prototype=1", status: 400, message: /「prototype」/ },
  { name: "1,001 fields", body: Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&"), status: 400, message: /欄位過多/ },
  { name: "over the route class's limit, chunked", body: chunkedOver, status: 413, message: /過大/ },
];

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + "5" + close.repeat(depth);
const JSON_CASES: Case[] = [
  { name: "a form-encoded body", type: URLENCODED, body: "answers=1", status: 415, message: /application\/json/ },
  { name: "text/plain posing as JSON", type: "text/plain", body: "{}", status: 415, message: /application\/json/ },
  { name: "multipart", type: "multipart/form-data; boundary=zz", body: "--zz--", status: 415, message: /application\/json/ },
  { name: "no content type", type: "", body: "{}", status: 415, message: /application\/json/ },
  { name: "JSON that does not parse", body: '{"a":', status: 400, message: /JSON/ },
  { name: "objects nested 5,000 deep", body: `{"a":${nested(5000, '{"a":', "}")}}`, status: 400, message: /層次過深/ },
  { name: "arrays nested 5,000 deep", body: `{"a":${nested(5000, "[", "]")}}`, status: 400, message: /層次過深/ },
  { name: "a __proto__ key", body: '{"__proto__":{"x":1}}', status: 400, message: /「__proto__」/ },
  { name: "a constructor key, nested", body: '{"a":{"constructor":1}}', status: 400, message: /「constructor」/ },
  { name: "NUL in a string", body: '{"a":"x\\u0000"}', status: 400, message: /NUL/ },
  { name: "a lone surrogate", body: '{"a":"\\ud800"}', status: 400, message: /代理字元/ },
  { name: "bytes that are not UTF-8", body: bytes('{"a":"', 0xff, 0x22, 0x7d), status: 400, message: /UTF-8/ },
  {
    name: "6,000 keys",
    body: JSON.stringify(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 1]))),
    status: 400,
    message: /欄位過多/,
  },
  { name: "1 MB, chunked", body: () => chunkedOver(1024 * 1024), status: 413, message: /過大/ },
];

// The survey page takes SurveyJS's JSON and, before or without JavaScript, its native
// form: the JSON classes but a form, and the classes of a form-encoded body.
const TAKES_FORMS_TOO = new Set(["s.$code"]);
const BOTH_CASES: Case[] = [
  ...JSON_CASES.filter((c) => c.type !== URLENCODED),
  { name: "a form without a fill token", type: URLENCODED, body: "answers=1", status: 400, message: /無法受理/ },
  ...FORM_CASES.filter((c) => c.type === undefined).map((c) => ({ ...c, type: URLENCODED })),
];

let cookies: Map<Role, string>;
let ids: Ids;
beforeAll(async () => {
  ({ cookies, ids } = await routeFixtures());
}, 120_000);

let seq = 0;
async function post(route: Route, body: BodyInit, type: string | undefined) {
  const params = route.params ? ids[route.params].own : {};
  const who = writer(route);
  const headers = new Headers(who ? { Cookie: cookies.get(who)! } : {});
  if (type !== "") headers.set("Content-Type", type ?? (isJsonAction(route) ? "application/json" : URLENCODED));
  const url = `http://localhost${route.url(params)}`;
  const request = new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  if (type === "") request.headers.delete("content-type");
  const mod = (await import(path.resolve("app/routes", `${route.file}.tsx`))) as { action: (a: unknown) => Promise<unknown> };
  let res: Response;
  try {
    seq += 1;
    res = (await mod.action({ request, params, context: { clientIp: `10.88.${Math.floor(seq / 250)}.${seq % 250}` } })) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    res = thrown;
  }
  return { status: res.status, text: await res.text() };
}

async function check(route: Route, c: Case) {
  const before = await rowsWritten();
  const body = typeof c.body === "function" ? c.body(bodyLimit(new URL(`http://localhost${route.url({})}`).pathname)) : c.body;
  const got = await post(route, body, c.type);
  expect(got.status, got.text).toBe(c.status);
  expect(got.text).toMatch(c.message);
  expect(got.text).toMatch(/[\u4e00-\u9fff]/);
  expect(await rowsWritten(), "rows written").toBe(before);
}

describe("every action refuses a bad body and writes nothing", () => {
  it("covers the route files with actions", () => {
    expect(FORM_ROUTES.length).toBeGreaterThanOrEqual(15);
    expect(JSON_ROUTES.map((r) => r.file)).toEqual(expect.arrayContaining(["api.v1.channels.$code.responses", "s.$code"]));
  });

  it("sees a write when one happens: the count moves by each row written, updated or deleted", async () => {
    const before = await rowsWritten();
    const row = await prisma.auditLog.create({ data: { action: "probe", entity: "Probe", entityId: "1" } });
    await prisma.auditLog.update({ where: { id: row.id }, data: { data: "{}" } });
    await prisma.auditLog.delete({ where: { id: row.id } });
    expect(await rowsWritten()).toBe(before + 3);
  });

  describe.each(FORM_ROUTES)("form $file", (route) => {
    it.each(FORM_CASES)("$name → $status", (c) => check(route, c));
  });

  describe.each(JSON_ROUTES.filter((r) => !TAKES_FORMS_TOO.has(r.file)))("JSON $file", (route) => {
    it.each(JSON_CASES)("$name → $status", (c) => check(route, c));
  });

  describe.each(JSON_ROUTES.filter((r) => TAKES_FORMS_TOO.has(r.file)))("JSON and native form $file", (route) => {
    it.each(BOTH_CASES)("$name → $status", (c) => check(route, c));
  });
});
