import { spawnSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../app/cli/migrate";
import { onDatabase, runOn, startCluster, type Cluster } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL on the server the PostgreSQL project runs on, for creating and dropping databases. */
    pgAdminUrl: string;
    /** The migrated, seeded database each test file's own database is copied from. */
    pgTemplate: string;
  }
}

/** A database name of this run's own, so runs sharing a TEST_DATABASE_URL server never meet. */
const TEMPLATE = `sqp_seeded_${process.pid}`;

/**
 * The PostgreSQL project's database: on the server TEST_DATABASE_URL names (a user who
 * may create databases), else on a private cluster this run starts and stops. One
 * database is migrated and seeded with the demo; each test file then gets its own copy
 * (tests/setup/postgres-file.ts), as the SQLite projects get a copy of their file.
 */
export default async function setup(project: TestProject) {
  let cluster: Cluster | undefined;
  const admin = process.env.TEST_DATABASE_URL ?? (cluster = await startCluster()).url();
  try {
    await runOn(admin, `CREATE DATABASE "${TEMPLATE}"`);
    const env = { DATABASE_URL: onDatabase(admin, TEMPLATE) };
    await migrateDatabase(env);
    const seeded = spawnSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (seeded.status !== 0) throw new Error(`Seeding the PostgreSQL test database failed:\n${seeded.stdout}${seeded.stderr}`);
  } catch (e) {
    // Vitest runs no teardown after a failed setup: stop the cluster here, or it outlives the run.
    cluster?.stop();
    throw e;
  }
  project.provide("pgAdminUrl", admin);
  project.provide("pgTemplate", TEMPLATE);
  return async () => {
    if (cluster) return cluster.stop();
    await runOn(admin, `DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`);
  };
}
