import type Database from "better-sqlite3";
import pg from "pg";
import { countStatements } from "~/modules/reports/monthly-stats.server";
import { isPostgresUrl, numberedPlaceholders, pgValue, sqliteValue } from "~/utils/database-url";
import { postgresPool, sqliteConnection } from "~/utils/db.server";
import { daysInYear, type WorkedDays } from "~/modules/calendar/working-days";
import { taipeiDate } from "~/utils/dates";
import { followUpDueDate } from "./follow-up";
import type { RatedAnswer } from "./validation";

/**
 * The citizen write path's own statements. A submission is the one request that every
 * citizen makes, so it skips the ORM, and a write queue commits the responses that arrive
 * while the previous batch is written in one transaction (group commit). Each response is
 * acknowledged only after that commit, so a crash never loses an acknowledged one. A replayed
 * fill token is refused by the insert itself (`ON CONFLICT … DO NOTHING`), and a response
 * whose statements fail otherwise is rolled back alone, never taking its batch with it.
 *
 * What one response writes is said once, in `writeOne`, as a generator of statements;
 * each engine runs them its own way:
 * - SQLite: prepared statements on Prisma's own connection, synchronously, so nothing
 *   else runs on that connection inside the batch and it never waits on a second one.
 * - PostgreSQL: a pooled connection of its own, one batch at a time per instance, each
 *   statement a round trip; so no savepoint per response unless a statement has failed,
 *   when the batch runs again with one. Batches of two instances that deadlock on the same
 *   statistics rows are run again.
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

type Value = string | number | boolean | Date | null;
type Row = Record<string, unknown>;

/**
 * One statement `writeOne` asks its engine to run, written with `?` placeholders; the
 * engine hands back the row (`get`), the rows (`all`), the new row's id or null when the
 * insert did nothing (`insert`), or nothing (`run`).
 */
type Step = { kind: "get" | "all" | "insert" | "run"; sql: string; values: Value[] };
type Steps<T> = Generator<Step, T, unknown>;

/**
 * The calendar days read to count a due date: more than any run of days off the
 * government calendar has (the longest, Lunar New Year with a weekend, is under ten), so
 * three working days always fall inside it once the calendar is loaded.
 */
const DUE_DATE_WINDOW_DAYS = 31;

