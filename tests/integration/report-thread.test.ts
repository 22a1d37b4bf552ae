import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { read, utils, type WorkBook } from "@e965/xlsx";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { t } from "~/locales";
import { createApiToken } from "~/modules/org/tokens.server";
import { buildAnnualFile } from "~/modules/reports/annual-file.server";
import type { AnnualRequest } from "~/modules/reports/annual-request.server";
import { jobFile, jobStatus } from "~/modules/reports/jobs.server";
import type { ReportFormat } from "~/modules/reports/report-formats";
import { buildAnnualFileInThread, stopReportThread } from "~/modules/reports/report-thread.server";
import { reportWorker, startReportJob } from "~/modules/reports/report-worker.server";
import { loader as apiLoader } from "~/routes/api.v1.reports.annual";
import { isPostgresUrl } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { onDatabase } from "../support/postgres";

let analystId: number;

async function request(format: ReportFormat): Promise<AnnualRequest> {
  const latest = await prisma.response.findFirstOrThrow({ orderBy: { month: "desc" }, select: { month: true } });
  const authority = await prisma.authority.findFirstOrThrow({ select: { id: true, name: true } });
  return { scope: { authorityId: authority.id, officeId: null, name: authority.name }, year: Number(latest.month.slice(0, 4)), format };
}

/** Starts the job as the report page does and waits until the worker has finished it. */
async function jobOutcome(req: AnnualRequest) {
  const { id } = await startReportJob(prisma, req, analystId);
  await vi.waitFor(async () => expect(["done", "failed"]).toContain((await jobStatus(prisma, id)).status), {
    timeout: 60_000,
    interval: 100,
  });
  return jobStatus(prisma, id);
}

/**
 * Starts the next thread with these environment variables (a worker copies the
 * environment when it starts): what the thread sees then differs from this thread, which
 * keeps its connection to the test's database.
 */
