import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Applies pending migrations with Prisma's JS schema engine. Pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at an existing file stops the CLI from trying to download
 * the native engine, which offline machines cannot.
 */
export function migrateDatabase(extraEnv: Record<string, string> = {}): void {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.resolve("package.json"),
    ...extraEnv,
  };
  const result = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("prisma migrate deploy failed");
  }
}
