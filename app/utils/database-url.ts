import { mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Resolves DATABASE_URL (`file:./data/app.db`, a bare path, or unset) to an absolute
 * SQLite file path, relative to the working directory, and makes sure its folder exists.
 */
export function databaseFile(url = process.env.DATABASE_URL): string {
  if (isPostgresUrl(url)) throw new Error("DATABASE_URL names a PostgreSQL server, not a SQLite file");
  const raw = (url ?? "").trim() || "file:./data/app.db";
  if (raw === ":memory:" || raw === "file::memory:") return ":memory:";
  const file = path.resolve(raw.replace(/^file:/, "").replace(/\?.*$/, ""));
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Whether DATABASE_URL names a PostgreSQL server (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(url = process.env.DATABASE_URL): boolean {
  return /^postgres(ql)?:\/\//i.test((url ?? "").trim());
}

/** Prisma's SQLite adapter stores a DateTime as ISO 8601 text with "+00:00"; SQL on the raw connection writes and compares the same form. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/**
 * Prisma keeps a DateTime on PostgreSQL as a UTC `timestamp(3)`; SQL past Prisma writes it
 * as ISO text, whose zone PostgreSQL ignores for that type (a Date handed to the driver
 * would be written in the server process's local time).
 */
export function pgTime(d: Date): string {
  return d.toISOString();
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the statements given have no `?` inside literals). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A value a statement past Prisma binds. */
export type BoundValue = string | number | boolean | Date | Uint8Array | null;

/** As better-sqlite3 binds it: dates in Prisma's text form, booleans as 0 and 1. */
export function sqliteValue(v: BoundValue) {
  return v instanceof Date ? sqliteTime(v) : typeof v === "boolean" ? Number(v) : v;
}

/** As node-postgres binds it: dates in Prisma's UTC form, bytes as a Buffer (bytea). */
export function pgValue(v: BoundValue) {
  return v instanceof Date ? pgTime(v) : v instanceof Uint8Array ? Buffer.from(v) : v;
}
