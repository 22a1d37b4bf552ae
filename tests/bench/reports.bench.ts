// Benchmark: the analysts' dashboard and the annual report must cost offices × months, not
// responses. Seeds 100,000 and then 1,000,000 citizen responses (24 offices × 24 months,
// eleven rated items each) into a fresh SQLite file, and prints for each size the
// dashboard page loader's time (as the analyst opens /reports for the year), the annual
// figures' time, each report format's time and the ratio 1M / 100k.
// Targets on these 2-core machines: loader < 300 ms, PDF < 5 s, ratio < 1.5.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const dir = mkdtempSync(path.join(tmpdir(), "sqp-bench-"));
const file = path.join(dir, "bench.db");
// Before any module creates the Prisma client: this process works on the bench database only.
process.env.DATABASE_URL = `file:${file}`;
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

/**
 * Raw rows straight through better-sqlite3's prepared statements: a million responses and
 * eleven million answers would take the Prisma path an hour, and only the reading is measured.
 */
function insertResponses(count: number, seed: number) {
  const sqlite = new Database(file);
  const random = seededRandom(seed);
  const response = sqlite.prepare(
    `INSERT INTO "Response" ("channelId","versionId","officeId","answers","submittedAt","month","duplicate") VALUES (?,?,?,?,?,?,0)`,
  );
  const answer = sqlite.prepare(
    `INSERT INTO "Answer" ("responseId","officeId","month","questionName","dimension","value") VALUES (?,?,?,?,?,?)`,
  );
  const perCell = count / (channels.length * MONTHS.length);
  const insert = sqlite.transaction(() => {
    for (const channel of channels) {
      const level = 3.6 + random() * 0.8;
      for (const month of MONTHS) {
        for (let i = 0; i < perCell; i++) {
          const values = ITEMS.map(() => Math.min(5, Math.max(1, Math.round(level + (random() - 0.5) * 2.4))));
          const answers = JSON.stringify(Object.fromEntries(ITEMS.map((item, k) => [item.name, values[k]])));
          const { lastInsertRowid } = response.run(
            channel.id,
            surveys.citizenVersionId,
            channel.officeId,
            answers,
            `${month}-15T02:00:00.000+00:00`,
            month,
          );
          ITEMS.forEach((item, k) => answer.run(lastInsertRowid, channel.officeId, month, item.name, item.dimension, values[k]));
        }
      }
    }
  });
  insert();
  sqlite.close();
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
  insertResponses(size - inserted, size);
  inserted = size;
  const seeded = performance.now() - started;
  const rebuildStarted = performance.now();
  await prisma.$transaction((tx) => rebuildMonthlyStats(tx), { timeout: 3_600_000 });
  const rebuild = performance.now() - rebuildStarted;
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
    `reports: ${size.toLocaleString("en")} responses (seeded in ${(seeded / 1000).toFixed(0)} s, statistics rebuilt in ${(rebuild / 1000).toFixed(1)} s)`,
  );
  for (const [name, ms] of Object.entries(figures)) console.log(`  ${name.padEnd(7)} ${ms.toFixed(0).padStart(6)} ms (median of ${RUNS})`);
  console.log(`  open data (raw answers) ${openDataMs.toFixed(0)} ms (median of ${RUNS})`);
}

const small = results.get(SIZES[0])!;
const large = results.get(SIZES[1])!;
console.log("reports: ratio 1M / 100k");
for (const name of Object.keys(small)) console.log(`  ${name.padEnd(7)} ${(large[name] / small[name]).toFixed(2)}`);
console.log(
  `  targets: loader < 300 ms ${large.loader < 300 ? "met" : "NOT met"}, PDF < 5 s ${large.pdf < 5000 ? "met" : "NOT met"}, ratio < 1.5 ${
    Object.keys(small).every((k) => large[k] / small[k] < 1.5) ? "met" : "NOT met"
  }`,
);
await prisma.$disconnect();
rmSync(dir, { recursive: true, force: true });
