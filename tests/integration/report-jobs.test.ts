import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  claimNextJob,
  jobFile,
  jobStatus,
  requestReport,
  runJob,
  startReportWorker,
  type Job,
  type ReportBuilder,
  type ReportRequest,
} from "~/modules/reports/jobs.server";
import { isPostgresUrl } from "~/utils/database-url";
import { prisma, type Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";

const ANNUAL: ReportRequest = { authorityId: 1, officeId: null, year: 2026, format: "pdf" };
const USER = 1;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const bytes = (text: string) => new TextEncoder().encode(text);
const quickBuild: ReportBuilder = async (job) => ({ file: bytes(`report ${job.id}`), fileName: `report-${job.id}.pdf` });

async function row(id: number) {
  return prisma.reportJob.findUniqueOrThrow({ where: { id } });
}

/** Queues a job the way another instance would: straight into the table, no kick. */
async function queued(req: Partial<ReportRequest> = {}, createdAt = new Date()) {
  return prisma.reportJob.create({ data: { key: `k-${Math.random()}`, ...ANNUAL, ...req, requestedById: USER, createdAt } });
}

beforeEach(async () => {
  await prisma.reportJob.deleteMany();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("requestReport", () => {
  it("gives two requests at once for the same report one job", async () => {
    const [a, b] = await Promise.all([requestReport(prisma, ANNUAL, USER, "v1"), requestReport(prisma, ANNUAL, USER, "v1")]);
    expect(a.id).toBe(b.id);
    expect(await prisma.reportJob.count()).toBe(1);
    expect(await row(a.id)).toMatchObject({ status: "queued", progress: 0, authorityId: 1, officeId: null, year: 2026, format: "pdf" });
  });

  it("shares a queued or running job, and a done one for ten minutes", async () => {
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    expect((await requestReport(prisma, ANNUAL, 2, "v1")).id).toBe(id);

    await prisma.reportJob.update({ where: { id }, data: { status: "running", claimedAt: new Date() } });
    expect((await requestReport(prisma, ANNUAL, USER, "v1")).id).toBe(id);

    await prisma.reportJob.update({ where: { id }, data: { status: "done", finishedAt: minutesAgo(9) } });
    expect((await requestReport(prisma, ANNUAL, USER, "v1")).id).toBe(id);

    await prisma.reportJob.update({ where: { id }, data: { finishedAt: minutesAgo(11) } });
    const later = await requestReport(prisma, ANNUAL, USER, "v1");
    expect(later.id).not.toBe(id);
    expect((await row(later.id)).status).toBe("queued");
  });

  it("makes a new job after a failure, for another note version and for another format or scope", async () => {
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    await prisma.reportJob.update({ where: { id }, data: { status: "failed", finishedAt: new Date() } });
    const retry = await requestReport(prisma, ANNUAL, USER, "v1");
    expect(retry.id).not.toBe(id);

    const ids = new Set([
      retry.id,
      (await requestReport(prisma, ANNUAL, USER, "v2")).id,
      (await requestReport(prisma, { ...ANNUAL, format: "ods" }, USER, "v1")).id,
      (await requestReport(prisma, { ...ANNUAL, officeId: 3 }, USER, "v1")).id,
      (await requestReport(prisma, { ...ANNUAL, year: 2025 }, USER, "v1")).id,
    ]);
    expect(ids.size).toBe(5);
  });
});

describe("claimNextJob", () => {
  it("claims the oldest queued job and nothing when none is queued", async () => {
    const newer = await queued({}, minutesAgo(1));
    const older = await queued({}, minutesAgo(2));
    await prisma.reportJob.create({ data: { key: "done", ...ANNUAL, requestedById: USER, status: "done", createdAt: minutesAgo(5) } });

    const first = await claimNextJob(prisma);
    expect(first).toMatchObject({ id: older.id, authorityId: 1, officeId: null, year: 2026, format: "pdf", requestedById: USER });
    expect(await row(older.id)).toMatchObject({ status: "running", claimedAt: first!.claimedAt });
    expect((await claimNextJob(prisma))?.id).toBe(newer.id);
    expect(await claimNextJob(prisma)).toBeNull();
  });

  it("lets exactly one of two claimers racing for one job win", async () => {
    const job = await queued();
    const claims = await Promise.all([claimNextJob(prisma), claimNextJob(prisma)]);
    expect(claims.filter((c) => c !== null).map((c) => c!.id)).toEqual([job.id]);
  });

  // SQLite's claim reads candidates, then updates one only if it is still as read.
  it.skipIf(isPostgresUrl())("moves on when another instance claims the job between its read and its update", async () => {
    const first = await queued({}, minutesAgo(2));
    const second = await queued({}, minutesAgo(1));
    let rival: Job | null = null;
    // Another instance claims the oldest job right after this one has read the candidates.
    const racing = new Proxy(prisma, {
      get(target, prop, receiver) {
        if (prop !== "reportJob") return Reflect.get(target, prop, receiver);
        return {
          findMany: async (args: Parameters<Db["reportJob"]["findMany"]>[0]) => {
            const candidates = await target.reportJob.findMany(args);
            rival ??= await claimNextJob(prisma);
            return candidates;
          },
          updateMany: target.reportJob.updateMany.bind(target.reportJob),
        };
      },
    });
    const mine = await claimNextJob(racing);
    expect(rival!.id).toBe(first.id);
    expect(mine!.id).toBe(second.id);
    expect(await row(first.id)).toMatchObject({ status: "running", claimedAt: rival!.claimedAt });
  });

  // PostgreSQL's claim locks its row and skips rows another claim holds.
  it.skipIf(!isPostgresUrl())("skips, without waiting, the job another instance's claim holds locked, and counts each claim", async () => {
    const first = await queued({}, minutesAgo(2));
    const second = await queued({}, minutesAgo(1));
    let mine: Job | null = null;
    await prisma.$transaction(async (tx) => {
      // Another instance's claim of the oldest job, not yet committed.
      await tx.$queryRaw`SELECT "id" FROM "ReportJob" WHERE "id" = ${first.id} FOR UPDATE`;
      mine = await claimNextJob(prisma);
    });
    expect(mine!.id).toBe(second.id);
    expect(await row(second.id)).toMatchObject({ status: "running", attempts: 1, claimedAt: mine!.claimedAt });
    expect(await row(first.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect((await claimNextJob(prisma))?.id).toBe(first.id);
  });

  it("takes over a running job whose worker stopped ten minutes ago, and leaves a live one alone", async () => {
    const live = await prisma.reportJob.create({
      data: {
        key: "live",
        ...ANNUAL,
        requestedById: USER,
        status: "running",
        progress: 40,
        claimedAt: minutesAgo(9),
        createdAt: minutesAgo(30),
      },
    });
    const stale = await prisma.reportJob.create({
      data: {
        key: "stale",
        ...ANNUAL,
        requestedById: USER,
        status: "running",
        progress: 70,
        claimedAt: minutesAgo(11),
        createdAt: minutesAgo(20),
      },
    });
    const claimed = await claimNextJob(prisma);
    expect(claimed?.id).toBe(stale.id);
    expect(claimed!.claimedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await row(stale.id)).toMatchObject({ status: "running", progress: 0, attempts: 1 });
    expect(await row(live.id)).toMatchObject({ status: "running", progress: 40, claimedAt: live.claimedAt });
    expect(await claimNextJob(prisma)).toBeNull();
  });
});

describe("runJob", () => {
  it("stores the file, progress 100 and the finishing time; status and file read it back", async () => {
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    const job = (await claimNextJob(prisma))!;
    await runJob(prisma, job, quickBuild);

    const status = await jobStatus(prisma, id);
    expect(status).toMatchObject({
      id,
      status: "done",
      progress: 100,
      error: null,
      fileName: `report-${id}.pdf`,
      authorityId: 1,
      officeId: null,
      year: 2026,
      format: "pdf",
    });
    expect(status.finishedAt!.getTime()).toBeGreaterThanOrEqual(status.createdAt.getTime());
    expect(status).not.toHaveProperty("file");
    const { file, fileName } = await jobFile(id);
    expect(new TextDecoder().decode(file)).toBe(`report ${id}`);
    expect(fileName).toBe(`report-${id}.pdf`);
  });

  it("writes progress as it goes, only upwards and not more often than a few times a second", async () => {
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    const job = (await claimNextJob(prisma))!;
    const seen: number[] = [];
    const look = async () => seen.push((await row(id)).progress);
    await runJob(prisma, job, async (_job, progress) => {
      await progress(0.1);
      await look();
      await progress(0.2); // at once after the last write: throttled
      await look();
      await sleep(300);
      await progress(0.5);
      await look();
      await sleep(300);
      await progress(0.3); // lower than what was written: ignored
      await look();
      await progress(0.8);
      await look();
      await sleep(300);
      await progress(1); // 100 is for done only
      await look();
      return { file: bytes("x"), fileName: "x.pdf" };
    });
    expect(seen).toEqual([10, 10, 50, 50, 80, 99]);
    expect((await row(id)).progress).toBe(100);
  });

  it("stores an AppError's own message when the builder refuses", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    await runJob(prisma, (await claimNextJob(prisma))!, async () => {
      throw new AppError(503, "伺服器未安裝 Chromium，無法產生 PDF。");
    });
    expect(await jobStatus(prisma, id)).toMatchObject({ status: "failed", error: "伺服器未安裝 Chromium，無法產生 PDF。" });
    expect(error).toHaveBeenCalled();
  });

  it("stores a generic message for a defect, logs the real error, and serves no file", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    const defect = new TypeError("Cannot read properties of undefined (reading 'n')");
    await runJob(prisma, (await claimNextJob(prisma))!, async (_job, progress) => {
      await progress(0.4);
      throw defect;
    });
    const status = await jobStatus(prisma, id);
    expect(status).toMatchObject({ status: "failed", progress: 40, error: "報表產生失敗，請稍後再試或洽系統管理者。", fileName: null });
    expect(status.finishedAt).not.toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`${id}`), defect);
    await expect(jobFile(id)).rejects.toMatchObject({ status: 404 });
  });

  it("drops the writes of a run whose job another worker has taken over", async () => {
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    const slow = (await claimNextJob(prisma))!;
    await prisma.reportJob.update({ where: { id }, data: { claimedAt: minutesAgo(11) } });
    const takeover = (await claimNextJob(prisma))!;
    expect(takeover.id).toBe(id);

    await runJob(prisma, slow, async (_job, progress) => {
      await progress(0.9);
      return { file: bytes("old"), fileName: "old.pdf" };
    });
    expect(await row(id)).toMatchObject({ status: "running", progress: 0, file: null, claimedAt: takeover.claimedAt });

    await runJob(prisma, takeover, quickBuild);
    expect(await jobStatus(prisma, id)).toMatchObject({ status: "done", fileName: `report-${id}.pdf` });
  });

  it("answers 404 for a job that does not exist or is not done", async () => {
    await expect(jobStatus(prisma, 999_999)).rejects.toMatchObject({ status: 404 });
    const { id } = await requestReport(prisma, ANNUAL, USER, "v1");
    await expect(jobFile(id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("startReportWorker", () => {
  it("runs requested jobs after a kick, one at a time, including one requested while it runs", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const ran: number[] = [];
    const build: ReportBuilder = async (job) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(100);
      ran.push(job.id);
      running -= 1;
      return quickBuild(job, async () => {});
    };
    // A poll this slow never fires during the test: only kicks can run the jobs.
    const worker = startReportWorker(prisma, build, { pollMs: 600_000 });
    try {
      const a = await requestReport(prisma, ANNUAL, USER, "v1");
      const b = await requestReport(prisma, { ...ANNUAL, format: "csv" }, USER, "v1");
      worker.kick();
      worker.kick();
      await vi.waitFor(() => expect(ran).toContain(a.id), { timeout: 5_000 });
      const c = await requestReport(prisma, { ...ANNUAL, format: "xlsx" }, USER, "v1");
      worker.kick();
      await vi.waitFor(async () => expect((await jobStatus(prisma, c.id)).status).toBe("done"), { timeout: 5_000 });
      expect(ran).toEqual([a.id, b.id, c.id]);
      expect(mostAtOnce).toBe(1);
      expect((await jobStatus(prisma, b.id)).status).toBe("done");
    } finally {
      await worker.stop();
    }
  });

  it("finds jobs queued by another instance or left by a crash on its own poll", async () => {
    const fromElsewhere = await queued();
    const crashed = await prisma.reportJob.create({
      data: { key: "crashed", ...ANNUAL, requestedById: USER, status: "running", claimedAt: minutesAgo(15) },
    });
    const worker = startReportWorker(prisma, quickBuild, { pollMs: 100 });
    try {
      await vi.waitFor(
        async () => {
          expect((await row(fromElsewhere.id)).status).toBe("done");
          expect((await row(crashed.id)).status).toBe("done");
        },
        { timeout: 5_000, interval: 100 },
      );
    } finally {
      await worker.stop();
    }
  });

  it("keeps running after a failing job and runs nothing once stopped", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const worker = startReportWorker(
      prisma,
      async (job) => {
        if (job.format === "pdf") throw new Error("no figures");
        return quickBuild(job, async () => {});
      },
      { pollMs: 100 },
    );
    const failing = await requestReport(prisma, ANNUAL, USER, "v1");
    const fine = await requestReport(prisma, { ...ANNUAL, format: "ods" }, USER, "v1");
    worker.kick();
    await vi.waitFor(async () => expect((await jobStatus(prisma, fine.id)).status).toBe("done"), { timeout: 5_000, interval: 50 });
    expect((await jobStatus(prisma, failing.id)).status).toBe("failed");

    await worker.stop();
    const afterStop = await requestReport(prisma, { ...ANNUAL, format: "csv" }, USER, "v1");
    worker.kick();
    await sleep(400);
    expect((await jobStatus(prisma, afterStop.id)).status).toBe("queued");
  });
});
