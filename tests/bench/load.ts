// Load and durability benchmark of the public submission API (`npm run bench:load`).
// Prints figures; asserts nothing about speed. Sections:
//   1. throughput and p50/p95/p99 at 10, 50 and 100 connections, the production build
//      against a bare Express + better-sqlite3 insert, alternating, measured in this run;
//   2. the same at 50 connections under each SQLite journal/sync setting;
//   3. kill -9 rounds under load: every acknowledged response is stored exactly once;
//   4. a soak that prints the server's memory and latency every 30 s;
//   5. p50/p95/p99 at 50 connections idle and while the demo analyst builds annual reports
//      through the report page, and the ratio of the two p99s;
//   6. throughput and p99 at 10, 50 and 100 connections on SQLite (one instance) and on
//      PostgreSQL (a private cluster with fsync on) with one and with two instances, the
//      connections split between them as a load balancer would, alternating.
// Options: --seconds N (per run, 15), --rounds N (alternations, 2), --kill-rounds N (10),
// --soak-minutes N (10), --only throughput,settings,kill,soak,report,postgresql.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrateDatabase } from "../../app/cli/migrate";
import { citizenSatisfaction } from "../../app/modules/surveys/templates/citizen";
import { startCluster } from "../support/postgres";
import { startScript, startServer, type RunningServer } from "../support/server";
import { ensureSystemPackages } from "../setup/system-packages";
import { buildReport, signIn, type Analyst, type BuiltReport } from "./load/analyst";
import { runLoad, summary, type LoadResult } from "./load/client";

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string", default: "15" },
    rounds: { type: "string", default: "2" },
    "kill-rounds": { type: "string", default: "10" },
    "soak-minutes": { type: "string", default: "10" },
    only: { type: "string", default: "throughput,settings,kill,soak,report,postgresql" },
  },
});
const SECONDS = Number(opts.seconds);
const ROUNDS = Number(opts.rounds);
const KILL_ROUNDS = Number(opts["kill-rounds"]);
const SOAK_MINUTES = Number(opts["soak-minutes"]);
const sections = new Set(opts.only.split(","));

type Settings = { journal: "delete" | "wal"; synchronous: "full" | "normal" };
// The server's own default (env.server.ts).
const DEFAULT: Settings = { journal: "wal", synchronous: "full" };
const label = (s: Settings) => `${s.journal}/${s.synchronous}`;
const settingsEnv = (s: Settings) => ({ SQLITE_JOURNAL_MODE: s.journal, SQLITE_SYNCHRONOUS: s.synchronous });

const RATED = citizenSatisfaction.pages
  .flatMap((p) => p.elements as Array<{ type: string; name: string }>)
  .filter((e) => e.type === "rating")
  .map((e) => e.name);

