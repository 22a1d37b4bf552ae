// The report thread (started by report-thread.server.ts): builds annual report files and
// the report page's model on a database connection of its own, so their queries,
// statistics and rendering never hold up the thread that answers citizens' requests.
import { spawnSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { readOnlyClient } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { buildAnnualFile } from "./annual-file.server";
import { annualReport } from "./annual-report.server";
import type { ThreadReply, ThreadRequest } from "./report-thread.server";

if (!parentPort) throw new Error("report-thread.entry.ts runs as a worker thread only");
const port = parentPort;

/**
 * A report is background work: on Linux this thread runs under SCHED_IDLE, which the
 * kernel gives a core only when nothing else wants it (a weight of 3 against an ordinary
 * thread's 1024, so a report still moves on under a long peak). A nice value was not
 * enough: the Chromium a PDF starts from this thread resets its threads' nice values (as
 * root to 0 and -8, seen with ps), and citizens' p99 doubled while it printed. A policy is
 * inherited by every process and thread Chromium starts, and nice values do not change it.
 * Linux keeps the policy per thread, so the request thread keeps its own.
 */
function runAsIdle() {
  if (process.platform !== "linux") return;
  const thread = readlinkSync("/proc/thread-self").split("/").pop()!;
  const chrt = spawnSync("chrt", ["--idle", "--pid", "0", thread], { encoding: "utf8" });
  if (chrt.status !== 0) console.error(`Report thread: chrt --idle failed, the thread keeps its priority: ${chrt.stderr ?? chrt.error}`);
}
runAsIdle();
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
