import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { ADDRESS_LOCK_AFTER, attemptLogin, LOCK_AFTER, lockDuration, resetAddressLocks } from "~/modules/org/login-lockout.server";
import { action as login } from "~/routes/login";

let address = 0;

/** A sign-in from a new address each time (unless one is given), so only the per-account rule can stop it. */
async function signIn(email: string, password: string, from?: string): Promise<Response> {
  address += 1;
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const clientIp = from ?? `10.8.${Math.floor(address / 250)}.${address % 250}`;
  return (await login({ request, params: {}, context: { clientIp } })) as Response;
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

describe("slowing down one address that guesses", () => {
  it("locks the address after ten failures over any accounts, with growing waits, audited; other addresses go on", async () => {
    await resetAddressLocks(prisma);
    const from = "10.99.0.1";
    // Different accounts and unknown e-mails: no account reaches its own lock.
    const emails = ["analyst@demo.gov.tw", "manager@demo.gov.tw", "nobody1@demo.gov.tw", "nobody2@demo.gov.tw"];
    for (let i = 1; i < ADDRESS_LOCK_AFTER; i += 1) expect((await signIn(emails[i % emails.length], `wrong-${i}`, from)).status).toBe(400);
    const tenth = await signIn("nobody3@demo.gov.tw", "wrong", from);
    expect(tenth.status).toBe(429);
    expect(Number(tenth.headers.get("Retry-After"))).toBe(60);
    expect((await tenth.json()).error).toMatch(/網路位址.*1 分鐘/);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "login.address-locked", entityId: from } });
    expect(JSON.parse(entry.data)).toMatchObject({ failures: 10 });

    // Meanwhile even the right password from there is refused; from elsewhere it signs in.
    expect((await signIn("analyst@demo.gov.tw", "Analyst#2026", from)).status).toBe(429);
    expect((await signIn("analyst@demo.gov.tw", "Analyst#2026", "10.99.0.2")).status).toBe(302);

    // After the minute, the next failure locks for two, the one after for four.
    let now = Date.now() + 61_000;
    const next = await attemptLogin(prisma, "nobody4@demo.gov.tw", "wrong", from, new Date(now));
    expect(next).toEqual({ ok: false, lock: { seconds: 120, by: "address" } });
    now += 121_000;
    expect(await attemptLogin(prisma, "nobody4@demo.gov.tw", "wrong", from, new Date(now))).toEqual({
      ok: false,
      lock: { seconds: 240, by: "address" },
    });
    // A quarter hour after the lock ends without a failure, the address starts again.
    now += 240_000 + 15 * 60_000 + 1000;
    expect(await attemptLogin(prisma, "nobody4@demo.gov.tw", "wrong", from, new Date(now))).toEqual({ ok: false, lock: null });
  });
});
