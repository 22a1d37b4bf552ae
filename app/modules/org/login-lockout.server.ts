import type { Db } from "~/utils/db.server";
import { audit } from "./audit.server";
import { verifyLogin, type SessionUser } from "./auth.server";

/** Failed sign-ins in a row an account allows before it locks. */
export const LOCK_AFTER = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;

/** One minute at the `after`th failure, doubling with each further one, at most an hour. */
export function lockDuration(failures: number, after = LOCK_AFTER): number {
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - after));
}

/**
 * Failed sign-ins from one address before it must wait: more than an account's five,
 * because an office's staff share one address and mistype. A success does not forgive
 * them (a guesser with one account of their own would reset the count); a quarter hour
 * without a failure does.
 */
export const ADDRESS_LOCK_AFTER = 10;
const ADDRESS_FORGET_MS = 15 * 60_000;

/**
 * An address's failures, kept in the LoginAddress table so that every instance counts
 * them (and a restart forgives none); a record quiet for ADDRESS_FORGET_MS is forgotten.
 */
async function addressRecord(db: Db, address: string, now: Date) {
  const record = await db.loginAddress.findUnique({ where: { address } });
  if (record && now.getTime() - Math.max(record.lastFailure.getTime(), record.lockedUntil?.getTime() ?? 0) > ADDRESS_FORGET_MS) {
    return null;
  }
  return record;
}

/** Forgets every address's failures (tests). */
export async function resetAddressLocks(db: Db): Promise<void> {
  await db.loginAddress.deleteMany();
}

export type Lock = { seconds: number; by: "account" | "address" };
export type LoginAttempt = { ok: true; user: SessionUser } | { ok: false; lock: Lock | null };

/**
 * A sign-in with throttling per account and per client address, on top of the address's
 * rate limit: guessing from many addresses still locks the account, and guessing many
 * accounts from one address locks the address, each for a time that grows with every
 * further failure. While locked, even the right password is refused (the guesser must not
 * learn it was right); every lock is written to the audit log. Unknown e-mail addresses
 * are refused the same way as wrong passwords.
 */
export async function attemptLogin(db: Db, email: string, password: string, address: string, now = new Date()): Promise<LoginAttempt> {
  const fromAddress = await addressRecord(db, address, now);
  if (fromAddress?.lockedUntil && fromAddress.lockedUntil > now) {
    return { ok: false, lock: { seconds: Math.ceil((fromAddress.lockedUntil.getTime() - now.getTime()) / 1000), by: "address" } };
  }
  const account = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, lockedUntil: true },
  });
  if (account?.lockedUntil && account.lockedUntil > now) {
    return { ok: false, lock: { seconds: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000), by: "account" } };
  }
  const user = await verifyLogin(db, email, password);
  if (user) {
    if (account) await db.user.update({ where: { id: account.id }, data: { failedLogins: 0, lockedUntil: null } });
    return { ok: true, user };
  }
  const addressLock = await countAddressFailure(db, address, now);
  if (!account) return { ok: false, lock: addressLock };
  // The increment happens in the database, so guesses sent at once are all counted.
  const { failedLogins } = await db.user.update({
    where: { id: account.id },
    data: { failedLogins: { increment: 1 } },
    select: { failedLogins: true },
  });
  if (failedLogins < LOCK_AFTER) return { ok: false, lock: addressLock };
  const until = new Date(now.getTime() + lockDuration(failedLogins));
  await db.user.update({ where: { id: account.id }, data: { lockedUntil: until } });
  await audit(db, { actorId: null, action: "user.locked", entity: "User", entityId: account.id, data: { failedLogins, until } });
  return { ok: false, lock: { seconds: Math.ceil((until.getTime() - now.getTime()) / 1000), by: "account" } };
}

/** Counts a failure from `address`; the lock it now has, or null. */
async function countAddressFailure(db: Db, address: string, now: Date): Promise<Lock | null> {
  const forgotten = new Date(now.getTime() - ADDRESS_FORGET_MS);
  // A quiet record starts again from nothing; the increment happens in the database, so
  // failures sent at once, to one instance or several, are all counted.
  await db.loginAddress.deleteMany({
    where: { address, lastFailure: { lt: forgotten }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: forgotten } }] },
  });
  const { failures } = await db.loginAddress.upsert({
    where: { address },
    create: { address, failures: 1, lastFailure: now },
    update: { failures: { increment: 1 }, lastFailure: now },
    select: { failures: true },
  });
  if (failures < ADDRESS_LOCK_AFTER) return null;
  const until = new Date(now.getTime() + lockDuration(failures, ADDRESS_LOCK_AFTER));
  await db.loginAddress.update({ where: { address }, data: { lockedUntil: until } });
  await audit(db, { actorId: null, action: "login.address-locked", entity: "Address", entityId: address, data: { failures, until } });
  return { seconds: Math.ceil((until.getTime() - now.getTime()) / 1000), by: "address" };
}
