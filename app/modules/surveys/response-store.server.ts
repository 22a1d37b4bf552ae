import type Database from "better-sqlite3";
import { countStatements } from "~/modules/reports/monthly-stats.server";
import { sqliteTime } from "~/utils/database-url";
import { sqliteConnection } from "~/utils/db.server";
import { daysInYear, type WorkedDays } from "~/modules/calendar/working-days";
import { taipeiDate } from "~/utils/dates";
import { followUpDueDate } from "./follow-up";
import type { RatedAnswer } from "./validation";

/**
 * The citizen write path's own statements. A submission is the one request that every
 * citizen makes, so it skips the ORM: prepared statements on Prisma's own connection,
 * and a write queue that commits the responses of one turn of the event loop in one
 * transaction (group commit). Each response is acknowledged only after that commit, so a
 * crash never loses an acknowledged one; each has its own savepoint, so one refused
 * response (a replayed fill token) never takes the others of its batch with it.
 */

export type IntakeChannel = {
  id: number;
  kind: string;
  opensAt: Date | null;
  closesAt: Date | null;
  officeId: number;
  unitId: number | null;
  versionId: number;
  /** The questionnaire version's definition, as stored. */
  json: string;
};

export type NewResponse = {
  channelId: number;
  versionId: number;
  officeId: number;
  unitId: number | null;
  /** The stored answers, personal data removed, as JSON. */
  answers: string;
  submittedAt: Date;
  month: string;
  durationMs: number | null;
  clientHash: string | null;
  fillNonce: string | null;
  /** Flag as a duplicate when the same client answered for the same office after this time. */
  duplicateSince: Date | null;
  ratings: RatedAnswer[];
  /** A case to open; its due date is counted in the write, from the calendar as stored then. */
  followUp: { reason: string; contact: string | null } | null;
};

export type Written = { ok: true; id: number; duplicate: boolean; followUpId: number | null } | { ok: false; replayed: true };

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The calendar days read to count a due date: more than any run of days off the
 * government calendar has (the longest, Lunar New Year with a weekend, is under ten), so
 * three working days always fall inside it once the calendar is loaded.
 */
const DUE_DATE_WINDOW_DAYS = 31;

