import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningServer = { url: string; stop: () => Promise<void> };

/**
 * Starts the production server (the same `app/cli/start.ts` that `npm start` runs) on this
 * file's database copy, and resolves once it listens. The build must exist (`npm test`
 * builds first).
 */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["app/cli/start.ts"], {
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", DEMO_SEED: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    // Migrating and importing the build takes over a minute on a shared, loaded 2-core machine.
    const timer = setTimeout(() => reject(new Error(`Server did not start:\n${output}`)), 180_000);
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
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