const SQL = {
  channel: `SELECT c."id", c."kind", c."opensAt", c."closesAt", c."officeId", c."unitId", v."id" AS "versionId", v."json"
     FROM "Channel" c JOIN "SurveyVersion" v ON v."id" = c."versionId" WHERE c."code" = ?`,
  earlier: `SELECT 1 AS "found" FROM "Response" WHERE "clientHash" = ? AND "officeId" = ? AND "submittedAt" > ? LIMIT 1`,
  response: `INSERT INTO "Response" ("channelId", "versionId", "officeId", "unitId", "answers", "submittedAt", "month", "durationMs", "duplicate", "clientHash", "fillNonce")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("fillNonce") DO NOTHING`,
  /** A response's rated answers in one statement: `count` rows. */
  answers: (count: number) =>
    `INSERT INTO "Answer" ("responseId", "officeId", "month", "questionName", "dimension", "value", "scaleMin", "scaleMax") VALUES ${Array(count).fill("(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
  owner: `SELECT "id" FROM "User" WHERE "officeId" = ? AND "role" = 'manager' AND "active" = TRUE ORDER BY "id" LIMIT 1`,
  followUp: `INSERT INTO "FollowUpCase" ("responseId", "officeId", "reason", "contact", "dueDate", "ownerId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  calendarAfter: `SELECT "date", "isHoliday" FROM "CalendarDay" WHERE "date" > ? ORDER BY "date" LIMIT ${DUE_DATE_WINDOW_DAYS}`,
  yearDays: `SELECT count(*) AS "n" FROM "CalendarDay" WHERE "year" = ?`,
};

const step = (kind: Step["kind"], sql: string, ...values: Value[]): Step => ({ kind, sql, values });

function* writeOne(r: NewResponse): Steps<Written> {
  const duplicate =
    r.clientHash !== null &&
    r.duplicateSince !== null &&
    (yield step("get", SQL.earlier, r.clientHash, r.officeId, r.duplicateSince)) !== undefined;
  const id = (yield step(
    "insert",
    SQL.response,
    r.channelId,
    r.versionId,
    r.officeId,
    r.unitId,
    r.answers,
    r.submittedAt,
    r.month,
    r.durationMs,
    duplicate,
    r.clientHash,
    r.fillNonce,
  )) as number | null;
  // Its fill token is stored already: served once, answered once.
  if (id === null) return { ok: false, replayed: true };
  if (r.ratings.length > 0) {
    const rows = r.ratings.flatMap((a) => [id, r.officeId, r.month, a.questionName, a.dimension, a.value, a.scaleMin, a.scaleMax]);
    yield step("run", SQL.answers(r.ratings.length), ...rows);
  }
  if (!duplicate) {
    for (const statement of countStatements({ officeId: r.officeId, month: r.month, versionId: r.versionId }, r.ratings, 1)) {
      yield step("run", statement.sql, ...(statement.values as Value[]));
    }
  }
  let followUpId: number | null = null;
  if (r.followUp) {
    const owner = (yield step("get", SQL.owner, r.officeId)) as { id: number } | undefined;
    const { reason, contact } = r.followUp;
    const dueDate = followUpDueDate(yield* daysAfter(taipeiDate(r.submittedAt)), r.submittedAt);
    followUpId = (yield step("insert", SQL.followUp, id, r.officeId, reason, contact, dueDate, owner?.id ?? null, r.submittedAt)) as number;
  }
  return { ok: true, id, duplicate, followUpId };
}

/**
 * The worked days just after `date`, of fully loaded years only, as the calendar module
 * reads them: a year not (completely) imported stays absent, so the due date is left
 * pending rather than guessed. Read here, two indexed lookups, because the ORM's reading of
 * whole years cost a dissatisfied answer 3 ms.
 */
function* daysAfter(date: string): Steps<WorkedDays> {
  const rows = (yield step("all", SQL.calendarAfter, date)) as Array<{ date: string; isHoliday: number | boolean }>;
  const loaded = new Map<number, boolean>();
  for (const year of new Set(rows.map((row) => Number(row.date.slice(0, 4))))) {
    const { n } = (yield step("get", SQL.yearDays, year)) as { n: number | string };
    loaded.set(year, Number(n) === daysInYear(year));
  }
  return new Map(rows.filter((row) => loaded.get(Number(row.date.slice(0, 4)))).map((row) => [row.date, !row.isHoliday]));
}

/** How one engine stores a batch and reads a channel. */
type Engine = {
  write: (responses: NewResponse[]) => Promise<Array<Written | Error>>;
  channel: (code: string) => Promise<Row | undefined>;
};

let postgres: Engine | undefined;
let sqlite: { db: Database.Database; engine: Engine } | undefined;

async function currentEngine(): Promise<Engine> {
  if (isPostgresUrl()) return (postgres ??= postgresEngine(postgresPool()));
  // Prisma opens a new connection after a disconnect: prepare on that one.
  const db = await sqliteConnection();
  if (sqlite?.db !== db) sqlite = { db, engine: sqliteEngine(db) };
  return sqlite.engine;
}

/** The channel a code names, with its questionnaire's definition, or null. */
export async function intakeChannel(code: string): Promise<IntakeChannel | null> {
  const row = await (await currentEngine()).channel(code);
  if (!row) return null;
  const time = (v: unknown) => (v === null ? null : new Date(v as string | Date));
  return { ...(row as Omit<IntakeChannel, "opensAt" | "closesAt">), opensAt: time(row.opensAt), closesAt: time(row.closesAt) };
}

const MAX_BATCH = 200;
type Job = { response: NewResponse; resolve: (w: Written) => void; reject: (e: unknown) => void };
const queue: Job[] = [];
let writing = false;

/** Queues one response; resolves once the transaction holding it has committed. */
export async function writeResponse(response: NewResponse): Promise<Written> {
  const target = await currentEngine();
  return new Promise<Written>((resolve, reject) => {
    queue.push({ response, resolve, reject });
    if (!writing) {
      writing = true;
      setImmediate(() => void drain(target));
    }
  });
}

/** Writes batches until the queue is empty; one batch at a time, so the next one gathers meanwhile. */
async function drain(target: Engine) {
  while (queue.length > 0) {
    const jobs = queue.splice(0, MAX_BATCH);
    try {
      const outcomes = await target.write(jobs.map((j) => j.response));
      jobs.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome instanceof Error) job.reject(outcome);
        else job.resolve(outcome);
      });
    } catch (e) {
      // The commit itself failed: nothing of the batch is stored, and no one is told otherwise.
      for (const job of jobs) job.reject(e);
    }
  }
  writing = false;
}

