// The report thread (started by report-thread.server.ts): builds annual report files and
// the report page's model on a database connection of its own, so their queries,
// statistics and rendering never hold up the thread that answers citizens' requests.
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { readOnlyClient } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { buildAnnualFile } from "./annual-file.server";
import { annualReport } from "./annual-report.server";
import type { ThreadReply, ThreadRequest } from "./report-thread.server";

/**
 * A report is background work: where this thread and the request thread want the same
 * core, the kernel gives this one about a tenth of it. Not lower, so that under a long
 * peak a report still ends well before a job counts as abandoned (ten minutes).
 */
const NICE = 10;

if (!parentPort) throw new Error("report-thread.entry.ts runs as a worker thread only");
const port = parentPort;
// Linux keeps a nice value per thread, so this lowers this thread alone; elsewhere it would
// lower the whole server. The Chromium a PDF starts sets its processes' own priorities.
if (process.platform === "linux") os.setPriority(NICE);
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
