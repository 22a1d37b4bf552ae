// Applies pending migrations to the database DATABASE_URL names (`npm run db:deploy`, and
// every `npm start`): SQLite's from prisma/migrations, PostgreSQL's from
// prisma/postgresql/migrations. Prisma's own `migrate deploy` needs its schema engine,
// which offline machines cannot download for PostgreSQL; this runner needs nothing but the
// driver. It keeps Prisma's bookkeeping table, `_prisma_migrations`, with the same columns
// and checksums, so a site may switch to `prisma migrate deploy` and back.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { databaseFile, isPostgresUrl, sqliteTime } from "../utils/database-url";

export type Migration = { name: string; sql: string; checksum: string };

/** The migration folders under `folder`, oldest first (their names start with a timestamp). */
export function migrationsIn(folder: string): Migration[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      // Prisma's checksum: SHA-256 of the file as it is, in hex.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type Applied = { name: string; checksum: string; finished: boolean; rolledBack: boolean };

/** What stops a deploy: a migration that failed before, or one edited after it was applied. */
export function pending(migrations: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(applied.filter((a) => !a.rolledBack).map((a) => [a.name, a]));
  for (const a of byName.values()) {
    if (!a.finished) throw new Error(`migration ${a.name} failed earlier: fix the database, then mark it rolled back`);
  }
  for (const m of migrations) {
    const a = byName.get(m.name);
    if (a && a.checksum !== m.checksum) throw new Error(`migration ${m.name} was edited after it was applied`);
  }
  return migrations.filter((m) => !byName.has(m.name));
}

/** One engine's side of a deploy: `apply` runs a migration and records it in one transaction. */
type Target = {
  applied(): Promise<Applied[]>;
  apply(m: Migration): Promise<boolean>;
  close(): Promise<void>;
};

const toApplied = (r: { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }): Applied => ({
  name: r.migration_name,
  checksum: r.checksum,
  finished: r.finished_at !== null,
  rolledBack: r.rolled_back_at !== null,
});

function sqliteTarget(file: string): Target {
  const db = new Database(file);
  // Another process starting at the same moment holds the write lock while it migrates.
  db.pragma("busy_timeout = 30000");
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`);
  const rows = () =>
    (
      db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as Parameters<
        typeof toApplied
      >[0][]
    ).map(toApplied);
  return {
    applied: async () => rows(),
    async apply(m) {
      // Prisma's SQLite migrations rebuild tables, which needs foreign keys off; that
      // pragma is ignored inside a transaction, so it is set around it, and the keys are
      // checked before the COMMIT instead.
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN IMMEDIATE");
        try {
          // Under the write lock: a concurrent start may have applied it meanwhile.
          if (rows().some((a) => a.name === m.name && !a.rolledBack)) {
            db.exec("ROLLBACK");
            return false;
          }
          db.exec(m.sql);
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0) throw new Error(`${broken.length} rows break a foreign key`);
          const now = sqliteTime(new Date());
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(randomUUID(), m.checksum, now, m.name, now);
          db.exec("COMMIT");
          return true;
        } catch (e) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw e;
        }
      } finally {
        db.pragma("foreign_keys = ON");
      }
    },
    close: async () => void db.close(),
  };
}

// Prisma's own advisory lock key, so this runner and `prisma migrate deploy` exclude each other.
const ADVISORY_LOCK = 72707369;

async function postgresTarget(url: string): Promise<Target> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK]);
  await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  return {
    async applied() {
      const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
      return rows.map(toApplied);
    },
    // The advisory lock is held for the whole deploy, so nothing else applies meanwhile.
    async apply(m) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
        return true;
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
    },
    async close() {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK]);
      await client.end();
    },
  };
}

export const SQLITE_MIGRATIONS = "prisma/migrations";
export const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";

/**
 * Applies every pending migration, each in a transaction of its own with its record, and
 * returns the names applied. `extraEnv.DATABASE_URL` overrides the process's; `folder`,
 * the engine's migration folder.
 */
export async function migrateDatabase(extraEnv: Record<string, string> = {}, folder?: string): Promise<string[]> {
  const url = extraEnv.DATABASE_URL ?? process.env.DATABASE_URL;
  const postgres = isPostgresUrl(url);
  const migrations = migrationsIn(folder ?? (postgres ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS));
  const target = postgres ? await postgresTarget(url!) : sqliteTarget(databaseFile(url));
  const done: string[] = [];
  try {
    for (const m of pending(migrations, await target.applied())) {
      try {
        if (await target.apply(m)) done.push(m.name);
      } catch (e) {
        throw new Error(`migration ${m.name} failed and was rolled back: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } finally {
    await target.close();
  }
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const done = await migrateDatabase();
  console.log(done.length > 0 ? `Migrations applied: ${done.join(", ")}` : "No pending migrations.");
}
