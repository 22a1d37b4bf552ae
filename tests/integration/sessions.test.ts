import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { getUser } from "~/modules/org/auth.server";
import { endUserSessions, resetPassword, updateUser } from "~/modules/org/users.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionUser } from "~/utils/session.server";
import { sessionCookie } from "../support/session";

const withCookie = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("sessions", () => {
  it("a password reset ends sessions that began before it", async () => {
    const before = await sessionCookie("evaluator2@demo.gov.tw", "Evaluator#2026");
    expect((await getUser(withCookie(before)))?.email).toBe("evaluator2@demo.gov.tw");
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" } });
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator2@demo.gov.tw" } });
    await new Promise((r) => setTimeout(r, 5));
    await resetPassword(prisma, admin.id, target.id, "Renewed#2026-pass");
    expect(await getUser(withCookie(before))).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    const after = await sessionCookie("evaluator2@demo.gov.tw", "Renewed#2026-pass");
    expect((await getUser(withCookie(after)))?.email).toBe("evaluator2@demo.gov.tw");
  });

  it("a tampered cookie is not a session", async () => {
    const cookie = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const [name, value] = cookie.split("=");
    const tampered = `${name}=${value.slice(0, -4)}AAAA`;
    expect(await getUser(withCookie(tampered))).toBeNull();
  });
});

describe("sessions kept in the database", () => {
  const logout = async (cookie: string, fields: Record<string, string> = {}) =>
    (await logoutAction({
      request: new Request("http://localhost/logout", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;

  it("logging out ends the session: a copy of the old cookie no longer signs in", async () => {
    const cookie = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    const copy = cookie;
    expect(await getUser(withCookie(copy))).not.toBeNull();
    const res = await logout(cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/sqp_session=;/);
    expect(await getUser(withCookie(copy))).toBeNull();
  });

  it("a session ends 8 hours after sign-in however active, and after 2 idle hours; the row goes with it", async () => {
    const cookie = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const row = (await sessionUser(withCookie(cookie)))!;
    const now = Date.now();
    await prisma.session.update({
      where: { id: row.id },
      data: { createdAt: new Date(now - SESSION_ABSOLUTE_MS - 1000), lastSeenAt: new Date(now) },
    });
    expect(await getUser(withCookie(cookie))).toBeNull();
    expect(await prisma.session.count({ where: { id: row.id } })).toBe(0);

    const idle = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const idleRow = (await sessionUser(withCookie(idle)))!;
    await prisma.session.update({ where: { id: idleRow.id }, data: { lastSeenAt: new Date(now - SESSION_IDLE_MS - 1000) } });
    expect(await getUser(withCookie(idle))).toBeNull();

    // An hour of quiet is not two: the session lives and its last use moves on.
    const active = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const activeRow = (await sessionUser(withCookie(active)))!;
    await prisma.session.update({ where: { id: activeRow.id }, data: { lastSeenAt: new Date(now - 60 * 60_000) } });
    expect(await getUser(withCookie(active))).not.toBeNull();
    const seen = await prisma.session.findUniqueOrThrow({ where: { id: activeRow.id } });
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(now - 60_000);
  });

  it("a sign-in clears sessions that expired unseen", async () => {
    const old = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const row = (await sessionUser(withCookie(old)))!;
    await prisma.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) } });
    await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    expect(await prisma.session.count({ where: { id: row.id } })).toBe(0);
  });

  it("a sign-in gets a new session id and ends the one the browser brought", async () => {
    const first = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
    const firstRow = (await sessionUser(withCookie(first)))!;
    const request = new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams({ email: "admin@demo.gov.tw", password: "Admin#2026", redirectTo: "/" }),
      headers: { Cookie: first },
    });
    const res = (await loginAction({ request, params: {}, context: { clientIp: "10.4.0.9" } })) as Response;
    const second = res.headers.get("Set-Cookie")!.split(";")[0];
    const secondRow = (await sessionUser(withCookie(second)))!;
    expect(secondRow.id).not.toBe(firstRow.id);
    expect(await prisma.session.count({ where: { id: firstRow.id } })).toBe(0);
  });

  it("signing out everywhere, by the person or by an admin, ends every device's session; a role change does too", async () => {
    const phone = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    const desk = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    await logout(phone, { scope: "everywhere" });
    expect(await getUser(withCookie(desk))).toBeNull();

    const target = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" } });
    const a = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    const b = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    expect(await endUserSessions(prisma, admin.id, target.id)).toBe(2);
    expect(await getUser(withCookie(a))).toBeNull();
    expect(await getUser(withCookie(b))).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "user.endSessions", entityId: String(target.id) } })).toBe(1);

    const c = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    await updateUser(prisma, admin.id, target.id, {
      name: target.name,
      active: true,
      role: "manager",
      authorityId: null,
      officeId: target.officeId,
      unitId: null,
    });
    expect(await getUser(withCookie(c))).toBeNull();
  });
});