/** A response's outcome when its own statements failed. */
function failure(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function sqliteEngine(db: Database.Database): Engine {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) {
      // The statistics upserts' text varies with the number of dimensions and options.
      if (prepared.size >= 64) prepared.clear();
      s = db.prepare(sql).safeIntegers(false);
      prepared.set(sql, s);
    }
    return s;
  };
  const run = <T>(steps: Steps<T>): T => {
    let next = steps.next();
    while (!next.done) {
      const { kind, sql, values } = next.value;
      const s = statement(sql);
      const args = values.map(sqliteValue);
      let result: unknown;
      if (kind === "get") result = s.get(...args);
      else if (kind === "all") result = s.all(...args);
      else {
        const { changes, lastInsertRowid } = s.run(...args);
        result = changes === 0 ? null : Number(lastInsertRowid);
      }
      next = steps.next(result);
    }
    return next.value;
  };
  // Called inside the batch's transaction, better-sqlite3 makes this a savepoint.
  const one = db.transaction((r: NewResponse) => run(writeOne(r)));
  const batch = db.transaction((responses: NewResponse[]) =>
    responses.map((r) => {
      try {
        return one(r);
      } catch (e) {
        return failure(e);
      }
    }),
  );
  return {
    async write(responses) {
      // A Prisma transaction open on the connection (it awaits between its statements):
      // writing now would land inside it, so wait for it to end.
      while (db.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
      return batch(responses);
    },
    channel: async (code) => statement(SQL.channel).get(code) as Row | undefined,
  };
}

/**
 * Reads Prisma's UTC `timestamp(3)` columns as UTC (the driver would read them in the
 * process's local time) and counts as numbers; the rest as the driver does.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === pg.types.builtins.INT8) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

const DEADLOCK = "40P01";
const MAX_TRIES = 3;
const ISOLATE = Symbol("run the batch again with a savepoint per response");

function postgresEngine(pool: pg.Pool): Engine {
  const texts = new Map<string, string>();
  const text = (sql: string, kind: Step["kind"]) => {
    const key = `${kind}:${sql}`;
    let t = texts.get(key);
    if (t === undefined) {
      if (texts.size >= 64) texts.clear();
      t = numberedPlaceholders(sql) + (kind === "insert" ? ` RETURNING "id"` : "");
      texts.set(key, t);
    }
    return t;
  };
  const query = (client: pg.ClientBase | pg.Pool, kind: Step["kind"], sql: string, values: Value[]) =>
    client.query({ text: text(sql, kind), values: values.map(pgValue), types: pgTypes });
  const run = async <T>(client: pg.PoolClient, steps: Steps<T>): Promise<T> => {
    let next = steps.next();
    while (!next.done) {
      const { kind, sql, values } = next.value;
      const { rows } = await query(client, kind, sql, values);
      next = steps.next(kind === "all" ? rows : kind === "insert" ? ((rows[0] as { id: number } | undefined)?.id ?? null) : rows[0]);
    }
    return next.value;
  };
  /** The batch in one transaction; `ISOLATE` when a statement failed without savepoints (`isolated`), all rolled back. */
  const batch = async (responses: NewResponse[], isolated: boolean): Promise<Array<Written | Error> | typeof ISOLATE> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const outcomes: Array<Written | Error> = [];
      for (const r of responses) {
        if (isolated) await client.query("SAVEPOINT one_response");
        try {
          outcomes.push(await run(client, writeOne(r)));
          if (isolated) await client.query("RELEASE SAVEPOINT one_response");
        } catch (e) {
          if ((e as { code?: string }).code === DEADLOCK) throw e;
          if (!isolated) {
            await client.query("ROLLBACK");
            return ISOLATE;
          }
          await client.query("ROLLBACK TO SAVEPOINT one_response");
          outcomes.push(failure(e));
        }
      }
      await client.query("COMMIT");
      return outcomes;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  return {
    async write(responses) {
      let isolated = false;
      for (let deadlocks = 0; ;) {
        try {
          const outcomes = await batch(responses, isolated);
          if (outcomes !== ISOLATE) return outcomes;
          isolated = true;
        } catch (e) {
          if ((e as { code?: string }).code !== DEADLOCK || ++deadlocks >= MAX_TRIES) throw e;
        }
      }
    },
    channel: async (code) => (await query(pool, "get", SQL.channel, [code])).rows[0] as Row | undefined,
  };
}
