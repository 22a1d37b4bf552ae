import type { Db } from "~/utils/db.server";
import { audit } from "./audit.server";
import { verifyLogin, type SessionUser } from "./auth.server";

/** Failed sign-ins in a row an account allows before it locks. */
export const LOCK_AFTER = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;

/** One minute at the fifth failure, doubling with each further one, at most an hour. */
export function lockDuration(failures: number): number {
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - LOCK_AFTER));
}

export type LoginAttempt = { ok: true; user: SessionUser } | { ok: false; lockedSeconds: number | null };

/**
 * A sign-in with per-account throttling on top of the per-address rate limit: guessing
 * from many addresses still locks the account. While locked, even the right password is
 * refused (the guesser must not learn it was right); a lock is written to the audit log.
 * Unknown addresses are refused the same way as wrong passwords.
 */
export async function attemptLogin(db: Db, email: string, password: string, now = new Date()): Promise<LoginAttempt> {
  const account = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, lockedUntil: true },
  });
  if (account?.lockedUntil && account.lockedUntil > now) {
    return { ok: false, lockedSeconds: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const user = await verifyLogin(db, email, password);
  if (user) {
    if (account) await db.user.update({ where: { id: account.id }, data: { failedLogins: 0, lockedUntil: null } });
    return { ok: true, user };
  }
  if (!account) return { ok: false, lockedSeconds: null };
  // The increment happens in the database, so guesses sent at once are all counted.
  const { failedLogins } = await db.user.update({
    where: { id: account.id },
    data: { failedLogins: { increment: 1 } },
    select: { failedLogins: true },
  });
  if (failedLogins < LOCK_AFTER) return { ok: false, lockedSeconds: null };
  const until = new Date(now.getTime() + lockDuration(failedLogins));
  await db.user.update({ where: { id: account.id }, data: { lockedUntil: until } });
  await audit(db, { actorId: null, action: "user.locked", entity: "User", entityId: account.id, data: { failedLogins, until } });
  return { ok: false, lockedSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) };
}
