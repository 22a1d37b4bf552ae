// The report thread (started by report-thread.server.ts): builds annual report files and
// the report page's model on a database connection of its own, so their queries,
// statistics and rendering never hold up the thread that answers citizens' requests.
import { spawnSync } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { readOnlyClient } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { buildAnnualFile } from "./annual-file.server";
import { annualReport } from "./annual-report.server";
import type { ThreadReply, ThreadRequest } from "./report-thread.server";

if (!parentPort) throw new Error("report-thread.entry.ts runs as a worker thread only");
const port = parentPort;

/** Runs a util-linux tool on this thread (Linux keeps policy and affinity per thread), saying so if it fails. */
function onThisThread(tool: string, args: string[], what: string) {
  const thread = readlinkSync("/proc/thread-self").split("/").pop()!;
  const run = spawnSync(tool, [...args, thread], { encoding: "utf8" });
  if (run.status !== 0) console.error(`Report thread: ${tool} failed, ${what}: ${run.stderr ?? run.error}`);
}

/**
 * A report is background work, and on Linux this thread and everything it starts are
 * treated so; both settings are inherited by every process and thread a PDF's Chromium
 * starts, and the request thread keeps its own.
 * - SCHED_IDLE: the kernel gives the thread a core only when nothing else wants it (a
 *   weight of 3 against an ordinary thread's 1024, so a report still moves on under a long
 *   peak). A nice value was not enough: Chromium resets its threads' nice values (as root
 *   to 0 and -8, seen with ps), and citizens' p99 doubled while it printed.
 * - One core (the last one allowed) on a machine with several. Chromium printing PDFs
 *   under SCHED_IDLE on both cores of a 2-core machine still cut citizens' throughput by
 *   about 30 % and doubled their p99, while two busy loops under SCHED_IDLE did not;
 *   pinned to one core it mostly stopped (a many-threaded browser spread over all cores
 *   interrupts them all, we think through cross-core wake-ups and TLB flushes).
 */
function runInBackground() {
  if (process.platform !== "linux") return;
  onThisThread("chrt", ["--idle", "--pid", "0"], "the thread keeps its priority");
  const allowed = readFileSync("/proc/thread-self/status", "utf8").match(/^Cpus_allowed_list:\s*(\S+)$/m)?.[1] ?? "";
  if (/[,-]/.test(allowed)) onThisThread("taskset", ["--cpu-list", "--pid", allowed.split(/[,-]/).pop()!], "the thread keeps every core");
}
runInBackground();
const db = readOnlyClient();

async function answer({ id, task }: ThreadRequest): Promise<ThreadReply> {
  try {
    if (task.kind === "model") return { id, result: (await annualReport(db, task.scope, task.year)).model };
    const progress = async (fraction: number) => port.postMessage({ id, progress: fraction } satisfies ThreadReply);
    return { id, result: await buildAnnualFile(db, task.req, { progress }) };
  } catch (e) {
    // A structured clone keeps no class: a refusal is sent as its status, so the request
    // thread can throw the same AppError; a defect keeps its stack for the log.
    if (e instanceof AppError) return { id, error: { message: e.message, status: e.status } };
    const error = e instanceof Error ? e : new Error(String(e));
    return { id, error: { message: error.message, stack: error.stack } };
  }
}

port.on("message", (request: ThreadRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});
