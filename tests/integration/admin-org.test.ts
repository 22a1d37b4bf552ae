import { beforeAll, describe, expect, it } from "vitest";
import { verifyLogin } from "~/modules/org/auth.server";
import { action as login } from "~/routes/login";
import * as officeDetail from "~/routes/_staff.admin.offices.$id";
import * as officeList from "~/routes/_staff.admin.offices._index";
import * as userDetail from "~/routes/_staff.admin.users.$id";
import * as userList from "~/routes/_staff.admin.users._index";
import { prisma } from "~/utils/db.server";
import { createApiToken } from "~/modules/org/tokens.server";

type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, never> };
type Handler = (args: RouteArgs) => Promise<unknown>;
type Body = { ok?: boolean; errors?: Record<string, string[]>; error?: string; [key: string]: unknown };

let adminCookie = "";
let analystCookie = "";
let adminId = 0;

async function signIn(email: string, password: string): Promise<string> {
  const response = (await login({
    request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email, password }) }),
    params: {},
    context: {},
  })) as Response;
  expect(response.status).toBe(302);
  const cookie = response.headers.get("Set-Cookie");
  expect(cookie).toBeTruthy();
  return cookie!.split(";")[0];
}

/** Calls a loader or action and returns its Response, whether it was returned or thrown. */
async function call(
  handler: Handler,
  path: string,
  options: { cookie?: string; params?: Record<string, string>; form?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = options.cookie ? { Cookie: options.cookie } : {};
  const request = options.form
    ? new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(options.form), headers })
    : new Request(`http://localhost${path}`, { headers });
  try {
    return (await handler({ request, params: options.params ?? {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function bodyOf(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

/** Row counts of everything an admin form can write, to prove a refused request wrote nothing. */
async function counts() {
  const [offices, units, extensions, users, audits] = await Promise.all([
    prisma.office.count(),
    prisma.unit.count(),
    prisma.extension.count(),
    prisma.user.count(),
    prisma.auditLog.count(),
  ]);
  return { offices, units, extensions, users, audits };
}

async function lastAudit() {
  return prisma.auditLog.findFirstOrThrow({
    orderBy: { id: "desc" },
    select: { actorId: true, action: true, entity: true, entityId: true, data: true },
  });
}

async function demoRefs() {
  const authority = await prisma.authority.findFirstOrThrow({ select: { id: true } });
  const districtGroup = await prisma.peerGroup.findFirstOrThrow({ where: { kind: "district" }, select: { id: true } });
  const householdGroup = await prisma.peerGroup.findFirstOrThrow({ where: { kind: "household" }, select: { id: true } });
  const [wanhua, daan] = await Promise.all([
    prisma.office.findUniqueOrThrow({
      where: { name: "臺北市萬華區公所" },
      select: { id: true, units: { select: { id: true, name: true, extensions: { select: { id: true } } } } },
    }),
    prisma.office.findUniqueOrThrow({
      where: { name: "臺北市大安區公所" },
      select: { id: true, units: { select: { id: true, extensions: { select: { id: true } } } } },
    }),
  ]);
  return { authority, districtGroup, householdGroup, wanhua, daan };
}

function officeForm(authorityId: number, overrides: Record<string, string> = {}) {
  return {
    name: "臺北市測試區公所",
    kind: "district",
    city: "臺北市",
    district: "測試區",
    authorityId: String(authorityId),
    peerGroupId: "",
    phone: "02-2345-6789",
    address: "臺北市測試區市府路 1 號",
    ...overrides,
  };
}

beforeAll(async () => {
  adminCookie = await signIn("admin@demo.gov.tw", "Admin#2026");
  analystCookie = await signIn("analyst@demo.gov.tw", "Analyst#2026");
  adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" }, select: { id: true } })).id;
});

describe("access", () => {
  const routes: Array<[string, { loader: Handler; action: Handler }, string, Record<string, string>]> = [
    ["offices list", officeList, "/admin/offices", {}],
    ["office detail", officeDetail, "/admin/offices/1", { id: "1" }],
    ["users list", userList, "/admin/users", {}],
    ["user detail", userDetail, "/admin/users/1", { id: "1" }],
  ];

  it.each(routes)("%s refuses an analyst with 403 and writes nothing", async (_name, route, path, params) => {
    const before = await counts();
    expect((await call(route.loader, path, { cookie: analystCookie, params })).status).toBe(403);
    const posted = await call(route.action, path, {
      cookie: analystCookie,
      params,
      form: { intent: "add-unit", name: "x", email: "x@example.tw" },
    });
    expect(posted.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it.each(routes)("%s sends a visitor without a session to the login page", async (_name, route, path, params) => {
    const response = await call(route.loader, path, { params });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it.each([["999999"], ["abc"], ["0"], ["1e3"]])("unknown or malformed id %s is 404 on both detail pages", async (id) => {
    for (const [route, path] of [
      [officeDetail, "/admin/offices/"],
      [userDetail, "/admin/users/"],
    ] as const) {
      expect((await call(route.loader as Handler, path + id, { cookie: adminCookie, params: { id } })).status).toBe(404);
      const posted = await call(route.action, path + id, { cookie: adminCookie, params: { id }, form: { intent: "add-unit", name: "課" } });
      expect(posted.status).toBe(404);
    }
  });
});

describe("offices", () => {
  it("lists every office with kind, peer group and unit count", async () => {
    const data = await bodyOf(await call(officeList.loader, "/admin/offices", { cookie: adminCookie }));
    const offices = data.offices as Array<{ name: string; kind: string; peerGroup: { name: string } | null; _count: { units: number } }>;
    expect(offices).toHaveLength(24);
    const wanhua = offices.find((o) => o.name === "臺北市萬華區公所")!;
    expect(wanhua).toMatchObject({ kind: "district", peerGroup: { name: "臺北市各區公所" }, _count: { units: 7 } });
  });

  it("creates an office, redirects to it and audits the write", async () => {
    const { authority, districtGroup } = await demoRefs();
    const before = await counts();
    const response = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { name: "  臺北市新設區公所 ", peerGroupId: String(districtGroup.id) }),
    });
    expect(response.status).toBe(302);
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市新設區公所" } });
    expect(response.headers.get("Location")).toBe(`/admin/offices/${office.id}`);
    expect(office).toMatchObject({ kind: "district", peerGroupId: districtGroup.id, authorityId: authority.id, active: true });
    expect(await counts()).toEqual({ ...before, offices: before.offices + 1, audits: before.audits + 1 });
    expect(await lastAudit()).toMatchObject({ actorId: adminId, action: "office.create", entity: "Office", entityId: String(office.id) });
  });

  it("refuses invalid fields with zh-TW messages and writes nothing", async () => {
    const { authority } = await demoRefs();
    const before = await counts();
    const response = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { name: "   ", kind: "castle", authorityId: "abc", phone: "call me" }),
    });
    expect(response.status).toBe(400);
    const { errors } = await bodyOf(response);
    expect(errors!.name).toEqual(["此欄位為必填。"]);
    expect(errors!.kind).toEqual(["請從清單中選擇。"]);
    expect(errors!.authorityId).toEqual(["請從清單中選擇。"]);
    expect(errors!.phone[0]).toMatch(/電話/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a peer group of another kind and an unknown authority", async () => {
    const { authority, districtGroup } = await demoRefs();
    const before = await counts();
    const wrongKind = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { kind: "health", peerGroupId: String(districtGroup.id) }),
    });
    expect(wrongKind.status).toBe(400);
    expect((await bodyOf(wrongKind)).errors).toEqual({ peerGroupId: ["同性質機關群組的類型必須與機關類型相同。"] });
    const noAuthority = await call(officeList.action, "/admin/offices", { cookie: adminCookie, form: officeForm(999999) });
    expect(noAuthority.status).toBe(400);
    expect(Object.keys((await bodyOf(noAuthority)).errors!)).toEqual(["authorityId"]);
    expect(await counts()).toEqual(before);
  });

  it("turns a duplicate office name (unique constraint) into 400", async () => {
    const { authority } = await demoRefs();
    const before = await counts();
    const response = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { name: "臺北市萬華區公所" }),
    });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({ name: ["已有同名的機關。"] });
    expect(await counts()).toEqual(before);
  });

  it("loads one office with its units and extensions", async () => {
    const { wanhua } = await demoRefs();
    const data = await bodyOf(
      await call(officeDetail.loader, `/admin/offices/${wanhua.id}`, { cookie: adminCookie, params: { id: String(wanhua.id) } }),
    );
    const office = data.office as { name: string; units: Array<{ name: string; isSwitchboard: boolean; extensions: unknown[] }> };
    expect(office.name).toBe("臺北市萬華區公所");
    expect(office.units[0]).toMatchObject({ name: "總機", isSwitchboard: true, extensions: [{ number: "9" }] });
    expect(office.units).toHaveLength(7);
  });

  it("updates the office, including deactivating it (unticked checkbox), and audits before/after", async () => {
    const { authority, householdGroup } = await demoRefs();
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市松山區戶政事務所" }, select: { id: true } });
    const id = String(office.id);
    const response = await call(officeDetail.action, `/admin/offices/${id}`, {
      cookie: adminCookie,
      params: { id },
      form: {
        intent: "update-office",
        ...officeForm(authority.id, {
          name: "臺北市松山區戶政事務所",
          kind: "household",
          peerGroupId: String(householdGroup.id),
          phone: "02-1111-2222",
        }),
      },
    });
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ ok: true, intent: "update-office" });
    expect(await prisma.office.findUniqueOrThrow({ where: { id: office.id } })).toMatchObject({
      active: false,
      phone: "02-1111-2222",
      district: "測試區",
    });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "office.update", entityId: id });
    expect(JSON.parse(entry.data)).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("records yearly visitors on create, changes and clears them on edit, and audits the change", async () => {
    const { authority } = await demoRefs();
    const created = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { name: "臺北市人次區公所", yearlyVisitors: " 12,500 " }),
    });
    expect(created.status).toBe(302);
    const office = await prisma.office.findUniqueOrThrow({
      where: { name: "臺北市人次區公所" },
      select: { id: true, yearlyVisitors: true },
    });
    expect(office.yearlyVisitors).toBe(12500);
    const id = String(office.id);
    const loaded = await bodyOf(await call(officeDetail.loader, `/admin/offices/${id}`, { cookie: adminCookie, params: { id } }));
    expect(loaded.office).toMatchObject({ yearlyVisitors: 12500 });

    const edit = (yearlyVisitors: string) =>
      call(officeDetail.action, `/admin/offices/${id}`, {
        cookie: adminCookie,
        params: { id },
        form: { intent: "update-office", active: "on", ...officeForm(authority.id, { name: "臺北市人次區公所", yearlyVisitors }) },
      });
    // Full-width digits, as a Chinese input method types them.
    expect((await edit("１００")).status).toBe(200);
    expect((await prisma.office.findUniqueOrThrow({ where: { id: office.id } })).yearlyVisitors).toBe(100);
    expect((await edit("100000000")).status).toBe(200);
    expect((await prisma.office.findUniqueOrThrow({ where: { id: office.id } })).yearlyVisitors).toBe(100_000_000);
    expect((await edit("")).status).toBe(200);
    expect((await prisma.office.findUniqueOrThrow({ where: { id: office.id } })).yearlyVisitors).toBeNull();
    expect(JSON.parse((await lastAudit()).data)).toMatchObject({
      before: { yearlyVisitors: 100_000_000 },
      after: { yearlyVisitors: null },
    });
    // A form without the field at all (an older page) also means "not recorded".
    const withoutField = officeForm(authority.id, { name: "臺北市人次二區公所" });
    expect((await call(officeList.action, "/admin/offices", { cookie: adminCookie, form: withoutField })).status).toBe(302);
    expect((await prisma.office.findUniqueOrThrow({ where: { name: "臺北市人次二區公所" } })).yearlyVisitors).toBeNull();
  });

  it.each([
    ["-5", "年度洽公人次須介於 1 至 100,000,000 之間。"],
    ["0", "年度洽公人次須介於 1 至 100,000,000 之間。"],
    ["100000001", "年度洽公人次須介於 1 至 100,000,000 之間。"],
    ["abc", "年度洽公人次請填整數，不可含小數點、文字或其他符號。"],
    ["1.5", "年度洽公人次請填整數，不可含小數點、文字或其他符號。"],
    ["1e3", "年度洽公人次請填整數，不可含小數點、文字或其他符號。"],
    ["12,34", "年度洽公人次請填整數，不可含小數點、文字或其他符號。"],
  ])("refuses yearly visitors %j on create and edit with a zh-TW message, writing nothing", async (value, message) => {
    const { authority, districtGroup, wanhua } = await demoRefs();
    const before = await counts();
    const created = await call(officeList.action, "/admin/offices", {
      cookie: adminCookie,
      form: officeForm(authority.id, { name: "臺北市錯誤區公所", yearlyVisitors: value }),
    });
    expect(created.status).toBe(400);
    expect((await bodyOf(created)).errors).toEqual({ yearlyVisitors: [message] });
    const id = String(wanhua.id);
    const edited = await call(officeDetail.action, `/admin/offices/${id}`, {
      cookie: adminCookie,
      params: { id },
      form: {
        intent: "update-office",
        active: "on",
        ...officeForm(authority.id, { name: "臺北市萬華區公所", peerGroupId: String(districtGroup.id), yearlyVisitors: value }),
      },
    });
    expect(edited.status).toBe(400);
    expect((await bodyOf(edited)).errors).toEqual({ yearlyVisitors: [message] });
    expect(await counts()).toEqual(before);
    expect((await prisma.office.findUniqueOrThrow({ where: { id: wanhua.id } })).district).toBe("萬華區");
  });

  it("refuses renaming an office to another office's name", async () => {
    const { authority, districtGroup, daan } = await demoRefs();
    const before = await counts();
    const response = await call(officeDetail.action, `/admin/offices/${daan.id}`, {
      cookie: adminCookie,
      params: { id: String(daan.id) },
      form: {
        intent: "update-office",
        active: "on",
        ...officeForm(authority.id, { name: "臺北市萬華區公所", peerGroupId: String(districtGroup.id) }),
      },
    });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({ name: ["已有同名的機關。"] });
    expect(await prisma.office.findUniqueOrThrow({ where: { id: daan.id }, select: { name: true } })).toEqual({ name: "臺北市大安區公所" });
    expect(await counts()).toEqual(before);
  });

  it("rejects an unknown intent", async () => {
    const { wanhua } = await demoRefs();
    const response = await call(officeDetail.action, `/admin/offices/${wanhua.id}`, {
      cookie: adminCookie,
      params: { id: String(wanhua.id) },
      form: { intent: "drop-table" },
    });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toHaveProperty("intent");
  });
});

