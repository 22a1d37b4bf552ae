import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rebuildMonthlyStats } from "~/modules/reports/monthly-stats.server";
import { requestReport } from "~/modules/reports/jobs.server";
import { isPostgresUrl } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { signIn } from "../bench/load/analyst";
import { RATED } from "../support/citizen";
import { onDatabase, runOn } from "../support/postgres";
import { startServer, type RunningServer } from "../support/server";

/**
 * Two production servers on different ports against one PostgreSQL database, as behind a
 * load balancer: whatever one instance knows that the other must respect lives in the
 * database. SQLite serves one instance (its rate limits stay in that process's memory),
 * so this file runs in the PostgreSQL project only.
 */
let a: RunningServer;
let b: RunningServer;

// TRUST_PROXY: each request names its citizen's address, as nginx would.
const env = { TRUST_PROXY: "1" };
const answers = (value: number, comment: string) => ({ answers: { ...Object.fromEntries(RATED.map((n) => [n, value])), comment } });

function submit(server: RunningServer, address: string, body: unknown) {
  return fetch(`${server.url}/api/v1/channels/demo/responses`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
  });
}

describe.skipIf(!isPostgresUrl())("two app instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("accepts a session made on one instance on the other, and ends it on both", async () => {
    const analyst = await signIn(a.url, "analyst@demo.gov.tw", "Analyst#2026");
    const page = await fetch(`${b.url}/reports/annual`, { headers: { Cookie: analyst.cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("年度");
    await prisma.session.deleteMany({ where: { user: { email: "analyst@demo.gov.tw" } } });
    for (const server of [a, b]) {
      const after = await fetch(`${server.url}/reports/annual`, { headers: { Cookie: analyst.cookie }, redirect: "manual" });
      expect(after.status).toBe(302);
      expect(after.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("limits a client on both instances once its requests to either reach the limit", async () => {
    const address = "198.51.100.7";
    // 30 a minute per address and channel (RATE_LIMITS.surveySubmit), taken half on each.
    for (let i = 0; i < 30; i++) {
      const res = await submit(i % 2 === 0 ? a : b, address, answers(5, `limit-${i}`));
      expect(res.status, `request ${i}`).toBe(201);
    }
    for (const server of [a, b]) {
      const res = await submit(server, address, answers(5, "over the limit"));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
    // Another client is not limited by this one.
    expect((await submit(b, "198.51.100.8", answers(4, "another client"))).status).toBe(201);
  });

  it("runs each queued report job exactly once, though both instances' workers look for work", async () => {
    const analyst = await prisma.user.findUniqueOrThrow({
      where: { email: "analyst@demo.gov.tw" },
      select: { id: true, authorityId: true },
    });
    const jobs = await Promise.all(
      [2024, 2025, 2026].map((year) =>
        requestReport(prisma, { authorityId: analyst.authorityId, officeId: null, year, format: "csv" }, analyst.id, "two-instances"),
      ),
    );
    const ids = jobs.map((j) => j.id);
    // Each worker polls the queue every five seconds.
    const deadline = Date.now() + 120_000;
    let rows: Array<{ status: string; attempts: number; fileName: string | null }> = [];
    while (Date.now() < deadline) {
      rows = await prisma.reportJob.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true, fileName: true } });
      if (rows.every((r) => r.status === "done" || r.status === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done"]);
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(rows.every((r) => r.fileName?.endsWith(".csv"))).toBe(true);
  }, 180_000);

  it("stores a submission storm split across both exactly once each, with the kept statistics equal to the raw rows", async () => {
    const before = await prisma.response.count();
    const storm = Array.from({ length: 240 }, (_, i) => i);
    const statuses: number[] = [];
    // 24 at a time, alternating instances, each from its own address (no rate limit, no duplicate flag).
    for (let i = 0; i < storm.length; i += 24) {
      const wave = storm.slice(i, i + 24);
      const replies = await Promise.all(
        wave.map((n) => submit(n % 2 === 0 ? a : b, `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`, answers(1 + (n % 5), `storm-${n}`))),
      );
      statuses.push(...replies.map((r) => r.status));
    }
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(await prisma.response.count()).toBe(before + storm.length);
    const stored = await prisma.response.findMany({
      where: { answers: { contains: '"storm-' } },
      select: { answers: true, duplicate: true },
    });
    const comments = stored.map((r) => (JSON.parse(r.answers) as { comment: string }).comment).sort();
    expect(comments).toEqual(storm.map((n) => `storm-${n}`).sort());
    expect(stored.every((r) => !r.duplicate)).toBe(true);
    expect(await prisma.answer.count({ where: { response: { answers: { contains: '"storm-' } } } })).toBe(storm.length * RATED.length);

    // The statistics both instances added to, row for row as rebuilt from the raw answers.
    const kept = () =>
      prisma.monthlyStat.findMany({ orderBy: [{ officeId: "asc" }, { month: "asc" }, { versionId: "asc" }, { dimension: "asc" }] });
    const counted = await kept();
    await rebuildMonthlyStats(prisma);
    const rebuilt = await kept();
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.map((r) => ({ ...r, sum: Number(r.sum.toFixed(9)), sumSq: Number(r.sumSq.toFixed(9)) }))).toEqual(
      rebuilt.map((r) => ({ ...r, sum: Number(r.sum.toFixed(9)), sumSq: Number(r.sumSq.toFixed(9)) })),
    );
  }, 180_000);

  it("migrates an empty database once and imports the calendars and the demo once when both start on it together", async () => {
    const admin = inject("pgAdminUrl");
    const name = `sqp_empty_${process.pid}`;
    await runOn(admin, `CREATE DATABASE "${name}"`);
    const url = onDatabase(admin, name);
    const fresh = { ...env, DATABASE_URL: url, DEMO_SEED: "1" };
    const both = await Promise.all([startServer(fresh), startServer(fresh)]);
    const empty = new pg.Client({ connectionString: url });
    await empty.connect();
    try {
      const count = async (client: pg.Client, table: string) =>
        Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
      // The same as this file's database, which the test run's seed made once.
      for (const table of ["CalendarDay", "Office", "User", "SurveyDefinition", "_prisma_migrations"]) {
        expect(await count(empty, table), table).toBe(
          Number((await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM "${table}"`))[0].n),
        );
      }
      const logs = both.map((s) => s.log());
      expect(logs.filter((l) => l.includes("Working-day calendars imported"))).toHaveLength(1);
      expect(logs.filter((l) => l.includes("Demo data created"))).toHaveLength(1);
    } finally {
      await empty.end();
      await Promise.all(both.map((s) => s.stop()));
      await runOn(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 300_000);
});
