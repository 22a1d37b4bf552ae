import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffToCurrent, isEmptyMigration } from "../../app/cli/pg-migration";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../app/cli/pg-schema";

describe("the PostgreSQL schema and its migrations", () => {
  it("is generated from the SQLite schema: `npm run db:schema` was run after the last model change", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("differs from the SQLite schema only in its datasource and client", () => {
    const pg = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output       = "../../app/generated/prisma-pg"');
    const models = (text: string) => text.slice(text.indexOf("model "));
    expect(models(pg)).toBe(models(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("refuses a SQLite schema whose datasource it cannot rewrite", () => {
    expect(() => postgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/datasource/);
  });

  it("has a migration for every change: `npm run db:migration:pg -- <name>` was run", () => {
    const sql = diffToCurrent();
    expect(sql, `PostgreSQL migration missing:\n${sql}`).toSatisfy(isEmptyMigration);
  });
});