describe("units and extensions", () => {
  async function post(officeId: number, form: Record<string, string>) {
    return call(officeDetail.action, `/admin/offices/${officeId}`, { cookie: adminCookie, params: { id: String(officeId) }, form });
  }

  it("adds a unit, renames it, adds an extension and deletes it, auditing each step", async () => {
    const { wanhua } = await demoRefs();
    const start = await counts();

    const added = await post(wanhua.id, { intent: "add-unit", name: "人事室", isSwitchboard: "" });
    expect(added.status).toBe(200);
    const unit = await prisma.unit.findUniqueOrThrow({ where: { officeId_name: { officeId: wanhua.id, name: "人事室" } } });
    expect(unit.isSwitchboard).toBe(false);
    expect(await lastAudit()).toMatchObject({ action: "unit.create", entity: "Unit", entityId: String(unit.id) });

    expect((await post(wanhua.id, { intent: "rename-unit", unitId: String(unit.id), name: "人事室（二）" })).status).toBe(200);
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe("人事室（二）");
    expect(await lastAudit()).toMatchObject({ action: "unit.rename", entityId: String(unit.id) });

    const ext = await post(wanhua.id, { intent: "add-extension", unitId: String(unit.id), number: "#801", label: "人事承辦" });
    expect(ext.status).toBe(200);
    expect(await bodyOf(ext)).toMatchObject({ ok: true, target: String(unit.id) });
    const row = await prisma.extension.findUniqueOrThrow({ where: { unitId_number: { unitId: unit.id, number: "#801" } } });
    expect(await lastAudit()).toMatchObject({ action: "extension.create", entity: "Extension", entityId: String(row.id) });

    expect((await post(wanhua.id, { intent: "delete-extension", extensionId: String(row.id) })).status).toBe(200);
    expect(await prisma.extension.count({ where: { id: row.id } })).toBe(0);
    expect(await lastAudit()).toMatchObject({ action: "extension.delete", entityId: String(row.id) });

    expect(await counts()).toEqual({ ...start, units: start.units + 1, audits: start.audits + 4 });
  });

  it("refuses invalid or duplicate units and extensions, writing nothing", async () => {
    const { wanhua } = await demoRefs();
    const unit = wanhua.units.find((u) => u.name === "民政課")!;
    const before = await counts();
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: "add-unit", name: "" }, "name"],
      [{ intent: "add-unit", name: "x".repeat(51) }, "name"],
      [{ intent: "add-unit", name: "民政課" }, "name"],
      [{ intent: "rename-unit", unitId: String(unit.id), name: "社會課" }, "name"],
      [{ intent: "add-extension", unitId: String(unit.id), number: "12a", label: "" }, "number"],
      [{ intent: "add-extension", unitId: String(unit.id), number: "12345678901", label: "" }, "number"],
      [{ intent: "add-extension", unitId: String(unit.id), number: "", label: "" }, "number"],
      [{ intent: "add-extension", unitId: String(unit.id), number: "201", label: "" }, "number"],
      [{ intent: "add-extension", unitId: "x", number: "555", label: "" }, "unitId"],
    ];
    for (const [form, field] of cases) {
      const response = await post(wanhua.id, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      const { errors } = await bodyOf(response);
      expect(Object.keys(errors!), JSON.stringify(form)).toEqual([field]);
      expect(errors![field][0]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for a unit or extension of another office", async () => {
    const { wanhua, daan } = await demoRefs();
    const foreignUnit = daan.units[1];
    const before = await counts();
    const forms: Array<Record<string, string>> = [
      { intent: "rename-unit", unitId: String(foreignUnit.id), name: "新名稱" },
      { intent: "add-extension", unitId: String(foreignUnit.id), number: "777", label: "" },
      { intent: "add-extension", unitId: "999999", number: "777", label: "" },
      { intent: "delete-extension", extensionId: String(foreignUnit.extensions[0].id) },
      { intent: "delete-extension", extensionId: "999999" },
    ];
    for (const form of forms) {
      expect((await post(wanhua.id, form)).status, JSON.stringify(form)).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("users", () => {
  async function createUser(form: Record<string, string>) {
    return call(userList.action, "/admin/users", { cookie: adminCookie, form });
  }

  it("lists users with role and scope, never password hashes", async () => {
    const response = await call(userList.loader, "/admin/users", { cookie: adminCookie });
    const text = await response.text();
    expect(text).not.toMatch(/passwordHash|\$2[aby]\$/);
    const users = (
      JSON.parse(text) as {
        users: Array<{ email: string; role: string; office: { name: string } | null; authority: { name: string } | null }>;
      }
    ).users;
    expect(users.find((u) => u.email === "manager@demo.gov.tw")).toMatchObject({ role: "manager", office: { name: "臺北市萬華區公所" } });
    expect(users.find((u) => u.email === "analyst@demo.gov.tw")).toMatchObject({
      role: "analyst",
      authority: { name: "臺北市政府民政局" },
    });
  });

  it("creates a manager with office and unit, lower-cases the email and audits without the password", async () => {
    const { wanhua } = await demoRefs();
    const unit = wanhua.units.find((u) => u.name === "社會課")!;
    const before = await counts();
    const response = await createUser({
      email: "  New.Manager@Demo.GOV.tw ",
      name: "社會課 張承辦",
      password: "Long-enough-1",
      role: "manager",
      authorityId: "",
      officeId: String(wanhua.id),
      unitId: String(unit.id),
    });
    expect(response.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new.manager@demo.gov.tw" } });
    expect(response.headers.get("Location")).toBe(`/admin/users/${user.id}`);
    expect(user).toMatchObject({ role: "manager", officeId: wanhua.id, unitId: unit.id, authorityId: null, active: true });
    expect(await verifyLogin(prisma, "new.manager@demo.gov.tw", "Long-enough-1")).not.toBeNull();
    expect(await counts()).toEqual({ ...before, users: before.users + 1, audits: before.audits + 1 });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ actorId: adminId, action: "user.create", entity: "User", entityId: String(user.id) });
    expect(entry.data).not.toMatch(/Long-enough-1|passwordHash|\$2[aby]\$/);
  });

  it("keeps only the scope the role needs", async () => {
    const { authority, wanhua } = await demoRefs();
    const response = await createUser({
      email: "analyst2@demo.gov.tw",
      name: "研考 二",
      password: "Long-enough-2",
      role: "analyst",
      authorityId: String(authority.id),
      officeId: String(wanhua.id),
    });
    expect(response.status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { email: "analyst2@demo.gov.tw" } })).toMatchObject({
      authorityId: authority.id,
      officeId: null,
      unitId: null,
    });
  });

  it("refuses a duplicate email, whatever its case, with a message on the field", async () => {
    const before = await counts();
    const response = await createUser({ email: "ADMIN@demo.gov.tw", name: "冒名者", password: "Long-enough-3", role: "admin" });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({ email: ["此電子郵件已被其他帳號使用。"] });
    expect(await counts()).toEqual(before);
  });

  it("refuses invalid users and writes nothing", async () => {
    const { wanhua, daan } = await demoRefs();
    const before = await counts();
    const base = { email: "someone@demo.gov.tw", name: "某人", password: "Long-enough-4", role: "manager", officeId: String(wanhua.id) };
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ ...base, email: "not-an-email" }, ["email"]],
      [{ ...base, password: "short" }, ["password"]],
      [{ ...base, password: "1234567890" }, ["password"]],
      [{ ...base, password: "aaaaaaaaaa" }, ["password"]],
      [{ ...base, password: "Someone#2026" }, ["password"]],
      [{ ...base, name: "" }, ["name"]],
      [{ ...base, role: "root" }, ["role"]],
      [{ ...base, role: "analyst", officeId: "" }, ["authorityId"]],
      [{ ...base, role: "evaluator", officeId: "" }, ["officeId"]],
      [{ ...base, officeId: "999999" }, ["officeId"]],
      [{ ...base, unitId: String(daan.units[0].id) }, ["unitId"]],
      [{ ...base, role: "analyst", authorityId: "999999" }, ["authorityId"]],
    ];
    for (const [form, fields] of cases) {
      const response = await createUser(form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      const { errors } = await bodyOf(response);
      expect(Object.keys(errors!), JSON.stringify(form)).toEqual(fields);
    }
    expect(await counts()).toEqual(before);
  });

  async function updateUser(id: number, form: Record<string, string>) {
    return call(userDetail.action, `/admin/users/${id}`, { cookie: adminCookie, params: { id: String(id) }, form });
  }

  it("revokes a user's API token from the user page, and answers 404 for a token that is not theirs", async () => {
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.gov.tw" }, select: { id: true } });
    await createApiToken(prisma, manager.id, "報表程式");
    const token = await prisma.apiToken.findFirstOrThrow({ where: { userId: manager.id }, orderBy: { id: "desc" } });
    expect((await updateUser(adminId, { intent: "revoke-token", tokenId: String(token.id) })).status).toBe(404);
    const ok = await updateUser(manager.id, { intent: "revoke-token", tokenId: String(token.id) });
    expect(ok.status).toBe(200);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    expect((await updateUser(manager.id, { intent: "revoke-token", tokenId: "abc" })).status).toBe(400);
  });

  it("refuses self-demotion and self-deactivation", async () => {
    const before = await counts();
    const demote = await updateUser(adminId, {
      intent: "update-user",
      name: "系統管理者",
      role: "analyst",
      authorityId: "1",
      active: "on",
    });
    expect(demote.status).toBe(400);
    expect((await bodyOf(demote)).errors).toEqual({ role: ["不能變更自己的管理者角色。"] });
    const deactivate = await updateUser(adminId, { intent: "update-user", name: "系統管理者", role: "admin" });
    expect(deactivate.status).toBe(400);
    expect((await bodyOf(deactivate)).errors).toEqual({ active: ["不能停用自己的帳號。"] });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: adminId } })).toMatchObject({ role: "admin", active: true });
    expect(await counts()).toEqual(before);
    // Renaming oneself is still fine.
    expect((await updateUser(adminId, { intent: "update-user", name: "管理者 甲", role: "admin", active: "on" })).status).toBe(200);
  });

  it("edits another user's role, scope and active flag; a deactivated user cannot log in", async () => {
    const { wanhua, daan } = await demoRefs();
    const evaluator = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" }, select: { id: true } });
    const response = await updateUser(evaluator.id, {
      intent: "update-user",
      name: "測試員 王小明",
      role: "manager",
      officeId: String(wanhua.id),
      unitId: "",
    });
    expect(response.status).toBe(200);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: evaluator.id } })).toMatchObject({
      role: "manager",
      officeId: wanhua.id,
      active: false,
    });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "user.update", entityId: String(evaluator.id) });
    expect(JSON.parse(entry.data)).toMatchObject({
      before: { role: "evaluator", officeId: daan.id, active: true },
      after: { role: "manager", active: false },
    });
    expect(await verifyLogin(prisma, "evaluator@demo.gov.tw", "Evaluator#2026")).toBeNull();
  });

  it("resets a password, auditing the fact but not the password", async () => {
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.gov.tw" }, select: { id: true } });
    for (const weak of ["123456789", "Password123", "manager-2026!"]) {
      const refused = await updateUser(manager.id, { intent: "reset-password", password: weak });
      expect(refused.status, weak).toBe(400);
      expect(Object.keys((await bodyOf(refused)).errors!)).toEqual(["password"]);
    }
    expect(await verifyLogin(prisma, "manager@demo.gov.tw", "Manager#2026")).not.toBeNull();

    const ok = await updateUser(manager.id, { intent: "reset-password", password: "Brand-new-pass-1" });
    expect(ok.status).toBe(200);
    expect(await verifyLogin(prisma, "manager@demo.gov.tw", "Manager#2026")).toBeNull();
    expect(await verifyLogin(prisma, "manager@demo.gov.tw", "Brand-new-pass-1")).not.toBeNull();
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "user.resetPassword", entityId: String(manager.id) });
    expect(entry.data).not.toMatch(/Brand-new-pass-1/);
  });
});
