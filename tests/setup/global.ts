import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../app/cli/migrate";
import { ensureSystemPackages } from "./system-packages";

declare module "vitest" {
  export interface ProvidedContext {
    seededDb: string;
    tmpDir: string;
  }
}

/**
 * Builds one migrated database with the demo seed for the whole run; each test file
 * then works on its own copy (tests/setup/per-file.ts), so files never see each other's writes.
 */
export default async function setup(project: TestProject) {
  ensureSystemPackages();
  const dir = mkdtempSync(path.join(tmpdir(), "sqp-tests-"));
  const seededDb = path.join(dir, "seeded.db");
  const env = { DATABASE_URL: `file:${seededDb}` };
  await migrateDatabase(env);
  const seeded = spawnSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`Seeding the test database failed:\n${seeded.stdout}${seeded.stderr}`);
  project.provide("seededDb", seededDb);
  project.provide("tmpDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
