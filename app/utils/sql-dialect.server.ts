import { Prisma } from "~/generated/prisma/client";
import { isPostgresUrl } from "./database-url";
import { postgresPool } from "./db.server";

/**
 * Where SQLite and PostgreSQL need different SQL inside a query, one helper per engine,
 * here; every other query is written in the SQL both understand. Two paths differ whole,
 * each in its own module with both engines side by side: the citizen write path
 * (response-store.server.ts) and the report job claim (jobs.server.ts).
 */

/**
 * Joins the items of a checklist record's stored answers (`{"checks": {slot: {item:
 * "yes" | "no" | "na"}}}`, JSON text) as rows `i."key"` (the item) and `i."value"`.
 */
export function checklistItemsJoin(answers: Prisma.Sql): Prisma.Sql {
  if (isPostgresUrl()) {
    return Prisma.sql`CROSS JOIN LATERAL jsonb_each((${answers})::jsonb -> 'checks') s CROSS JOIN LATERAL jsonb_each_text(s."value") i`;
  }
  return Prisma.sql`JOIN json_each(${answers}, '$.checks') s JOIN json_each(s."value") i`;
}

/**
 * A filter for text containing `q`, ignoring case as SQLite's LIKE does for Latin letters
 * (PostgreSQL compares case by default, and SQLite's client has no `mode`).
 */
export function containsText(q: string): { contains: string } {
  return isPostgresUrl() ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}

/**
 * Serialises the transactions that take the same `key` until they end. SQLite needs
 * nothing: a write transaction there already excludes every other. On PostgreSQL (read
 * committed) two transactions could both find no row and both insert one; a transaction
 * advisory lock on the key's hash makes the second wait for the first to commit.
 */
export async function lockForTransaction(tx: Pick<Prisma.TransactionClient, "$queryRaw">, key: string): Promise<void> {
  if (isPostgresUrl()) await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))::text AS "locked"`;
}

/**
 * Runs `fn` while no other instance of the site runs its own `fn` for the same `key`: the
 * start-up imports (calendars, demo) of instances starting together, which would otherwise
 * both find a year missing and both insert it. A session advisory lock on PostgreSQL; one
 * SQLite instance needs none.
 */
export async function oneInstanceAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  if (!isPostgresUrl()) return fn();
  const client = await postgresPool().connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]);
    }
  } finally {
    client.release();
  }
}