/** A valid response; about one in ten has a low overall score and opens a follow-up case. */
function answersBody(n: number, marker = `load-${n}`): string {
  const answers: Record<string, unknown> = Object.fromEntries(RATED.map((name, i) => [name, 3 + ((n + i) % 3)]));
  if (n % 10 === 0) answers.overall = 2;
  answers.comment = marker;
  return JSON.stringify({ answers });
}
// TRUST_PROXY=1: each request comes from its own citizen address, as behind nginx, so the
// per-address limit does not turn the benchmark into a 429 test.
const fromAddress = (n: number) => ({ "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });

const work = mkdtempSync(path.join(tmpdir(), "sqp-load-"));
const template = path.join(work, "template.db");
let copies = 0;
function freshDb(): string {
  const file = path.join(work, `db-${++copies}.db`);
  copyFileSync(template, file);
  return file;
}

async function prepare() {
  // The report section's PDF needs Chromium and the CJK fonts, as the browser tests do.
  if (sections.has("report")) ensureSystemPackages();
  console.log("building the production bundle and the demo database …");
  const build = spawnSync(path.resolve("node_modules/.bin/remix"), ["build"], { stdio: "ignore" });
  if (build.status !== 0) throw new Error("remix build failed");
  await migrateDatabase({ DATABASE_URL: `file:${template}` });
  const seeded = spawnSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stdout}${seeded.stderr}`);
}

const project = (db: string, s: Settings) => startServer({ DATABASE_URL: `file:${db}`, TRUST_PROXY: "1", ...settingsEnv(s) });
const bare = (db: string, s: Settings) => startScript(path.resolve("tests/bench/load/bare-server.ts"), { BARE_DB: db, ...settingsEnv(s) });

/** User plus system CPU time of a process so far, in ms (Linux /proc, 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
  return line ? Number(line[1]) / 1024 : NaN;
}

let sequence = 0;
/** One closed-loop run against one server, or against several with the connections split evenly (a load balancer). */
async function measure(target: RunningServer | RunningServer[], connections: number, seconds = SECONDS) {
  const servers = Array.isArray(target) ? target : [target];
  const cpu = () => servers.reduce((sum, s) => sum + cpuMs(s.pid), 0);
  const cpuBefore = cpu();
  const start = sequence;
  const results = await Promise.all(
    servers.map((server, i) =>
      runLoad({
        url: `${server.url}/api/v1/channels/demo/responses`,
        connections: connections / servers.length,
        seconds,
        // Request numbers interleave across servers, so every request keeps an address of its own.
        body: (n) => answersBody(start + n * servers.length + i),
        headers: (n) => fromAddress(start + n * servers.length + i),
      }),
    ),
  );
  const result = results.reduce((all, r) => ({
    ...all,
    ok: all.ok + r.ok,
    refused: all.refused + r.refused,
    unanswered: all.unanswered + r.unanswered,
    latenciesMs: all.latenciesMs.concat(r.latenciesMs),
  }));
  sequence = start + (Math.max(...results.map((r) => r.latenciesMs.length)) + 1) * servers.length;
  return { ...summary(result), cpuPerResponse: (cpu() - cpuBefore) / Math.max(1, result.ok) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;
type Figures = Awaited<ReturnType<typeof measure>>;
function line(name: string, runs: Figures[]) {
  const m = (key: keyof Figures) => median(runs.map((r) => r[key]));
  return (
    `  ${name.padEnd(24)} ${m("perSecond").toFixed(0).padStart(6)}/s  p50 ${ms(m("p50"))}  p95 ${ms(m("p95"))}  p99 ${ms(m("p99"))}` +
    `  CPU ${m("cpuPerResponse").toFixed(2)} ms/response  refused ${runs.reduce((a, r) => a + r.refused, 0)}` +
    `  unanswered ${runs.reduce((a, r) => a + r.unanswered, 0)}`
  );
}

async function throughput() {
  console.log(`\n1. Submission API, default settings (${label(DEFAULT)}), medians of ${ROUNDS} alternating runs of ${SECONDS} s`);
  const app = await project(freshDb(), DEFAULT);
  const base = await bare(freshDb(), DEFAULT);
  try {
    for (const connections of [10, 50, 100]) {
      const ours: Figures[] = [];
      const theirs: Figures[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternate which goes first, so neither always meets a warmer machine.
        if (round % 2 === 0) ours.push(await measure(app, connections));
        theirs.push(await measure(base, connections));
        if (round % 2 === 1) ours.push(await measure(app, connections));
      }
      const ratio = median(ours.map((r) => r.perSecond)) / median(theirs.map((r) => r.perSecond));
      console.log(`${connections} connections:`);
      console.log(line("project", ours));
      console.log(line("bare", theirs));
      console.log(`  ratio project/bare ${ratio.toFixed(2)}`);
    }
  } finally {
    await app.stop();
    await base.stop();
  }
}

const SETTINGS: Settings[] = [
  { journal: "delete", synchronous: "full" },
  { journal: "delete", synchronous: "normal" },
  { journal: "wal", synchronous: "full" },
  { journal: "wal", synchronous: "normal" },
];

async function settings() {
  console.log(`\n2. SQLite settings at 50 connections, ${SECONDS} s each (project, then bare with the same setting)`);
  for (const s of SETTINGS) {
    const app = await project(freshDb(), s);
    const base = await bare(freshDb(), s);
    try {
      const ours = await measure(app, 50);
      const theirs = await measure(base, 50);
      console.log(`${label(s)}:`);
      console.log(line("project", [ours]));
      console.log(line("bare", [theirs]));
      console.log(`  ratio project/bare ${(ours.perSecond / theirs.perSecond).toFixed(2)}`);
    } finally {
      await app.stop();
      await base.stop();
    }
  }
}

/** Counts of each stored load marker, after SQLite's own recovery of the killed file. */
function storedMarkers(db: string): { intact: boolean; counts: Map<string, number> } {
  const sqlite = new Database(db);
  try {
    const intact = sqlite.pragma("integrity_check", { simple: true }) === "ok";
    const rows = sqlite
      .prepare(
        "SELECT json_extract(answers, '$.comment') AS marker, count(*) AS n FROM Response WHERE marker LIKE 'kill-%' GROUP BY marker",
      )
      .all() as Array<{ marker: string; n: number }>;
    return { intact, counts: new Map(rows.map((r) => [r.marker, r.n])) };
  } finally {
    sqlite.close();
  }
}

async function killRounds(s: Settings) {
  const db = freshDb();
  const acknowledged: string[] = [];
  let lost = 0;
  let doubled = 0;
  let intact = true;
  for (let round = 1; round <= KILL_ROUNDS; round += 1) {
    const app = await project(db, s);
    const abort = new AbortController();
    const markerOf = (n: number) => `kill-${round}-${n}`;
    const load: Promise<LoadResult> = runLoad({
      url: `${app.url}/api/v1/channels/demo/responses`,
      connections: 20,
      seconds: 10,
      body: (n) => answersBody(n, markerOf(n)),
      headers: (n) => fromAddress(round * 100_000 + n),
      timeoutMs: 5_000,
      signal: abort.signal,
    });
    await new Promise((r) => setTimeout(r, 500 + Math.random() * 2500));
    await app.kill();
    abort.abort();
    const result = await load;
    acknowledged.push(...result.acknowledged.map(markerOf));
    const stored = storedMarkers(db);
    intact &&= stored.intact;
    lost = acknowledged.filter((m) => !stored.counts.has(m)).length;
    doubled = [...stored.counts.values()].filter((n) => n > 1).length;
  }
  const stored = storedMarkers(db);
  const unacknowledgedButStored = stored.counts.size - acknowledged.filter((m) => stored.counts.has(m)).length;
  console.log(
    `  ${label(s).padEnd(14)} ${KILL_ROUNDS} rounds, ${acknowledged.length} acknowledged: lost ${lost}, stored twice ${doubled}, ` +
      `stored but cut off before the answer ${unacknowledgedButStored}, integrity ${intact ? "ok" : "FAILED"}`,
  );
}

async function soak() {
  console.log(`\n4. Soak: ${SOAK_MINUTES} min at 20 connections (${label(DEFAULT)}), every 30 s`);
  const app = await project(freshDb(), DEFAULT);
  try {
    const started = performance.now();
    for (let slice = 1; slice <= SOAK_MINUTES * 2; slice += 1) {
      const f = await measure(app, 20, 30);
      const minutes = ((performance.now() - started) / 60_000).toFixed(1);
      console.log(
        `  ${minutes.padStart(5)} min  ${f.perSecond.toFixed(0)}/s  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  RSS ${rssMb(app.pid).toFixed(0)} MB` +
          `  refused ${f.refused}  unanswered ${f.unanswered}`,
      );
    }
  } finally {
    await app.stop();
  }
}

const REPORT_FORMATS = ["pdf", "xlsx", "ods", "csv"];
/** Two analysts' tabs at once keep the next job queued while the last one's end is being polled for. */
const REPORT_TABS = 2;
let notes = 0;

/**
 * Runs `measure` once reports are being built, and keeps them coming until it is done:
 * each tab saves a new note (else a report built minutes ago is reused) and starts the
 * next format, polling the page until its job has finished. Waits for the last report,
 * so the next idle run is idle.
 */
async function whileReporting(analyst: Analyst, built: BuiltReport[], run: () => Promise<Figures>): Promise<Figures> {
  let stop = false;
  let markRunning = () => {};
  const running = new Promise<void>((resolve) => (markRunning = resolve));
  const tabs = Array.from({ length: REPORT_TABS }, async (_, tab) => {
    for (let i = 0; !stop; i += 1) {
      const format = REPORT_FORMATS[(i * REPORT_TABS + tab) % REPORT_FORMATS.length];
      built.push(await buildReport(analyst, format, `load benchmark note ${++notes}`, markRunning));
    }
  });
  await Promise.race([running, ...tabs]);
  try {
    return await run();
  } finally {
    stop = true;
    await Promise.all(tabs);
  }
}

async function reportLoad() {
  console.log(
    `\n5. Submission API at 50 connections (${label(DEFAULT)}), idle and while the demo analyst builds annual reports ` +
      `(${REPORT_FORMATS.join("/")} one after another on /reports/annual), medians of ${ROUNDS} alternating runs of ${SECONDS} s`,
  );
  const app = await project(freshDb(), DEFAULT);
  try {
    const analyst = await signIn(app.url, "analyst@demo.gov.tw", "Analyst#2026");
    const idle: Figures[] = [];
    const busy: Figures[] = [];
    const built: BuiltReport[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) idle.push(await measure(app, 50));
      busy.push(await whileReporting(analyst, built, () => measure(app, 50)));
      if (round % 2 === 1) idle.push(await measure(app, 50));
    }
    console.log(line("idle", idle));
    console.log(line("report", busy));
    const perFormat = REPORT_FORMATS.map((f) => {
      const of = built.filter((b) => b.format === f && b.status === "done").map((b) => b.seconds);
      return `${f} ${of.length}${of.length ? ` (median ${median(of).toFixed(1)} s)` : ""}`;
    });
    console.log(`  reports built: ${perFormat.join(", ")}; failed ${built.filter((b) => b.status !== "done").length}`);
    const p99Idle = median(idle.map((r) => r.p99));
    const p99Busy = median(busy.map((r) => r.p99));
    const each = (runs: Figures[]) => runs.map((r) => r.p99.toFixed(0)).join(", ");
    console.log(
      `  submission p99 idle ${ms(p99Idle)}, submission p99 while a report runs ${ms(p99Busy)}: ratio ${(p99Busy / p99Idle).toFixed(2)}` +
        ` (each run's p99 in ms: idle ${each(idle)}; report ${each(busy)})`,
    );
  } finally {
    await app.stop();
  }
}

