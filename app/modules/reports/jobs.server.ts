import { t } from "~/locales";
import { isPostgresUrl } from "~/utils/database-url";
import { driverQuery, type Db } from "~/utils/db.server";
import { lockForTransaction } from "~/utils/sql-dialect.server";
import { AppError, notFound } from "~/utils/errors";
import type { ReportFormat } from "./report-formats";

/**
 * A queue of long reports kept in the ReportJob table, so a request returns at once, the
 * page polls the job's progress, and any app instance sharing the database can run it.
 */

export type ReportRequest = { authorityId: number | null; officeId: number | null; year: number; format: ReportFormat };

/** A job a worker has claimed; `claimedAt` is its lease: writes with another value are someone else's run. */
export type Job = ReportRequest & { id: number; requestedById: number; claimedAt: Date };

export type ReportFile = { file: Uint8Array; fileName: string };
export type ReportBuilder = (job: Job, progress: (fraction: number) => Promise<void>) => Promise<ReportFile>;

/** A finished report is handed to the next request for this long: the figures change slowly. */
const REUSE_MS = 10 * 60_000;
/** A running job not finished after this long was left by a worker that died, and is run again. */
const STALE_MS = 10 * 60_000;
/** Progress is written at most this often, so a builder reporting every row does not flood the database. */
const PROGRESS_INTERVAL_MS = 250;
const POLL_MS = 5_000;

const jobSelect = {
  id: true,
  authorityId: true,
  officeId: true,
  year: true,
  format: true,
  requestedById: true,
  status: true,
  claimedAt: true,
} as const;

/** Names what a report contains; the analyst's note version is part of it, so editing the note makes a new report. */
export function jobKey(req: ReportRequest, noteVersion: string): string {
  return `authority=${req.authorityId ?? "-"};office=${req.officeId ?? "-"};year=${req.year};format=${req.format};note=${noteVersion}`;
}

/**
 * Returns the job that makes this report: one queued or running for the same key, else
 * one finished less than REUSE_MS ago, else a new queued job.
 *
 * The check and the insert share a transaction that holds the key's lock, so two
 * requests for one report, on one instance or two, make one job.
 */
