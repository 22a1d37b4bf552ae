import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { fileURLToPath } from "node:url";

const DATABASE_COPY = "tests/setup/per-file.ts";

/**
 * The files that test SQLite itself (its backups, its migrations and a data migration
 * written for it) or start PostgreSQL clusters of their own: the PostgreSQL project
 * leaves them out.
 */
const SQLITE_ONLY = [
  "tests/integration/backup.test.ts",
  "tests/integration/courtesy-migration.test.ts",
  "tests/integration/migrate.test.ts",
  "tests/integration/postgres-migrations.test.ts",
];

/** What every project shares. The SQLite global setup (seeding) stays at the root, so it runs once. */
function project(
  name: string,
  include: string[],
  setupFiles: string[] = [],
  more: TestProjectInlineConfiguration["test"] = {},
): TestProjectInlineConfiguration {
  return {
    resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
    test: { name, include, setupFiles, environment: "node", testTimeout: 30_000, hookTimeout: 120_000, ...more },
  };
}

export default defineConfig({
  test: {
    globalSetup: ["tests/setup/global.ts"],
    // Browser tests each start a server and Chromium; one file at a time keeps the 2-core
    // machine from thrashing and the timeouts honest.
    fileParallelism: false,
    projects: [
      // Pure functions: no copy of the database.
      project("unit", ["tests/unit/**/*.test.ts"]),
      // Each file works on its own copy of the seeded database.
      project("integration", ["tests/integration/**/*.test.ts"], [DATABASE_COPY]),
      // Bad input against every public endpoint and staff form, on a database copy too.
      project("security", ["tests/security/**/*.test.ts"], [DATABASE_COPY]),
      project("e2e", ["tests/e2e/**/*.test.ts"], [DATABASE_COPY]),
      // The same three suites again on PostgreSQL: a private cluster (or TEST_DATABASE_URL)
      // with a seeded template, and a database of its own per file.
      project(
        "postgresql",
        ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/e2e/**/*.test.ts"],
        ["tests/setup/postgres-file.ts"],
        { exclude: SQLITE_ONLY, globalSetup: ["tests/setup/postgres-global.ts"] },
      ),
    ],
  },
});
