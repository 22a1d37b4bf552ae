import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** 20261202-031500: sorts by time, and safe in every file system's names. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** True when SQLite finds the file whole: a backup that fails this is never restored. */
export function isIntact(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) === "ok";
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `app-<time>.db` in `dir` with SQLite's online backup, which
 * reads a consistent snapshot while the server goes on writing (a plain file copy could
 * catch half a transaction), then checks the copy's integrity.
 */
export async function backupDatabase(source: string, dir: string, now = new Date()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `app-${stamp(now)}.db`);
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  if (!isIntact(target)) throw new Error(`The backup ${target} failed SQLite's integrity check`);
  return target;
}

/**
 * Replaces the database with a backup, keeping the replaced file beside it as
 * `<name>.before-restore-<time>.db`. The server must be stopped: a running one would go on
 * with the file it has open.
 */
export async function restoreDatabase(backup: string, target: string, now = new Date()): Promise<{ kept: string | null }> {
  if (!isIntact(backup)) throw new Error(`${backup} is not a whole SQLite database; nothing was restored`);
  let kept: string | null = null;
  if (existsSync(target)) {
    kept = `${target.replace(/\.db$/, "")}.before-restore-${stamp(now)}.db`;
    // Through SQLite, not a file copy: after a crash in WAL mode the last commits are
    // still in the -wal file beside it, which opening the database brings in.
    const current = new Database(target, { fileMustExist: true });
    try {
      await current.backup(kept);
    } finally {
      current.close();
    }
  }
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return { kept };
}
