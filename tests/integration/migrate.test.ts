import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsIn, SQLITE_MIGRATIONS } from "../../app/cli/migrate";

const dir = mkdtempSync(path.join(tmpdir(), "sqp-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(dir, `db-${++n}.db`);
const url = (file: string) => ({ DATABASE_URL: `file:${file}` });

/** Tables, indexes and their SQL, as SQLite keeps them: equal schemas give equal lists. */
function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
        .all() as Array<{ type: string; name: string; sql: string | null }>
    ).map((r) => `${r.type} ${r.name}: ${r.sql}`);
  } finally {
    db.close();
  }
}
const records = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name")
      .all() as Array<{
      migration_name: string;
      checksum: string;
      finished_at: string;
      applied_steps_count: number;
    }>;
  } finally {
    db.close();
  }
};
const prisma = (args: string[], file: string) =>
  spawnSync(path.resolve("node_modules/.bin/prisma"), args, {
    env: { ...process.env, ...url(file), PRISMA_SCHEMA_ENGINE_BINARY: path.resolve("package.json") },
    encoding: "utf8",
  });

/** A migrated database and a copy of the migration folder with one more migration of `sql`. */
async function withExtraMigration(name: string, sql: string) {
  const file = fresh();
  await migrateDatabase(url(file));
  const folder = path.join(dir, `migrations-${n}`);
  cpSync(SQLITE_MIGRATIONS, folder, { recursive: true });
  mkdirSync(path.join(folder, name));
  writeFileSync(path.join(folder, name, "migration.sql"), sql);
  return { file, folder };
}

describe("db:deploy on SQLite (the project's own migration runner)", () => {
  it("builds the same schema as `prisma migrate deploy`, with the same records, and Prisma sees nothing pending", async () => {
    const ours = fresh();
    const theirs = fresh();
    const applied = await migrateDatabase(url(ours));
    expect(applied).toEqual(migrationsIn(SQLITE_MIGRATIONS).map((m) => m.name));
    expect(prisma(["migrate", "deploy"], theirs).status).toBe(0);
    expect(schemaOf(ours)).toEqual(schemaOf(theirs));
    const mine = records(ours);
    expect(mine.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      records(theirs).map((r) => [r.migration_name, r.checksum, r.applied_steps_count]),
    );
    expect(mine.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/.test(r.finished_at))).toBe(true);
    const status = prisma(["migrate", "status"], ours);
    expect(status.stdout).toMatch(/Database schema is up to date/);
  });

  it("applies nothing the second time, and only the new one after a migration is added", async () => {
    const { file, folder } = await withExtraMigration("29991231000000_probe", 'CREATE TABLE "Probe" ("id" INTEGER PRIMARY KEY);\n');
    expect(await migrateDatabase(url(file))).toEqual([]);
    expect(await migrateDatabase(url(file), folder)).toEqual(["29991231000000_probe"]);
    expect(schemaOf(file).some((s) => s.startsWith("table Probe"))).toBe(true);
  });

  it("rolls a failing migration back whole and records nothing of it", async () => {
    const { file, folder } = await withExtraMigration(
      "29991231000000_broken",
      'CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "Nowhere" VALUES (1);\n',
    );
    await expect(migrateDatabase(url(file), folder)).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    expect(schemaOf(file).some((s) => s.startsWith("table Half"))).toBe(false);
    expect(records(file).map((r) => r.migration_name)).not.toContain("29991231000000_broken");
  });

  it("refuses a rebuild that leaves a row pointing nowhere", async () => {
    const { file, folder } = await withExtraMigration(
      "29991231000000_orphan",
      'INSERT INTO "Office" ("authorityId", "name", "kind", "city", "district") VALUES (999, \'x\', \'x\', \'x\', \'x\');\n',
    );
    await expect(migrateDatabase(url(file), folder)).rejects.toThrow(/foreign key/);
  });

  it("refuses to go on when an applied migration was edited afterwards", async () => {
    const file = fresh();
    const folder = path.join(dir, `migrations-${++n}`);
    cpSync(SQLITE_MIGRATIONS, folder, { recursive: true });
    await migrateDatabase(url(file), folder);
    const first = path.join(folder, migrationsIn(folder)[0].name, "migration.sql");
    writeFileSync(first, `${readFileSync(first, "utf8")}\n-- edited\n`);
    await expect(migrateDatabase(url(file), folder)).rejects.toThrow(/edited after it was applied/);
  });

  it("lets servers starting at once on one file apply each migration exactly once", async () => {
    const run = (file: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "app/cli/migrate.ts"], { env: { ...process.env, ...url(file) } });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
      });
    const all = migrationsIn(SQLITE_MIGRATIONS).map((m) => m.name);
    const file = fresh();
    await Promise.all([run(file), run(file)]);
    expect(records(file).map((r) => r.migration_name)).toEqual(all);
    // In one process the two deploys interleave at every await, always: both see nothing
    // applied, and the second finds each migration done once it holds the write lock.
    const again = fresh();
    const [first, second] = await Promise.all([migrateDatabase(url(again)), migrateDatabase(url(again))]);
    expect([...first, ...second].sort()).toEqual(all);
    expect(records(again).map((r) => r.migration_name)).toEqual(all);
  });
});
