import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { sessionCookie } from "../support/session";

/**
 * Every route file's loader, opened signed out and as each role, on the role's own office
 * and on another office: who may read what is stated here once per route, and the test
 * fails for a route file this table does not list, so a new page cannot skip the check.
 */
type Role = "admin" | "analyst" | "manager" | "evaluator";
type Who = Role | "signed out";
const ROLES: Role[] = ["admin", "analyst", "manager", "evaluator"];
const STAFF = { admin: ["admin"], reading: ["admin", "analyst", "manager"] } as const;

type Ids = Record<string, { own: Record<string, string>; other?: Record<string, string> }>;
type Access = "public" | "bearer" | "signed in" | readonly Role[];
type Route = { file: string; url: (p: Record<string, string>) => string; params?: string; access: Access };

const ROUTES: Route[] = [
  { file: "_index", url: () => "/", access: "public" },
  { file: "_staff", url: () => "/offices", access: "signed in" },
  { file: "_staff.admin._index", url: () => "/admin", access: STAFF.admin },
  { file: "_staff.admin.calendar", url: () => "/admin/calendar", access: STAFF.admin },
  { file: "_staff.admin.channels.$id", url: (p) => `/admin/channels/${p.id}`, params: "channel", access: STAFF.admin },
  { file: "_staff.admin.channels._index", url: () => "/admin/channels", access: STAFF.admin },
  { file: "_staff.admin.offices.$id", url: (p) => `/admin/offices/${p.id}`, params: "office", access: STAFF.admin },
  { file: "_staff.admin.offices._index", url: () => "/admin/offices", access: STAFF.admin },
  { file: "_staff.admin.scales", url: () => "/admin/scales", access: STAFF.admin },
  { file: "_staff.admin.surveys.$id", url: (p) => `/admin/surveys/${p.id}`, params: "survey", access: STAFF.admin },
  { file: "_staff.admin.surveys._index", url: () => "/admin/surveys", access: STAFF.admin },
  { file: "_staff.admin.users.$id", url: (p) => `/admin/users/${p.id}`, params: "user", access: STAFF.admin },
  { file: "_staff.admin.users._index", url: () => "/admin/users", access: STAFF.admin },
  {
    file: "_staff.checklists.$id",
    url: (p) => `/checklists/${p.id}`,
    params: "checklist",
    access: ["admin", "analyst", "manager", "evaluator"],
  },
  { file: "_staff.checklists._index", url: () => "/checklists", access: ["admin", "analyst", "manager", "evaluator"] },
  { file: "_staff.checklists.new", url: () => "/checklists/new", access: ["admin", "analyst", "evaluator"] },
  { file: "_staff.courtesy._index", url: () => "/courtesy", access: STAFF.reading },
  {
    file: "_staff.courtesy.calibration.$id",
    url: (p) => `/courtesy/calibration/${p.id}`,
    params: "calibration",
    access: ["admin", "analyst", "evaluator"],
  },
  { file: "_staff.courtesy.calibration._index", url: () => "/courtesy/calibration", access: ["admin", "analyst", "evaluator"] },
  { file: "_staff.courtesy.calls.$id", url: (p) => `/courtesy/calls/${p.id}`, params: "call", access: STAFF.reading },
  { file: "_staff.courtesy.improvements", url: () => "/courtesy/improvements", access: STAFF.reading },
  { file: "_staff.courtesy.mutual", url: () => "/courtesy/mutual", access: STAFF.reading },
  { file: "_staff.courtesy.plans", url: () => "/courtesy/plans", access: ["admin", "analyst"] },
  { file: "_staff.courtesy.results", url: () => "/courtesy/results", access: STAFF.reading },
  { file: "_staff.evaluator._index", url: () => "/evaluator", access: ["evaluator"] },
  { file: "_staff.evaluator.calls.$id", url: (p) => `/evaluator/calls/${p.id}`, params: "evaluatorCall", access: ["evaluator"] },
  { file: "_staff.follow-ups.$id", url: (p) => `/follow-ups/${p.id}`, params: "followUp", access: STAFF.reading },
  { file: "_staff.follow-ups._index", url: () => "/follow-ups", access: STAFF.reading },
  { file: "_staff.offices.$id", url: (p) => `/offices/${p.id}`, params: "office", access: STAFF.reading },
  { file: "_staff.offices._index", url: () => "/offices", access: STAFF.reading },
  { file: "_staff.reports._index", url: () => "/reports", access: STAFF.reading },
  { file: "_staff.reports.annual", url: () => "/reports/annual", access: STAFF.reading },
  { file: "_staff.responses.duplicates", url: () => "/responses/duplicates", access: STAFF.reading },
  { file: "admin.channels.$id.poster", url: (p) => `/admin/channels/${p.id}/poster`, params: "channel", access: STAFF.admin },
  { file: "admin.channels.$id.qr[.]png", url: (p) => `/admin/channels/${p.id}/qr.png`, params: "channel", access: STAFF.admin },
  { file: "admin.channels.$id.qr[.]svg", url: (p) => `/admin/channels/${p.id}/qr.svg`, params: "channel", access: STAFF.admin },
  { file: "api.v1.channels.$code.responses", url: () => "/api/v1/channels/demo/responses", params: "code", access: "public" },
  { file: "api.v1.channels.$code", url: () => "/api/v1/channels/demo", params: "code", access: "public" },
  { file: "api.v1.openapi[.]json", url: () => "/api/v1/openapi.json", access: "public" },
  { file: "api.v1.reports.annual", url: () => "/api/v1/reports/annual?authority=1&year=2026&format=csv", access: "bearer" },
  { file: "api.v1.responses[.]csv", url: () => "/api/v1/responses.csv?from=2026-01-01&to=2026-01-31", access: "bearer" },
  { file: "courtesy.results[.]csv", url: () => "/courtesy/results.csv?month=2026-10", access: STAFF.reading },
  { file: "login", url: () => "/login", access: "public" },
  { file: "logout", url: () => "/logout", access: "public" },
  { file: "open-data.$authorityId.$file", url: (p) => `/open-data/${p.authorityId}/2026.csv`, params: "openData", access: "public" },
  { file: "open-data._index", url: () => "/open-data", access: "public" },
  { file: "reports.jobs.$id.file", url: () => "/reports/jobs/999999/file", params: "job", access: STAFF.reading },
  { file: "s.$code", url: () => "/s/demo", params: "code", access: "public" },
  { file: "s.$code_.thanks", url: () => "/s/demo/thanks", params: "code", access: "public" },
];

