import type { SessionUser } from "~/modules/org/auth.server";
import { prisma, type Db } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";
import { t } from "~/locales";
import type { AnnualRequest, AnnualScope } from "./annual-request.server";
import { jobFile, requestReport, startReportWorker, type ReportWorker } from "./jobs.server";
import { noteVersion, readNote } from "./report-page.server";
import { REPORT_FORMATS, type ReportFormat } from "./report-formats";
import { buildAnnualFileInThread, stopReportThread } from "./report-thread.server";

const holder = globalThis as unknown as { reportWorker?: ReportWorker };

/**
 * Builds the file a stored job asks for in the report thread, while the queue, the
 * progress and the stored file stay with this thread's connection: the scope is read
 * again, so a renamed office is named as it is now.
 */
async function buildJob(
  job: { authorityId: number | null; officeId: number | null; year: number; format: string },
  progress: (f: number) => Promise<void>,
) {
  const scope = await jobScope(prisma, job);
  const file = await buildAnnualFileInThread({ scope, year: job.year, format: job.format as ReportFormat }, progress);
  return { file: file.bytes, fileName: file.fileName };
}

/**
 * The one worker of this process; started on the first report request and by the server
 * at boot. Stopping it waits for the running job, then ends the report thread.
 */
export function reportWorker(): ReportWorker {
  if (!holder.reportWorker) {
    const queue = startReportWorker(prisma, buildJob);
    holder.reportWorker = {
      kick: queue.kick,
      async stop() {
        await queue.stop();
        await stopReportThread();
      },
    };
  }
  return holder.reportWorker;
}

async function jobScope(db: Db, job: { authorityId: number | null; officeId: number | null }): Promise<AnnualScope> {
  if (job.officeId !== null) {
    const office = await db.office.findUniqueOrThrow({ where: { id: job.officeId }, select: { id: true, name: true, authorityId: true } });
    return { authorityId: office.authorityId, officeId: office.id, name: office.name };
  }
  const authority = await db.authority.findUniqueOrThrow({ where: { id: job.authorityId! }, select: { id: true, name: true } });
  return { authorityId: authority.id, officeId: null, name: authority.name };
}

const scopeColumns = (scope: AnnualScope) =>
  scope.officeId === null ? { authorityId: scope.authorityId, officeId: null } : { authorityId: null, officeId: scope.officeId };

/** Queues the report (or joins the same report already on its way) and wakes the worker. */
export async function startReportJob(db: Db, req: AnnualRequest, userId: number) {
  const note = await readNote(db, req.scope, req.year);
  const job = await requestReport(db, { ...scopeColumns(req.scope), year: req.year, format: req.format }, userId, noteVersion(note));
  reportWorker().kick();
  return job;
}

/** The newest job of each format for a report, for the page's progress list. */
export async function jobsFor(db: Db, scope: AnnualScope, year: number) {
  const jobs = await db.reportJob.findMany({
    where: { ...scopeColumns(scope), year },
    orderBy: { id: "desc" },
    take: 40,
    select: { id: true, format: true, status: true, progress: true, error: true, fileName: true, createdAt: true, finishedAt: true },
  });
  return REPORT_FORMATS.map((f) => jobs.find((j) => j.format === f)).filter((j) => j !== undefined);
}

/** A job the user may see (its report lies within their reach), or 404: job ids do not reveal other authorities' reports. */
export async function requireJob(db: Db, user: SessionUser, id: number) {
  const job = await db.reportJob.findUnique({
    where: { id },
    select: {
      id: true,
      authorityId: true,
      officeId: true,
      year: true,
      status: true,
      progress: true,
      error: true,
      fileName: true,
      format: true,
    },
  });
  if (!job) throw errorResponse(404, t("error.notFound"));
  const scope = await jobScope(db, job);
  const allowed =
    user.role === "admin" ||
    (user.role === "analyst" && user.authorityId === scope.authorityId) ||
    (user.role === "manager" && scope.officeId !== null && user.officeId === scope.officeId);
  if (!allowed) throw errorResponse(404, t("error.notFound"));
  return job;
}

export { jobFile };
