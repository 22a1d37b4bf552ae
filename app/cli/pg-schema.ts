// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (`npm run db:schema`).
// Prisma's datasource provider is a literal, so PostgreSQL needs a schema file of its own;
// it is generated, never edited, and tests/unit/pg-schema.test.ts fails when it drifts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

const HEADER = "// Generated from prisma/schema.prisma by `npm run db:schema`: edit that file, not this one.\n";

/** The PostgreSQL schema for a SQLite schema text: the same models, another datasource and client. */
export function postgresSchema(sqlite: string): string {
  const replaced = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/sqp"')
    .replace(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output       = "../../app/generated/prisma-pg"');
  if (replaced.includes('"sqlite"') || !replaced.includes("prisma-pg") || !replaced.includes("postgresql://")) {
    throw new Error("prisma/schema.prisma no longer has the datasource or generator lines this script rewrites");
  }
  return HEADER + replaced;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`${POSTGRES_SCHEMA} written`);
}