function prepareStatements(db: Database.Database) {
  const prepare = (sql: string) => db.prepare(sql).safeIntegers(false);
  return {
    channel: prepare(
      `SELECT c."id", c."kind", c."opensAt", c."closesAt", c."officeId", c."unitId", v."id" AS "versionId", v."json"
       FROM "Channel" c JOIN "SurveyVersion" v ON v."id" = c."versionId" WHERE c."code" = ?`,
    ),
    earlier: prepare(`SELECT 1 FROM "Response" WHERE "clientHash" = ? AND "officeId" = ? AND "submittedAt" > ? LIMIT 1`),
    response: prepare(
      `INSERT INTO "Response" ("channelId", "versionId", "officeId", "unitId", "answers", "submittedAt", "month", "durationMs", "duplicate", "clientHash", "fillNonce")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    answer: prepare(
      `INSERT INTO "Answer" ("responseId", "officeId", "month", "questionName", "dimension", "value", "scaleMin", "scaleMax") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    owner: prepare(`SELECT "id" FROM "User" WHERE "officeId" = ? AND "role" = 'manager' AND "active" = 1 ORDER BY "id" LIMIT 1`),
    followUp: prepare(
      `INSERT INTO "FollowUpCase" ("responseId", "officeId", "reason", "contact", "dueDate", "ownerId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    calendarAfter: prepare(`SELECT "date", "isHoliday" FROM "CalendarDay" WHERE "date" > ? ORDER BY "date" LIMIT ${DUE_DATE_WINDOW_DAYS}`),
    yearDays: prepare(`SELECT count(*) AS "n" FROM "CalendarDay" WHERE "year" = ?`),
    /** The monthly-statistics upserts, whose text varies with the number of dimensions and options. */
    byText: new Map<string, Database.Statement>(),
  };
}

let connection: { db: Database.Database; statements: Statements } | null = null;

async function store() {
  const db = await sqliteConnection();
  if (connection?.db !== db) connection = { db, statements: prepareStatements(db) };
  return connection;
}

/** The channel a code names, with its questionnaire's definition, or null. */
export async function intakeChannel(code: string): Promise<IntakeChannel | null> {
  const { statements } = await store();
  const row = statements.channel.get(code) as
    (Omit<IntakeChannel, "opensAt" | "closesAt"> & { opensAt: string | null; closesAt: string | null }) | undefined;
  if (!row) return null;
  return { ...row, opensAt: row.opensAt ? new Date(row.opensAt) : null, closesAt: row.closesAt ? new Date(row.closesAt) : null };
}

const MAX_BATCH = 200;
type Job = { response: NewResponse; resolve: (w: Written) => void; reject: (e: unknown) => void };
const queue: Job[] = [];
let scheduled = false;

/** Queues one response; resolves once the transaction holding it has committed. */
export async function writeResponse(response: NewResponse): Promise<Written> {
  const target = await store();
  return new Promise<Written>((resolve, reject) => {
    queue.push({ response, resolve, reject });
    schedule(target, 0);
  });
}

function schedule(target: NonNullable<typeof connection>, delayMs: number) {
  if (scheduled) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    flush(target);
  };
  if (delayMs > 0) setTimeout(run, delayMs);
  else setImmediate(run);
}

function flush(target: NonNullable<typeof connection>) {
  // A Prisma transaction open on the connection (it awaits between its statements):
  // writing now would land inside it, so wait for it to end.
  if (target.db.inTransaction) return schedule(target, 1);
  const jobs = queue.splice(0, MAX_BATCH);
  try {
    const outcomes = writeBatch(
      target,
      jobs.map((j) => j.response),
    );
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) job.reject(outcome);
      else job.resolve(outcome);
    });
  } catch (e) {
    // The commit itself failed: nothing of the batch is stored, and no one is told otherwise.
    for (const job of jobs) job.reject(e);
  }
  if (queue.length > 0) schedule(target, 0);
}

function writeBatch({ db, statements }: NonNullable<typeof connection>, responses: NewResponse[]): Array<Written | Error> {
  // Called inside the batch's transaction, better-sqlite3 makes this a savepoint.
  const one = db.transaction((r: NewResponse) => writeOne(db, statements, r));
  return db.transaction(() =>
    responses.map((r): Written | Error => {
      try {
        return one(r);
      } catch (e) {
        if (isNonceConflict(e)) return { ok: false, replayed: true };
        return e instanceof Error ? e : new Error(String(e));
      }
    }),
  )();
}

function writeOne(db: Database.Database, s: Statements, r: NewResponse): Written {
  const duplicate =
    r.clientHash !== null &&
    r.duplicateSince !== null &&
    s.earlier.get(r.clientHash, r.officeId, sqliteTime(r.duplicateSince)) !== undefined;
  const { lastInsertRowid } = s.response.run(
    r.channelId,
    r.versionId,
    r.officeId,
    r.unitId,
    r.answers,
    sqliteTime(r.submittedAt),
    r.month,
    r.durationMs,
    duplicate ? 1 : 0,
    r.clientHash,
    r.fillNonce,
  );
  const id = Number(lastInsertRowid);
  for (const a of r.ratings) s.answer.run(id, r.officeId, r.month, a.questionName, a.dimension, a.value, a.scaleMin, a.scaleMax);
  if (!duplicate) {
    for (const statement of countStatements({ officeId: r.officeId, month: r.month, versionId: r.versionId }, r.ratings, 1)) {
      let prepared = s.byText.get(statement.sql);
      if (!prepared) {
        if (s.byText.size >= 64) s.byText.clear();
        prepared = db.prepare(statement.sql);
        s.byText.set(statement.sql, prepared);
      }
      prepared.run(...(statement.values as Array<string | number>));
    }
  }
  let followUpId: number | null = null;
  if (r.followUp) {
    const owner = s.owner.get(r.officeId) as { id: number } | undefined;
    const { reason, contact } = r.followUp;
    const dueDate = followUpDueDate(daysAfter(s, taipeiDate(r.submittedAt)), r.submittedAt);
    followUpId = Number(
      s.followUp.run(id, r.officeId, reason, contact, dueDate, owner?.id ?? null, sqliteTime(r.submittedAt)).lastInsertRowid,
    );
  }
  return { ok: true, id, duplicate, followUpId };
}

/**
 * The worked days just after `date`, of fully loaded years only, as the calendar module
 * reads them: a year not (completely) imported stays absent, so the due date is left
 * pending rather than guessed. Read here, two indexed lookups, because the ORM's reading of
 * whole years cost a dissatisfied answer 3 ms.
 */
function daysAfter(s: Statements, date: string): WorkedDays {
  const rows = s.calendarAfter.all(date) as Array<{ date: string; isHoliday: number }>;
  const loaded = new Map<number, boolean>();
  const isLoaded = (year: number) => {
    if (!loaded.has(year)) loaded.set(year, (s.yearDays.get(year) as { n: number }).n === daysInYear(year));
    return loaded.get(year);
  };
  return new Map(rows.filter((row) => isLoaded(Number(row.date.slice(0, 4)))).map((row) => [row.date, row.isHoliday === 0]));
}

function isNonceConflict(e: unknown): boolean {
  const error = e as { code?: string; message?: string };
  return error.code === "SQLITE_CONSTRAINT_UNIQUE" && /Response\.fillNonce/.test(error.message ?? "");
}
