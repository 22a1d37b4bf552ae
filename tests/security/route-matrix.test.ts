import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, ROUTES, routeFixtures, type Ids, type Role, type Route, type Who } from "../support/routes";

/**
 * Every route file's loader, opened signed out and as each role, on the role's own office
 * and on another office: who may read what is stated here once per route, and the test
 * fails for a route file this table does not list, so a new page cannot skip the check.
 */
let cookies: Map<Role, string>;
let ids: Ids;

beforeAll(async () => {
  ({ cookies, ids } = await routeFixtures());
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
