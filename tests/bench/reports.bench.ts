// Benchmark: the analysts' dashboard and the annual report must cost offices × months, not
// responses. Seeds 100,000 and then 1,000,000 citizen responses (24 offices × 24 months,
// eleven rated items each) into a fresh SQLite file, and prints for each size the
// dashboard page loader's time (as the analyst opens /reports for the year), the annual
// figures' time, each report format's time and the ratio 1M / 100k. Then the same again on
// PostgreSQL: a private cluster (fsync on) and this file run once more in a child process.
// Targets on these 2-core machines: loader < 300 ms, PDF < 5 s, ratio < 1.5.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { startCluster } from "../support/postgres";

/** Set in the child run on PostgreSQL: the database it works on. */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL;
const ENGINE = POSTGRES_URL ? "PostgreSQL" : "SQLite";
const dir = mkdtempSync(path.join(tmpdir(), "sqp-bench-"));
const file = path.join(dir, "bench.db");
// Before any module creates the Prisma client: this process works on the bench database only.
process.env.DATABASE_URL = POSTGRES_URL ?? `file:${file}`;
process.env.SESSION_SECRET ??= "bench-secret-0123456789abcdef";

const { migrateDatabase } = await import("../../app/cli/migrate");
const { prisma } = await import("../../app/utils/db.server");
const { seedOrganisation } = await import("../../prisma/seed/org");
const { seedSurveys } = await import("../../prisma/seed/surveys");
const { seedShippedCalendars } = await import("../../prisma/seed/calendar");
const { rebuildMonthlyStats } = await import("../../app/modules/reports/monthly-stats.server");
const { buildAnnualFile } = await import("../../app/modules/reports/annual-file.server");
const { annualFigures } = await import("../../app/modules/reports/annual.server");
const { openData } = await import("../../app/modules/reports/open-data.server");
const { citizenSatisfaction } = await import("../../app/modules/surveys/templates/citizen");
const { action: login } = await import("../../app/routes/login");
const { loader: dashboardLoader } = await import("../../app/routes/_staff.reports._index");
const { lastMonths } = await import("../../app/utils/dates");
const { seededRandom } = await import("../../app/utils/random");

const ITEMS = citizenSatisfaction.pages
  .flatMap((p) => p.elements as Array<{ type: string; name: string; dimension?: string }>)
  .filter((e) => e.type === "rating")
  .map((e) => ({ name: e.name, dimension: e.dimension ?? "untagged" }));
const MONTHS = lastMonths("2026-12", 24);
const YEAR = 2026;
const SIZES = [100_000, 1_000_000];
const RUNS = 3;

await migrateDatabase();
await seedShippedCalendars(prisma);
const offices = await seedOrganisation(prisma);
const surveys = await seedSurveys(prisma, offices);
const channels = surveys.channels.filter((c, i, all) => all.findIndex((x) => x.officeId === c.officeId) === i);
const authority = await prisma.authority.findFirstOrThrow({ select: { id: true, name: true } });

/** The analyst's session, through the login action as a browser would get it. */
async function analystCookie(): Promise<string> {
  const body = new URLSearchParams({ email: "analyst@demo.gov.tw", password: "Analyst#2026", redirectTo: "/" });
  const res = (await login({
    request: new Request("http://localhost/login", { method: "POST", body }),
    params: {},
    context: { clientIp: "10.9.0.1" },
  })) as Response;
  return res.headers.get("Set-Cookie")!.split(";")[0];
}
const cookie = await analystCookie();

/** The dashboard page's loader as the analyst opens it for the year, its JSON read to the end. */
async function openDashboard(): Promise<void> {
  const request = new Request(`http://localhost/reports?year=${YEAR}`, { headers: { Cookie: cookie } });
  const res = (await dashboardLoader({ request, params: {}, context: {} })) as Response;
  if (res.status !== 200) throw new Error(`dashboard loader answered ${res.status}`);
  await res.text();
}