async function postgresql() {
  console.log(
    `\n6. Submission API on SQLite and PostgreSQL (private cluster, fsync on), one and two instances, ` +
      `medians of ${ROUNDS} alternating runs of ${SECONDS} s (CPU: the instances' own, not the database server's)`,
  );
  const cluster = await startCluster({ durable: true });
  try {
    cluster.psql(`CREATE DATABASE seeded`);
    const seededUrl = cluster.url("seeded");
    await migrateDatabase({ DATABASE_URL: seededUrl });
    const seeded = spawnSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
      env: { ...process.env, DATABASE_URL: seededUrl },
      encoding: "utf8",
    });
    if (seeded.status !== 0) throw new Error(`seeding PostgreSQL failed:\n${seeded.stdout}${seeded.stderr}`);
    let databases = 0;
    const onPostgres = async (instances: number) => {
      const name = `run_${++databases}`;
      cluster.psql(`CREATE DATABASE ${name} TEMPLATE seeded`);
      const env = { DATABASE_URL: cluster.url(name), TRUST_PROXY: "1", SESSION_SECRET: "bench-secret-0123456789abcdef" };
      return Promise.all(Array.from({ length: instances }, () => startServer(env)));
    };
    const setups: Array<{ name: string; servers: RunningServer[] }> = [
      { name: "SQLite, 1 instance", servers: [await project(freshDb(), DEFAULT)] },
      { name: "PostgreSQL, 1 instance", servers: await onPostgres(1) },
      { name: "PostgreSQL, 2 instances", servers: await onPostgres(2) },
    ];
    try {
      for (const connections of [10, 50, 100]) {
        const runs = setups.map(() => [] as Figures[]);
        for (let round = 0; round < ROUNDS; round += 1) {
          // Each round in another order, so no setup always meets a warmer machine.
          const order = setups.map((_, i) => (i + round) % setups.length);
          for (const i of order) runs[i].push(await measure(setups[i].servers, connections));
        }
        console.log(`${connections} connections:`);
        setups.forEach((setup, i) => console.log(line(setup.name, runs[i])));
      }
    } finally {
      await Promise.all(setups.flatMap((setup) => setup.servers.map((server) => server.stop())));
    }
  } finally {
    cluster.stop();
  }
}

try {
  await prepare();
  if (sections.has("throughput")) await throughput();
  if (sections.has("settings")) await settings();
  if (sections.has("kill")) {
    console.log(`\n3. kill -9 under load at 20 connections, after 0.5–3 s of each round; one database per setting`);
    for (const s of SETTINGS) await killRounds(s);
  }
  if (sections.has("soak")) await soak();
  if (sections.has("report")) await reportLoad();
  if (sections.has("postgresql")) await postgresql();
} finally {
  rmSync(work, { recursive: true, force: true });
}
