import { prisma } from "~/utils/db.server";
import { sessionCookie } from "./session";

/**
 * Every route file, the URL it answers and who may read it: stated once, used by the
 * route × role matrix and the bad-input corpus, which both fail for a route file missing here.
 */
export type Role = "admin" | "analyst" | "manager" | "evaluator";
export type Who = Role | "signed out";
export const ROLES: Role[] = ["admin", "analyst", "manager", "evaluator"];
const STAFF = { admin: ["admin"], reading: ["admin", "analyst", "manager"] } as const;

export type Ids = Record<string, { own: Record<string, string>; other?: Record<string, string> }>;
export type Access = "public" | "bearer" | "signed in" | readonly Role[];
export type Route = { file: string; url: (p: Record<string, string>) => string; params?: string; access: Access };

export const ROUTES: Route[] = [
  { file: "_index", url: () => "/", access: "public" },
  { file: "_staff", url: () => "/offices", access: "signed in" },
  { file: "_staff.account", url: () => "/account", access: "signed in" },
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
  { file: "reports.annual.jobs", url: () => "/reports/annual/jobs", access: STAFF.reading },
  { file: "reports.jobs.$id.file", url: () => "/reports/jobs/999999/file", params: "job", access: STAFF.reading },
  { file: "s.$code", url: () => "/s/demo", params: "code", access: "public" },
  { file: "s.$code_.thanks", url: () => "/s/demo/thanks", params: "code", access: "public" },
  { file: "survey-theme[.]css", url: () => "/survey-theme.css?v=3.0.0", access: "public" },
];

/**
 * A session cookie per role, and the ids of each route's own-office and other-office
 * records in the demo data (999999 where the demo has none).
 */
export async function routeFixtures(): Promise<{ cookies: Map<Role, string>; ids: Ids }> {
  const cookies = new Map<Role, string>();
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
  const ids: Ids = {
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
  // Sessions are touched when a minute idle, which is a write; these stay fresh for the
  // whole file, so a test may assert that a refused request wrote nothing at all.
  await prisma.session.updateMany({ data: { lastSeenAt: new Date(Date.now() + 60 * 60_000) } });
  return { cookies, ids };
}
