import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { t } from "~/locales";
import { z } from "~/utils/zod";
import { audit } from "./audit.server";
import type { Role } from "./roles";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** How long a new token works unless its maker says otherwise, and the most it may. */
export const TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
const DAY_MS = 86_400_000;

/** A token a user makes on their account page: what it is for, and how many days it works. */
export const tokenCreateSchema = z.object({
  label: z.string().trim().min(1, t("account.error.label")).max(100),
  days: z.coerce.number().int(t("account.error.days")).min(1, t("account.error.days")).max(MAX_TOKEN_DAYS, t("account.error.days")),
});

/**
 * Creates a token for a user; only its hash is stored, so the plaintext is shown once.
 * `actorId` is who made it (the user on their account page; null from the command line).
 */
export async function createApiToken(
  db: Db,
  userId: number,
  label = "",
  days = TOKEN_DAYS,
  actorId: number | null = null,
): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new RangeError(`days must be 1..${MAX_TOKEN_DAYS}`);
  const token = `sqp_${randomBytes(24).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + days * DAY_MS);
  const { id } = await db.apiToken.create({ data: { userId, tokenHash: hashToken(token), label, expiresAt }, select: { id: true } });
  await audit(db, { actorId, action: "token.create", entity: "ApiToken", entityId: id, data: { userId, label, expiresAt } });
  return token;
}

/** A user's tokens for the admin's user page and the user's account page: never the hash, newest first. */
export function listApiTokens(db: Db, userId: number) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

/** Revokes one of a user's tokens at once; audited. False when the user has no such token. */
export async function revokeApiToken(db: Db, actorId: number, userId: number, tokenId: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count > 0) await audit(tx, { actorId, action: "token.revoke", entity: "ApiToken", entityId: tokenId, data: { userId } });
    return count > 0;
  });
}

export type TokenUser = { id: number; role: Role; authorityId: number | null; officeId: number | null };

/** The active user behind `Authorization: Bearer …`, or null. */
export async function authenticateBearer(db: Db, request: Request): Promise<TokenUser | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, role: true, authorityId: true, officeId: true, active: true } },
    },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  if (row.expiresAt !== null && row.expiresAt <= new Date()) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const { active: _active, ...user } = row.user;
  return { ...user, role: user.role as Role };
}
