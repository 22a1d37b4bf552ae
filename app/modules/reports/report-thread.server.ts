import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorStatus } from "~/utils/errors";
import type { AnnualFile } from "./annual-file.server";
import type { AnnualRequest, AnnualScope } from "./annual-request.server";
import type { ReportModel } from "./report-model";

/**
 * The annual report's files and page model are built in one worker thread with its own
 * database connection (report-thread.entry.ts): seconds of queries, statistics, PDF and
 * spreadsheet work that would otherwise stop every citizen's submission meanwhile. The
 * thread starts with the first report, is reused for the next ones, and is started again
 * after it stopped or died; work it had not finished fails with an error.
 */

export type ThreadTask = { kind: "file"; req: AnnualRequest } | { kind: "model"; scope: AnnualScope; year: number };
export type ThreadRequest = { id: number; task: ThreadTask };
export type ThreadReply =
  | { id: number; progress: number }
  | { id: number; result: AnnualFile | ReportModel }
  | { id: number; error: { message: string; status?: ErrorStatus; stack?: string } };

// The server runs the bundle build/index.js, so the entry cannot be found next to this
// module; like build/ and public/, it is found from the working directory, the project's.
const ENTRY = pathToFileURL(path.resolve("app/modules/reports/report-thread.entry.ts")).href;
// Node 20 does not apply tsx's loader given in a worker's execArgv, so the thread
// registers it itself before it loads the TypeScript entry.
const BOOT = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); });`;

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void; progress?: (fraction: number) => Promise<void> };
type Thread = { worker: Worker; pending: Map<number, Pending> };

// Remix reloads modules in development: one thread per process, kept on globalThis.
const holder = globalThis as unknown as { reportThread?: Thread | null; reportTaskId?: number };

function failure(error: { message: string; status?: ErrorStatus; stack?: string }): Error {
  if (error.status !== undefined) return new AppError(error.status, error.message);
  return Object.assign(new Error(error.message), { stack: error.stack });
}

function startThread(): Thread {
  const worker = new Worker(BOOT, { eval: true });
  const thread: Thread = { worker, pending: new Map() };
  let crash: Error | undefined;
  worker.on("message", (reply: ThreadReply) => {
    const task = thread.pending.get(reply.id);
    if (!task) return;
    if ("progress" in reply) {
      // The thread does not wait for the progress to be stored, so neither does the build.
      task.progress?.(reply.progress).catch((e: unknown) => console.error("Report progress:", e));
      return;
    }
    thread.pending.delete(reply.id);
    if (thread.pending.size === 0) worker.unref();
    if ("error" in reply) task.reject(failure(reply.error));
    else task.resolve(reply.result);
  });
  // An uncaught error ends the thread: the exit below fails what it had not finished.
  worker.on("error", (e: unknown) => (crash = e instanceof Error ? e : new Error(String(e))));
  worker.on("exit", (code) => {
    if (holder.reportThread === thread) holder.reportThread = null;
    const error = crash ?? new Error(`The report thread stopped (exit code ${code}) before it finished.`);
    for (const task of thread.pending.values()) task.reject(error);
    thread.pending.clear();
  });
  // An idle thread must not keep a CLI or test process alive; a busy one does (run below).
  worker.unref();
  return thread;
}

function run(task: ThreadTask, progress?: (fraction: number) => Promise<void>): Promise<unknown> {
  const thread = (holder.reportThread ??= startThread());
  const id = (holder.reportTaskId = (holder.reportTaskId ?? 0) + 1);
  return new Promise((resolve, reject) => {
    thread.pending.set(id, { resolve, reject, progress });
    thread.worker.ref();
    thread.worker.postMessage({ id, task } satisfies ThreadRequest);
  });
}

/** Builds one format of the annual report in the report thread; `progress` hears the fraction done. */
export async function buildAnnualFileInThread(req: AnnualRequest, progress?: (fraction: number) => Promise<void>): Promise<AnnualFile> {
  return (await run({ kind: "file", req }, progress)) as AnnualFile;
}

/** The annual report's model, as the report page shows it, made in the report thread. */
export async function annualModelInThread(scope: AnnualScope, year: number): Promise<ReportModel> {
  return (await run({ kind: "model", scope, year })) as ReportModel;
}

/** Ends the report thread, failing what it has not finished; the next report starts a new one. */
export async function stopReportThread(): Promise<void> {
  const thread = holder.reportThread;
  if (!thread) return;
  holder.reportThread = null;
  await thread.worker.terminate();
}