export async function requestReport(db: Db, req: ReportRequest, userId: number, noteVersion: string): Promise<{ id: number }> {
  const key = jobKey(req, noteVersion);
  return db.$transaction(async (tx) => {
    await lockForTransaction(tx, key);
    const active = await tx.reportJob.findFirst({
      where: { key, status: { in: ["queued", "running"] } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    if (active) return active;
    const recent = await tx.reportJob.findFirst({
      where: { key, status: "done", finishedAt: { gte: new Date(Date.now() - REUSE_MS) } },
      orderBy: { finishedAt: "desc" },
      select: { id: true },
    });
    if (recent) return recent;
    return tx.reportJob.create({ data: { key, ...req, requestedById: userId }, select: { id: true } });
  });
}

/**
 * Claims the oldest queued job, or a running one claimed more than STALE_MS ago (its
 * worker died): of several instances racing for one job exactly one gets it, and the
 * others move on to the next or find none.
 */
export async function claimNextJob(db: Db): Promise<Job | null> {
  return isPostgresUrl() ? claimSkippingLocked(db) : claimByConditionalUpdate(db);
}

/** Claimable: queued, or running under a lease older than STALE_MS. */
function claimable(now: Date) {
  return { OR: [{ status: "queued" }, { status: "running", claimedAt: { lt: new Date(now.getTime() - STALE_MS) } }] };
}

/**
 * SQLite: an update that only succeeds if the row is still as we read it. SQLite runs
 * one write at a time, so the loser sees count 0 and tries the next candidate.
 */
async function claimByConditionalUpdate(db: Db): Promise<Job | null> {
  for (;;) {
    const candidates = await db.reportJob.findMany({
      where: claimable(new Date()),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 10,
      select: jobSelect,
    });
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      const claimedAt = new Date();
      const { count } = await db.reportJob.updateMany({
        where: { id: candidate.id, status: candidate.status, claimedAt: candidate.claimedAt },
        data: { status: "running", claimedAt, progress: 0, attempts: { increment: 1 } },
      });
      if (count === 1) {
        const { status: _status, claimedAt: _previous, ...job } = candidate;
        // Only requestReport writes rows, and it takes a ReportFormat.
        return { ...job, format: job.format as ReportFormat, claimedAt };
      }
    }
    // Every candidate was taken by another worker between our read and our update: read again.
  }
}

/**
 * PostgreSQL: one statement that locks the oldest claimable row and skips rows another
 * instance's claim has locked, so racing instances never wait on nor retry each other.
 */
async function claimSkippingLocked(db: Db): Promise<Job | null> {
  const claimedAt = new Date();
  const staleBefore = new Date(claimedAt.getTime() - STALE_MS);
  const rows = await db.$queryRaw<Array<Omit<Job, "claimedAt">>>`
    UPDATE "ReportJob" SET "status" = 'running', "claimedAt" = ${claimedAt}, "progress" = 0, "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "ReportJob"
      WHERE "status" = 'queued' OR ("status" = 'running' AND "claimedAt" < ${staleBefore})
      ORDER BY "createdAt", "id" LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "authorityId", "officeId", "year", "format", "requestedById"`;
  return rows[0] ? { ...rows[0], claimedAt } : null;
}

/** The rows this run may still write: if a stale-job claim took the job over, this run's writes are dropped. */
function lease(job: Job) {
  return { id: job.id, status: "running", claimedAt: job.claimedAt };
}

/** Writes a builder's progress as a whole percentage, only upwards and at most every PROGRESS_INTERVAL_MS. */
function progressWriter(db: Db, job: Job) {
  let written = 0;
  let writtenAt = 0;
  return async (fraction: number) => {
    // 100 means done, which only the final write may say.
    const percent = Math.min(99, Math.max(0, Math.floor(fraction * 100)));
    if (percent <= written || Date.now() - writtenAt < PROGRESS_INTERVAL_MS) return;
    written = percent;
    writtenAt = Date.now();
    // The `lt` keeps the stored value from going down when a builder does not await its calls.
    await db.reportJob.updateMany({ where: { ...lease(job), progress: { lt: percent } }, data: { progress: percent } });
  };
}

/** What the person sees for a failed job: our own refusal's message, or a generic one for a defect. */
function failureMessage(error: unknown): string {
  return error instanceof AppError ? error.message : t("report.job.failed");
}

/** Runs a claimed job's builder and stores its file, or why it failed. */
export async function runJob(db: Db, job: Job, build: ReportBuilder): Promise<void> {
  let result: ReportFile;
  try {
    result = await build(job, progressWriter(db, job));
  } catch (error) {
    console.error(`Report job ${job.id} failed:`, error);
    await db.reportJob.updateMany({ where: lease(job), data: { status: "failed", error: failureMessage(error), finishedAt: new Date() } });
    return;
  }
  await storeFile(job, result);
}

// A report's file goes past Prisma, which carries Bytes through its query compiler as
// text: for a 2 MB PDF that took 60–100 ms to store and 130 ms to read, all on the thread
// that answers citizens (their p99 doubled while reports were made); the driver's own
// statement takes 2 ms. The WHERE is lease(job)'s.
async function storeFile(job: Job, { file, fileName }: ReportFile): Promise<void> {
  await driverQuery(
    `UPDATE "ReportJob" SET "status" = 'done', "progress" = 100, "file" = ?, "fileName" = ?, "error" = NULL, "finishedAt" = ?
     WHERE "id" = ? AND "status" = 'running' AND "claimedAt" = ?`,
    [file, fileName, new Date(), job.id, job.claimedAt],
  );
}

export type ReportWorker = { kick: () => void; stop: () => Promise<void> };

/**
 * Runs queued jobs one at a time in this process: `kick()` after a request wakes it, and a
 * poll picks up jobs queued by other instances or left running by a crashed one. Errors
 * are logged and the next kick or poll tries again; nothing is left unhandled.
 */
export function startReportWorker(db: Db, build: ReportBuilder, o: { pollMs?: number } = {}): ReportWorker {
  let current: Promise<void> | null = null;
  let kickedWhileRunning = false;
  let stopped = false;

  async function drain() {
    do {
      kickedWhileRunning = false;
      while (!stopped) {
        const job = await claimNextJob(db);
        if (!job) break;
        await runJob(db, job, build);
      }
    } while (kickedWhileRunning && !stopped);
  }

  function kick() {
    if (stopped) return;
    if (current) {
      // A job queued after the running loop's last empty claim would wait for the next poll.
      kickedWhileRunning = true;
      return;
    }
    current = drain()
      .catch((error: unknown) => console.error("Report worker:", error))
      .finally(() => {
        current = null;
      });
  }

  const timer = setInterval(kick, o.pollMs ?? POLL_MS);
  // The poll alone must not keep a CLI or test process alive.
  timer.unref();
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

export type JobStatus = ReportRequest & {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  error: string | null;
  fileName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** A job's state for the page that polls it; never the file itself. */
export async function jobStatus(db: Db, id: number): Promise<JobStatus> {
  const row = await db.reportJob.findUnique({
    where: { id },
    select: {
      id: true,
      authorityId: true,
      officeId: true,
      year: true,
      format: true,
      status: true,
      progress: true,
      error: true,
      fileName: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  if (!row) throw notFound();
  // Only this module writes these columns, with these values.
  return { ...row, format: row.format as ReportFormat, status: row.status as JobStatus["status"] };
}

/** A finished job's file, read past Prisma as storeFile says why; 404 while it is not done, so a half-built report is never served. */
export async function jobFile(id: number): Promise<ReportFile> {
  type Row = { status: string; file: Uint8Array | null; fileName: string | null };
  const [row] = await driverQuery<Row>(`SELECT "status", "file", "fileName" FROM "ReportJob" WHERE "id" = ?`, [id]);
  if (row?.status !== "done" || !row.file || !row.fileName) throw notFound();
  return { file: row.file, fileName: row.fileName };
}