/** The benchmark's responses, the same for both engines: `count` spread evenly over the offices' channels and the months. */
function* generated(count: number, seed: number) {
  const random = seededRandom(seed);
  const perCell = count / (channels.length * MONTHS.length);
  for (const channel of channels) {
    const level = 3.6 + random() * 0.8;
    for (const month of MONTHS) {
      for (let i = 0; i < perCell; i++) {
        const values = ITEMS.map(() => Math.min(5, Math.max(1, Math.round(level + (random() - 0.5) * 2.4))));
        const answers = JSON.stringify(Object.fromEntries(ITEMS.map((item, k) => [item.name, values[k]])));
        yield { channelId: channel.id, officeId: channel.officeId, month, answers, values };
      }
    }
  }
}

/**
 * Raw rows straight through better-sqlite3's prepared statements: a million responses and
 * eleven million answers would take the Prisma path an hour, and only the reading is measured.
 */
function insertSqlite(count: number, seed: number) {
  const sqlite = new Database(file);
  const response = sqlite.prepare(
    `INSERT INTO "Response" ("channelId","versionId","officeId","answers","submittedAt","month","duplicate") VALUES (?,?,?,?,?,?,0)`,
  );
  const answer = sqlite.prepare(
    `INSERT INTO "Answer" ("responseId","officeId","month","questionName","dimension","value") VALUES (?,?,?,?,?,?)`,
  );
  const insert = sqlite.transaction(() => {
    for (const r of generated(count, seed)) {
      const { lastInsertRowid } = response.run(
        r.channelId,
        surveys.citizenVersionId,
        r.officeId,
        r.answers,
        `${r.month}-15T02:00:00.000+00:00`,
        r.month,
      );
      ITEMS.forEach((item, k) => answer.run(lastInsertRowid, r.officeId, r.month, item.name, item.dimension, r.values[k]));
    }
  });
  insert();
  sqlite.close();
}

/** The same rows on PostgreSQL, 10,000 responses a statement as arrays unnested by the server. */
async function insertPostgres(count: number, seed: number) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const first = await client.query<{ next: number }>(`SELECT (COALESCE(MAX("id"), 0) + 1)::int AS "next" FROM "Response"`);
    let id = first.rows[0].next;
    type Batch = { ids: number[]; channels: number[]; offices: number[]; answers: string[]; months: string[] };
    const empty = (): Batch => ({ ids: [], channels: [], offices: [], answers: [], months: [] });
    const flush = async (b: Batch) => {
      if (b.ids.length === 0) return;
      await client.query(
        `INSERT INTO "Response" ("id","channelId","versionId","officeId","answers","submittedAt","month","duplicate")
         SELECT t.id, t.channel, $6, t.office, t.answers, (t.month || '-15 02:00:00')::timestamp, t.month, false
         FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[]) AS t(id, channel, office, answers, month)`,
        [b.ids, b.channels, b.offices, b.answers, b.months, surveys.citizenVersionId],
      );
      const each = <T>(f: (i: number, k: number) => T) => b.ids.flatMap((_, i) => ITEMS.map((__, k) => f(i, k)));
      const values = b.answers.map((a) => Object.values(JSON.parse(a) as Record<string, number>));
      await client.query(
        `INSERT INTO "Answer" ("responseId","officeId","month","questionName","dimension","value")
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[])`,
        [
          each((i) => b.ids[i]),
          each((i) => b.offices[i]),
          each((i) => b.months[i]),
          each((_, k) => ITEMS[k].name),
          each((_, k) => ITEMS[k].dimension),
          each((i, k) => values[i][k]),
        ],
      );
    };
    let batch = empty();
    await client.query("BEGIN");
    for (const r of generated(count, seed)) {
      batch.ids.push(id++);
      batch.channels.push(r.channelId);
      batch.offices.push(r.officeId);
      batch.answers.push(r.answers);
      batch.months.push(r.month);
      if (batch.ids.length === 10_000) {
        await flush(batch);
        batch = empty();
      }
    }
    await flush(batch);
    await client.query(`SELECT setval(pg_get_serial_sequence('"Response"', 'id'), $1)`, [id - 1]);
    await client.query("COMMIT");
    // As autovacuum leaves a table that grew over months: fresh statistics for the planner
    // and the visibility map set. Straight after a bulk load, without it, the planner
    // scans every response for the questionnaires offered (~300 ms at 1M) until
    // autovacuum has run, a minute later.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