async function nextThreadWith(env: Record<string, string | undefined>) {
  await stopReportThread();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** Linux's SCHED_IDLE, as /proc/<pid>/stat's 41st field (policy) gives it. */
const SCHED_IDLE = 5;

/** The fields of a /proc stat line after the command name, which may hold spaces. */
const statFields = (stat: string) => stat.slice(stat.lastIndexOf(")") + 2).split(" ");
const policyOf = (stat: string) => Number(statFields(stat)[38]);

/** The CPUs a thread or process may run on, as /proc/<pid>[/task/<tid>]/status lists them ("0-1"). */
const cpusOf = (status: string) => status.match(/^Cpus_allowed_list:\s*(\S+)$/m)![1];

type Placement = { policy: number; cpus: string };

/** This process's threads, and the Chromium processes it started, with their scheduling policy and CPUs. */
function schedulingNow(): { threads: Placement[]; children: Array<{ pid: number } & Placement> } {
  const threads = readdirSync(`/proc/${process.pid}/task`).flatMap((tid) => {
    try {
      const at = `/proc/${process.pid}/task/${tid}`;
      return [{ policy: policyOf(readFileSync(`${at}/stat`, "utf8")), cpus: cpusOf(readFileSync(`${at}/status`, "utf8")) }];
    } catch {
      return []; // The thread ended between the listing and the read.
    }
  });
  const all = new Map<number, { parent: number; name: string } & Placement>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      all.set(Number(pid), {
        parent: Number(statFields(stat)[1]),
        name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        policy: policyOf(stat),
        cpus: cpusOf(readFileSync(`/proc/${pid}/status`, "utf8")),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  // A Chromium process whose parents lead back to this one (not chrt, which the thread runs before it is idle).
  const ours = (pid: number): boolean => {
    const p = all.get(pid);
    return p !== undefined && p.name.startsWith("chrom") && (p.parent === process.pid || ours(p.parent));
  };
  const children = [...all.entries()].filter(([pid]) => ours(pid)).map(([pid, p]) => ({ pid, policy: p.policy, cpus: p.cpus }));
  return { threads, children };
}

const sheets = (book: WorkBook) => book.SheetNames.map((name) => [name, utils.sheet_to_json(book.Sheets[name], { header: 1 })]);

/** A database of this file's engine that does not exist. */
function missingDatabase(): string {
  if (!isPostgresUrl()) return `file:${path.join(tmpdir(), `missing-${process.pid}`, "none.db")}`;
  return onDatabase(process.env.DATABASE_URL!, `missing_${process.pid}`);
}

const saved = { DATABASE_URL: process.env.DATABASE_URL, CHROMIUM_PATH: process.env.CHROMIUM_PATH };

beforeEach(async () => {
  // A report finished minutes ago would be handed out again instead of built.
  await prisma.reportJob.deleteMany();
  analystId = (await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { id: true } })).id;
});
afterEach(async () => {
  await nextThreadWith(saved);
  vi.restoreAllMocks();
});
afterAll(async () => {
  await reportWorker().stop();
});

describe("report jobs built in the report thread", () => {
  it("store the same CSV and workbook as a build on the request thread", async () => {
    const csv = await request("csv");
    const job = await jobOutcome(csv);
    expect(job).toMatchObject({ status: "done", progress: 100, error: null });
    const here = await buildAnnualFile(prisma, csv);
    expect(new TextDecoder().decode((await jobFile(job.id)).file)).toBe(new TextDecoder().decode(here.bytes));
    expect(job.fileName).toBe(here.fileName);

    const xlsx = await request("xlsx");
    const book = await jobOutcome(xlsx);
    expect(book.status).toBe("done");
    const fromThread = read((await jobFile(book.id)).file, { type: "array" });
    expect(sheets(fromThread)).toEqual(sheets(read((await buildAnnualFile(prisma, xlsx)).bytes, { type: "array" })));
  });

  it("record a build that fails in the thread as the job's failure, with the real error in the log, and the next thread builds again", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // The thread finds no database where this thread has one: had the build run here, it would succeed.
    await nextThreadWith({ DATABASE_URL: missingDatabase() });
    const req = await request("csv");
    const failed = await jobOutcome(req);
    expect(failed).toMatchObject({ status: "failed", error: t("report.job.failed"), fileName: null });
    await expect(jobFile(failed.id)).rejects.toMatchObject({ status: 404 });
    const [message, error] = logged.mock.calls.find(([m]) => String(m).includes(`Report job ${failed.id}`))!;
    expect(message).toContain("failed");
    // The thread's own error and where it was thrown, not one made up on this side.
    expect((error as Error).stack).toContain("report-thread.entry.ts");

    await nextThreadWith(saved);
    const retried = await jobOutcome(req);
    expect(retried.id).not.toBe(failed.id);
    expect(retried.status).toBe("done");
  });

  it("keep the message of a refusal made in the thread, for a job and for the API", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await nextThreadWith({ CHROMIUM_PATH: path.join(tmpdir(), "no-chromium-here") });
    expect(await jobOutcome(await request("pdf"))).toMatchObject({ status: "failed", error: t("report.pdf.noChromium") });

    const token = await createApiToken(prisma, analystId, "thread test");
    const { scope, year } = await request("pdf");
    const res = (await apiLoader({
      request: new Request(`http://localhost/api/v1/reports/annual?authority=${scope.authorityId}&year=${year}&format=pdf`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
      params: {},
      context: { clientIp: "10.4.0.1" },
    })) as Response;
    expect(res.status).toBe(503);
    expect((await res.json()).error).toBe(t("report.pdf.noChromium"));
  });

  it.runIf(process.platform === "linux")(
    "run as SCHED_IDLE on one core, and so does the Chromium a PDF starts, while this thread keeps its policy and cores",
    async () => {
      // A browser another test started on this thread may still be kept open: not the thread's.
      const before = new Set(schedulingNow().children.map((c) => c.pid));
      const seen = new Set<string>();
      let threads: Placement[] = [];
      const watching = setInterval(() => {
        const now = schedulingNow();
        threads = now.threads;
        for (const child of now.children) if (!before.has(child.pid)) seen.add(`${child.policy} on ${child.cpus}`);
      }, 20);
      try {
        const file = await buildAnnualFileInThread(await request("pdf"));
        expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe("%PDF-");
      } finally {
        clearInterval(watching);
      }
      const own = cpusOf(readFileSync(`/proc/${process.pid}/status`, "utf8"));
      // On one core, the last this process may use, when it may use several.
      const one = own.split(/[,-]/).pop()!;
      // One thread (the report thread) is idle-scheduled on that core, the rest (this one among them) are not.
      expect(threads.filter((p) => p.policy === SCHED_IDLE)).toEqual([{ policy: SCHED_IDLE, cpus: one }]);
      expect(policyOf(readFileSync(`/proc/${process.pid}/stat`, "utf8"))).toBe(0);
      expect(threads.filter((p) => p.policy !== SCHED_IDLE).every((p) => p.cpus === own)).toBe(true);
      // Chromium's processes were seen, each of them idle-scheduled on that core.
      expect([...seen]).toEqual([`${SCHED_IDLE} on ${one}`]);
    },
    60_000,
  );

  it("fail a build whose thread is stopped before it answered, and build the next one in a new thread", async () => {
    const req = await request("csv");
    const cut = buildAnnualFileInThread(req);
    await stopReportThread();
    await expect(cut).rejects.toThrow(/report thread stopped/);
    expect(new TextDecoder().decode((await buildAnnualFileInThread(req)).bytes)).toBe(
      new TextDecoder().decode((await buildAnnualFile(prisma, req)).bytes),
    );
  });
});
