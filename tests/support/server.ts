import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningServer = {
  url: string;
  /** The server's own process (node itself, not a wrapper), for kill -9 and /proc readings. */
  pid: number;
  /** Asks the server to stop (SIGTERM); resolves with its exit code, null if a signal ended it. */
  stop: () => Promise<number | null>;
  /** Ends the process at once, as a crash or `kill -9` would. */
  kill: () => Promise<number | null>;
  /** Everything the server printed so far. */
  log: () => string;
};

/**
 * Runs a TypeScript server script in node with tsx's loader (one process, so its pid is
 * the server's) on `PORT`, and resolves once it prints that it listens.
 */
export async function startScript(script: string, env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    // Migrations, the calendar check and the build import take a while on a busy 2-core machine.
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`Server did not start:\n${output}`));
    }, 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`Server exited with ${code}:\n${output}`)));
  });
  const ended = (signal: NodeJS.Signals) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once("exit", (code) => resolve(code));
      child.kill(signal);
    });
  return {
    url: `http://localhost:${port}`,
    pid: child.pid ?? 0,
    log: () => output,
    stop: () => ended("SIGTERM"),
    kill: () => ended("SIGKILL"),
  };
}

/**
 * Starts the production server (the same `app/cli/start.ts` that `npm start` runs) on this
 * file's database copy (or what `env` says). The build must exist (`npm test` builds first).
 */
export function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startScript(path.resolve("app/cli/start.ts"), { NODE_ENV: "production", DEMO_SEED: "", ...env });
}
