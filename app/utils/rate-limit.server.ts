import { isPostgresUrl } from "./database-url";
import { postgresPool } from "./db.server";

/**
 * Fixed-window counters per key. Where they live follows the engine:
 * - SQLite: one server process serves the site, so in its memory (a counter written to the
 *   file would cost every submission a synced commit); a restart forgives a few requests.
 * - PostgreSQL: several instances behind one load balancer share the RateLimit table (an
 *   unlogged one: no disk flush per hit), so a client limited on one is limited on all.
 */

export type RateLimitRule = { name: string; limit: number; windowMs: number };

export const RATE_LIMITS = {
  // A counter's Wi-Fi puts many citizens behind one address, so allow a busy counter's pace.
  surveySubmit: { name: "survey-submit", limit: 30, windowMs: 60_000 },
  login: { name: "login", limit: 10, windowMs: 60_000 },
  api: { name: "api", limit: 120, windowMs: 60_000 },
} satisfies Record<string, RateLimitRule>;

/** A window's hits so far and when it ends (ms since the epoch). */
type Window = { count: number; resetAt: number };

/** Spent windows are kept this long before a sweep removes them. */
const KEEP_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

/** Counts one hit; returns the seconds to wait when the limit is exceeded, else 0. */
export async function hitRateLimit(rule: RateLimitRule, key: string, now = Date.now()): Promise<number> {
  const postgres = isPostgresUrl();
  if (now - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now;
    await (postgres ? sweepShared(now) : sweepMemory(now));
  }
  const id = `${rule.name}:${key}`;
  const window = postgres ? await countShared(id, now, rule.windowMs) : countInMemory(id, now, rule.windowMs);
  if (window.count <= rule.limit) return 0;
  return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
}

const windows = new Map<string, Window>();

function countInMemory(id: string, now: number, windowMs: number): Window {
  const current = windows.get(id);
  if (!current || current.resetAt <= now) {
    const fresh = { count: 1, resetAt: now + windowMs };
    windows.set(id, fresh);
    return fresh;
  }
  current.count += 1;
  return current;
}

async function sweepMemory(now: number) {
  for (const [id, w] of windows) if (now - w.resetAt > KEEP_MS) windows.delete(id);
}

/** One statement: starts the window, or counts in it, or starts it again once it ended. */
async function countShared(id: string, now: number, windowMs: number): Promise<Window> {
  const { rows } = await postgresPool().query<{ count: number; resetAt: string }>(
    `INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES ($1, 1, $2)
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimit"."resetAt" <= $3 THEN 1 ELSE "RateLimit"."count" + 1 END,
       "resetAt" = CASE WHEN "RateLimit"."resetAt" <= $3 THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END
     RETURNING "count", "resetAt"`,
    [id, now + windowMs, now],
  );
  return { count: rows[0].count, resetAt: Number(rows[0].resetAt) };
}

async function sweepShared(now: number) {
  await postgresPool().query(`DELETE FROM "RateLimit" WHERE "resetAt" < $1`, [now - KEEP_MS]);
}

/** Forgets every counter (tests). */
export async function resetRateLimits(): Promise<void> {
  windows.clear();
  if (isPostgresUrl()) await postgresPool().query(`DELETE FROM "RateLimit"`);
}
