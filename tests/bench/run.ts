// What `npm run bench` runs: every *.bench.ts file in this folder, one after another, then
// the submission sections of the load benchmark (throughput, CPU per response and p99
// against the bare baseline at 10, 50 and 100 connections; p99 while annual reports are
// built; SQLite against PostgreSQL with one and two instances) in a process of its own.
// Its kill -9 rounds and soak take half an hour: they stay in `npm run bench:load`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .sort();

for (const name of files) {
  console.log(`\n== ${name}`);
  await import(pathToFileURL(join(here, name)).href);
}

console.log("\n== load.ts --only throughput,report,postgresql");
const load = spawnSync(
  process.execPath,
  ["--import", "tsx", join(here, "load.ts"), "--only", "throughput,report,postgresql", "--seconds", "10"],
  {
    stdio: "inherit",
  },
);
console.log(`\n${files.length} benchmark file(s) and the load benchmark's submission sections run`);
process.exitCode = load.status ?? 1;