/** The database's size on disk with its indexes (SQLite's file after a checkpoint, PostgreSQL's pg_database_size). */
async function databaseBytes(): Promise<number> {
  if (POSTGRES_URL) {
    const rows = await prisma.$queryRaw<Array<{ bytes: bigint }>>`SELECT pg_database_size(current_database()) AS "bytes"`;
    return Number(rows[0].bytes);
  }
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return statSync(file).size;
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const results = new Map<number, Record<string, number>>();
let inserted = 0;
for (const size of SIZES) {
  const started = performance.now();
  if (POSTGRES_URL) await insertPostgres(size - inserted, size);
  else insertSqlite(size - inserted, size);
  inserted = size;
  const seeded = performance.now() - started;
  const rebuildStarted = performance.now();
  await prisma.$transaction((tx) => rebuildMonthlyStats(tx), { timeout: 3_600_000 });
  const rebuild = performance.now() - rebuildStarted;
  const bytes = await databaseBytes();
  const figures: Record<string, number> = {};
  figures.loader = await median(openDashboard);
  // The figures every report section reads, on their own.
  figures.figures = await median(() => annualFigures(prisma, { authorityId: authority.id, officeId: null, name: authority.name }, YEAR));
  for (const format of ["csv", "ods", "xlsx", "pdf"] as const) {
    figures[format] = await median(() =>
      buildAnnualFile(prisma, { scope: { authorityId: authority.id, officeId: null, name: authority.name }, year: YEAR, format }),
    );
  }
  results.set(size, figures);
  // The open data's demographic breakdown reads the year's raw answers by design, so it is
  // printed on its own, outside the offices × months targets.
  const openDataMs = await median(() => openData(prisma, authority.id, YEAR));
  console.log(
    `reports (${ENGINE}): ${size.toLocaleString("en")} responses (seeded in ${(seeded / 1000).toFixed(0)} s, statistics rebuilt in ${(rebuild / 1000).toFixed(1)} s; ` +
      `database ${(bytes / 2 ** 20).toFixed(0)} MB, ${(bytes / size / 1024).toFixed(2)} KB per response)`,
  );
  for (const [name, ms] of Object.entries(figures)) console.log(`  ${name.padEnd(7)} ${ms.toFixed(0).padStart(6)} ms (median of ${RUNS})`);
  console.log(`  open data (raw answers) ${openDataMs.toFixed(0)} ms (median of ${RUNS})`);
}

const small = results.get(SIZES[0])!;
const large = results.get(SIZES[1])!;
console.log(`reports (${ENGINE}): ratio 1M / 100k`);
for (const name of Object.keys(small)) console.log(`  ${name.padEnd(7)} ${(large[name] / small[name]).toFixed(2)}`);
console.log(
  `  targets: loader < 300 ms ${large.loader < 300 ? "met" : "NOT met"}, PDF < 5 s ${large.pdf < 5000 ? "met" : "NOT met"}, ratio < 1.5 ${
    Object.keys(small).every((k) => large[k] / small[k] < 1.5) ? "met" : "NOT met"
  }`,
);
await prisma.$disconnect();
rmSync(dir, { recursive: true, force: true });

if (!POSTGRES_URL) {
  // This process's Prisma client stays on the SQLite file: PostgreSQL's run is a process of its own.
  const cluster = await startCluster({ durable: true });
  try {
    cluster.psql("CREATE DATABASE bench");
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_POSTGRES_URL: cluster.url("bench") },
      stdio: "inherit",
    });
    if (child.status !== 0) throw new Error(`the PostgreSQL run of the reports benchmark failed (${child.status})`);
  } finally {
    cluster.stop();
  }
}
