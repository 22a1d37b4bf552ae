import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { LOCK_AFTER, lockDuration } from "~/modules/org/login-lockout.server";
import { action as login } from "~/routes/login";

let address = 0;

/** A sign-in from a new address each time, so only the per-account rule can stop it. */
async function signIn(email: string, password: string): Promise<Response> {
  address += 1;
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  return (await login({ request, params: {}, context: { clientIp: `10.8.${Math.floor(address / 250)}.${address % 250}` } })) as Response;
}

describe("locking an account after failed sign-ins", () => {
  it("locks after five wrong passwords from any addresses, refuses even the right one meanwhile, and audits the lock", async () => {
    const email = "evaluator@demo.gov.tw";
    for (let i = 1; i < LOCK_AFTER; i += 1) expect((await signIn(email, `wrong-${i}`)).status).toBe(400);
    const fifth = await signIn(email, "wrong-5");
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get("Retry-After"))).toBe(60);
    expect((await fifth.json()).error).toMatch(/暫時鎖定.*1 分鐘/);

    const right = await signIn(email, "Evaluator#2026");
    expect(right.status).toBe(429);
    expect(right.headers.get("Set-Cookie")).toBeNull();

    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "user.locked", entityId: String(user.id) },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(entry.data)).toMatchObject({ failedLogins: 5 });

    // Once the lock has run out, the right password signs in and the count starts again.
    await prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const after = await signIn(email, "Evaluator#2026");
    expect(after.status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLogins: true, lockedUntil: true } })).toEqual({
      failedLogins: 0,
      lockedUntil: null,
    });
  });

  it("doubles the lock with each further failure, up to an hour", () => {
    expect([5, 6, 7, 8, 11, 20].map((n) => lockDuration(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60]);
  });

  it("answers an unknown address as a wrong password, never as a lock", async () => {
    for (let i = 0; i < LOCK_AFTER + 1; i += 1) expect((await signIn("nobody@demo.gov.tw", "whatever-123")).status).toBe(400);
  });
});
