import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, isIntact, restoreDatabase } from "~/modules/backup/backup.server";
import { databaseFile } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "sqp-backup-"));

/** Rows per table of a database file, and a digest of the responses, read with SQLite directly. */
function contents(file: string): { counts: Record<string, number>; responses: string } {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as Array<{ name: string }>;
    const counts = Object.fromEntries(
      tables.map((t) => [t.name, (db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
    );
    const rows = db.prepare(`SELECT id, officeId, month, answers FROM "Response" ORDER BY id`).all();
    return { counts, responses: JSON.stringify(rows) };
  } finally {
    db.close();
  }
}

function cli(script: string, args: string[]) {
  return spawnSync(path.resolve("node_modules/.bin/tsx"), [script, ...args], { env: process.env, encoding: "utf8" });
}

describe("database backup and restore", () => {
  it("takes a whole backup while the app goes on writing", async () => {
    const before = await prisma.auditLog.count();
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing && i < 200; i += 1)
        await prisma.auditLog.create({ data: { action: "test.write", entity: "Test", entityId: String(i), data: "{}" } });
    })();
    const file = await backupDatabase(databaseFile(), dir, new Date("2026-12-02T03:15:00Z"));
    writing = false;
    await writes;
    expect(path.basename(file)).toBe("app-20261202-031500.db");
    expect(isIntact(file)).toBe(true);
    const inBackup = contents(file).counts.AuditLog;
    expect(inBackup).toBeGreaterThanOrEqual(before);
    expect(inBackup).toBeLessThanOrEqual(await prisma.auditLog.count());
  });

  it("restores a backup over a changed database, row for row, keeping the replaced file", async () => {
    const live = databaseFile();
    const backup = await backupDatabase(live, dir, new Date("2026-12-02T04:00:00Z"));
    const saved = contents(backup);
    expect(saved.counts.Response).toBeGreaterThan(1000);

    // After the backup someone deletes every follow-up case and a month of responses.
    const changed = path.join(dir, "changed.db");
    copyFileSync(live, changed);
    const db = new Database(changed);
    db.exec(`DELETE FROM "FollowUpCase"; DELETE FROM "Answer" WHERE "month" = '2025-03'; DELETE FROM "Response" WHERE "month" = '2025-03'`);
    db.close();
    const damaged = contents(changed);
    expect(damaged.counts.FollowUpCase).toBe(0);

    const { kept } = await restoreDatabase(backup, changed, new Date("2026-12-02T05:00:00Z"));
    expect(contents(changed)).toEqual(saved);
    expect(kept).toBe(path.join(dir, "changed.before-restore-20261202-050000.db"));
    expect(contents(kept!)).toEqual(damaged);
  });

  it("keeps in the replaced file's copy what a crashed server in WAL mode had committed", async () => {
    const live = databaseFile();
    const backup = await backupDatabase(live, dir, new Date("2026-12-03T04:00:00Z"));
    const crashed = path.join(dir, "crashed.db");
    copyFileSync(live, crashed);
    // A server in WAL mode commits a deletion and is killed: the commit lives only in crashed.db-wal.
    const server = spawnSync(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1]);
         db.pragma("journal_mode = WAL");
         db.exec('DELETE FROM "FollowUpCase"');
         process.kill(process.pid, "SIGKILL");`,
        crashed,
      ],
      { encoding: "utf8" },
    );
    expect(server.signal).toBe("SIGKILL");
    expect(existsSync(`${crashed}-wal`)).toBe(true);

    const { kept } = await restoreDatabase(backup, crashed, new Date("2026-12-03T05:00:00Z"));
    expect(contents(kept!).counts.FollowUpCase).toBe(0);
    expect(contents(crashed)).toEqual(contents(backup));
  });

  it("refuses to restore a file that is not a whole database, changing nothing", async () => {
    const target = path.join(dir, "target.db");
    copyFileSync(databaseFile(), target);
    const before = readFileSync(target);
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database");
    await expect(restoreDatabase(junk, target)).rejects.toThrow();
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it("runs as npm run db:backup and db:restore", () => {
    const made = cli("app/cli/backup.ts", ["--dir", path.join(dir, "cli")]);
    expect(made.status, made.stderr).toBe(0);
    const file = made.stdout.trim();
    expect(existsSync(file)).toBe(true);
    expect(cli("app/cli/restore.ts", []).status).toBe(2);
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database");
    expect(cli("app/cli/restore.ts", [junk]).status).toBe(1);
  }, 120_000);
});
