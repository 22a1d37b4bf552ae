import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { audit } from "./audit.server";
import type { Role } from "./roles";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** How long a new token works unless its maker says otherwise, and the most it may. */
export const TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
const DAY_MS = 86_400_000;

/** Creates a token for a user; only its hash is stored, so the plaintext is shown once. */
export async function createApiToken(db: Db, userId: number, label = "", days = TOKEN_DAYS): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new RangeError(`days must be 1..${MAX_TOKEN_DAYS}`);
  const token = `sqp_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({ data: { userId, tokenHash: hashToken(token), label, expiresAt: new Date(Date.now() + days * DAY_MS) } });
  return token;
}

/** A user's tokens for the admin page: never the hash, newest first. */
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
