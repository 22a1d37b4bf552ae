import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { fileURLToPath } from "node:url";

const DATABASE_COPY = "tests/setup/per-file.ts";

/** What every project shares. The global setup (seeding) stays at the root, so it runs once. */
function project(name: string, include: string, test: TestProjectInlineConfiguration["test"] = {}): TestProjectInlineConfiguration {
  return {
    resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
    test: { name, include: [include], environment: "node", testTimeout: 30_000, hookTimeout: 120_000, ...test },
  };
}

export default defineConfig({
  test: {
    globalSetup: ["tests/setup/global.ts"],
    projects: [
      // Pure functions: no database copy, files side by side on both cores.
      project("unit", "tests/unit/**/*.test.ts", { sequence: { groupOrder: 0 } }),
      // Each file works on its own copy of the seeded database, so they may run side by side.
      project("integration", "tests/integration/**/*.test.ts", { setupFiles: [DATABASE_COPY], sequence: { groupOrder: 0 } }),
      // Browser tests each start a server and Chromium: one file at a time, after the others,
      // keeps a 2-core machine from thrashing and their timeouts honest.
      project("e2e", "tests/e2e/**/*.test.ts", { setupFiles: [DATABASE_COPY], fileParallelism: false, sequence: { groupOrder: 1 } }),
    ],
  },
});