const cookies = new Map<Role, string>();
let ids: Ids;

beforeAll(async () => {
  const accounts: Record<Role, [string, string]> = {
    admin: ["admin@demo.gov.tw", "Admin#2026"],
    analyst: ["analyst@demo.gov.tw", "Analyst#2026"],
    manager: ["manager@demo.gov.tw", "Manager#2026"],
    evaluator: ["evaluator@demo.gov.tw", "Evaluator#2026"],
  };
  for (const role of ROLES) cookies.set(role, await sessionCookie(...accounts[role]));
  const own = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true, authorityId: true } });
  const other = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市大安區公所" }, select: { id: true } });
  const evaluator = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" }, select: { id: true } });
  const first = async <T extends { id: number }>(p: Promise<T | null>) => String((await p)?.id ?? 999_999);
  ids = {
    channel: { own: { id: await first(prisma.channel.findFirst({ select: { id: true } })) } },
    office: { own: { id: String(own.id) }, other: { id: String(other.id) } },
    survey: { own: { id: await first(prisma.surveyDefinition.findFirst({ select: { id: true } })) } },
    user: { own: { id: String(evaluator.id) } },
    checklist: {
      // Evaluators read the records they made; managers their office's: one made by the evaluator at the manager's office.
      own: {
        id: await first(prisma.checklistRecord.findFirst({ where: { officeId: own.id, evaluatorId: evaluator.id }, select: { id: true } })),
      },
      other: { id: await first(prisma.checklistRecord.findFirst({ where: { officeId: { not: own.id } }, select: { id: true } })) },
    },
    calibration: { own: { id: await first(prisma.calibrationSession.findFirst({ select: { id: true } })) } },
    call: {
      own: {
        id: await first(
          prisma.testCall.findFirst({ where: { officeId: own.id, status: "submitted", calibrationId: null }, select: { id: true } }),
        ),
      },
      other: {
        id: await first(
          prisma.testCall.findFirst({ where: { officeId: other.id, status: "submitted", calibrationId: null }, select: { id: true } }),
        ),
      },
    },
    evaluatorCall: {
      own: {
        id: await first(prisma.testCall.findFirst({ where: { evaluatorId: evaluator.id, calibrationId: null }, select: { id: true } })),
      },
      other: {
        id: await first(
          prisma.testCall.findFirst({ where: { evaluatorId: { not: evaluator.id }, calibrationId: null }, select: { id: true } }),
        ),
      },
    },
    followUp: {
      own: { id: await first(prisma.followUpCase.findFirst({ where: { officeId: own.id }, select: { id: true } })) },
      other: { id: await first(prisma.followUpCase.findFirst({ where: { officeId: other.id }, select: { id: true } })) },
    },
    code: { own: { code: "demo" } },
    openData: { own: { authorityId: String(own.authorityId), file: "2026.csv" } },
    job: { own: { id: "999999" } },
  };
}, 120_000);

