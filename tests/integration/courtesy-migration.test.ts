import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve("prisma/migrations");
const THIS_ONE = "20261201010000_plan_authority_calibration_office";

const dir = mkdtempSync(path.join(tmpdir(), "sqp-migration-"));
const db = new Database(path.join(dir, "before.db"));
const apply = (name: string) => db.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];

/**
 * Data written by the code before this migration: one plan whose calls reached offices of
 * two authorities (an admin's plan), a plan without calls, and calibration sessions that
 * kept their office on a marker call.
 */
function writeOldData() {
  const insert = (sql: string) => Number(db.prepare(sql).run().lastInsertRowid);
  const a = insert(`INSERT INTO "Authority" ("name") VALUES ('甲')`);
  const b = insert(`INSERT INTO "Authority" ("name") VALUES ('乙')`);
  const office = (authority: number, name: string) =>
    insert(
      `INSERT INTO "Office" ("authorityId", "name", "kind", "city", "district") VALUES (${authority}, '${name}', 'district', 'x', 'x')`,
    );
  const [a1, a2, b1] = [office(a, "甲一"), office(a, "甲二"), office(b, "乙一")];
  const evaluator = insert(
    `INSERT INTO "User" ("email", "name", "passwordHash", "role", "officeId") VALUES ('e@x', 'e', 'h', 'evaluator', ${a1})`,
  );
  const scale = insert(`INSERT INTO "CourtesyScale" ("key", "version", "json") VALUES ('default', 1, '{}')`);
  const plan = insert(`INSERT INTO "CallPlan" ("month", "kind", "seed") VALUES ('2026-05', 'assigned', 42)`);
  insert(`INSERT INTO "CallPlan" ("month", "kind", "seed") VALUES ('2026-06', 'assigned', 43)`);
  const call = (officeId: number, extra: { planId?: number; calibrationId?: number; status?: string } = {}) =>
    insert(
      `INSERT INTO "TestCall" ("planId", "scaleId", "officeId", "evaluatorId", "scheduledDate", "month", "status", "calibrationId")
       VALUES (${extra.planId ?? "NULL"}, ${scale}, ${officeId}, ${evaluator}, '2026-05-04', '2026-05', '${extra.status ?? "planned"}', ${extra.calibrationId ?? "NULL"})`,
    );
  const planned = [
    call(a2, { planId: plan }),
    call(b1, { planId: plan }),
    call(b1, { planId: plan, status: "submitted" }),
    call(a1, { planId: plan }),
  ];
  const session = (title: string) =>
    insert(`INSERT INTO "CalibrationSession" ("title", "scenario", "scaleId") VALUES ('${title}', 's', ${scale})`);
  const marked = session("有標記");
  const marker = call(b1, { calibrationId: marked });
  const scores = [call(b1, { calibrationId: marked, status: "submitted" }), call(b1, { calibrationId: marked, status: "submitted" })];
  const unmarked = session("無標記");
  const unmarkedScore = call(a2, { calibrationId: unmarked, status: "submitted" });
  const empty = session("無紀錄");
  return { a, b, a1, a2, b1, plan, planned, marked, marker, scores, unmarked, unmarkedScore, empty };
}

let old: ReturnType<typeof writeOldData>;

beforeAll(() => {
  const names = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(names).toContain(THIS_ONE);
  for (const name of names.filter((n) => n < THIS_ONE)) apply(name);
  old = writeOldData();
  apply(THIS_ONE);
  for (const name of names.filter((n) => n > THIS_ONE)) apply(name);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("migration: plans per authority, calibration office column", () => {
  it("gives each plan the authority of its calls' offices and splits a plan that reached two authorities", () => {
    const plans = rows(`SELECT "id", "authorityId", "month", "kind", "seed" FROM "CallPlan" ORDER BY "id"`);
    // The empty plan planned nothing and is gone; the split keeps the old id for the first authority.
    expect(plans).toHaveLength(2);
    expect(plans[0]).toEqual({ id: old.plan, authorityId: old.a, month: "2026-05", kind: "assigned", seed: 42 });
    expect(plans[1]).toMatchObject({ authorityId: old.b, month: "2026-05", kind: "assigned", seed: 42 });
    const calls = rows(
      `SELECT t."id", t."planId", o."authorityId" FROM "TestCall" t JOIN "Office" o ON o."id" = t."officeId" WHERE t."planId" IS NOT NULL ORDER BY t."id"`,
    );
    expect(calls.map((c) => c.id)).toEqual(old.planned);
    for (const c of calls) expect(c.planId).toBe(c.authorityId === old.a ? plans[0].id : plans[1].id);
    expect(() =>
      db.exec(`INSERT INTO "CallPlan" ("authorityId", "month", "kind", "seed") VALUES (${old.a}, '2026-05', 'assigned', 1)`),
    ).toThrow(/UNIQUE/);
  });

  it("moves a calibration session's office from its marker call to the session, then deletes the markers", () => {
    const sessions = rows(`SELECT "id", "officeId" FROM "CalibrationSession" ORDER BY "id"`);
    expect(sessions).toEqual([
      { id: old.marked, officeId: old.b1 },
      { id: old.unmarked, officeId: old.a2 },
    ]);
    const calibrationCalls = rows(`SELECT "id" FROM "TestCall" WHERE "calibrationId" IS NOT NULL ORDER BY "id"`).map((r) => r.id);
    expect(calibrationCalls).toEqual([...old.scores, old.unmarkedScore]);
    expect(rows(`SELECT "id" FROM "TestCall" WHERE "id" = ${old.marker}`)).toEqual([]);
    expect(rows(`PRAGMA foreign_key_check`)).toEqual([]);
  });
});