async function load(route: Route, who: Who, params: Record<string, string>): Promise<{ status: number; location: string | null }> {
  const mod = (await import(path.resolve("app/routes", `${route.file}.tsx`))) as { loader: (a: unknown) => Promise<unknown> };
  const headers: Record<string, string> = who === "signed out" ? {} : { Cookie: cookies.get(who)! };
  const request = new Request(`http://localhost${route.url(params)}`, { headers });
  let res: Response;
  try {
    res = (await mod.loader({ request, params, context: { clientIp: `10.77.${Math.floor(Math.random() * 250)}.1` } })) as Response;
  } catch (thrown) {
    // A defect, not a refusal, if anything but a Response escapes.
    if (!(thrown instanceof Response)) throw thrown;
    res = thrown;
  }
  return { status: res instanceof Response ? res.status : 200, location: res instanceof Response ? res.headers.get("Location") : null };
}

describe("route × role matrix", () => {
  it("lists every route file that has a loader", () => {
    const files = readdirSync(path.resolve("app/routes"))
      .filter((f) => f.endsWith(".tsx"))
      .map((f) => f.replace(/\.tsx$/, ""));
    expect(ROUTES.map((r) => r.file).sort()).toEqual(files.sort());
  });

  it.each(ROUTES)("$file: signed out and each role get what the table says, never a 500", async (route) => {
    const own = route.params ? ids[route.params].own : {};
    const signedOut = await load(route, "signed out", own);
    if (route.access === "bearer") expect(signedOut.status).toBe(401);
    else if (route.access !== "public") {
      expect(signedOut.status, "signed out").toBe(302);
      expect(signedOut.location).toMatch(/^\/login/);
    } else expect(signedOut.status).toBeLessThan(500);

    for (const role of ROLES) {
      const got = await load(route, role, own);
      expect(got.status, `${role}`).toBeLessThan(500);
      if (route.access === "public" || route.access === "bearer") continue;
      const allowed = route.access === "signed in" || route.access.includes(role);
      if (!allowed) expect(got.status, `${role} must be refused`).toBe(403);
      else if (route.file === "reports.jobs.$id.file") expect(got.status).toBe(404);
      else expect(got.status, `${role} may read`).toBeLessThan(400);
    }
  });

  it.each(ROUTES.filter((r) => r.params))("$file: another office's or evaluator's record stays closed", async (route) => {
    const other = ids[route.params!].other;
    if (!other) return;
    const who: Role = route.params === "evaluatorCall" ? "evaluator" : "manager";
    const got = await load(route, who, other);
    expect([403, 404], `${who} on another's ${route.params}`).toContain(got.status);
  });
});
