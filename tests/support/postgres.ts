import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./server";

/**
 * A private PostgreSQL cluster for one test run: initdb and pg_ctl from Debian's server
 * packages, on 127.0.0.1 and a free port, in a folder of its own, trust authentication,
 * no fsync (its data is thrown away) unless `durable` (benchmarks, which compare with
 * SQLite's synced commits). Postgres refuses to run as root, so under root the cluster
 * belongs to the `postgres` user the Debian package creates.
 */
export type Cluster = { url: (database?: string) => string; psql: (sql: string, database?: string) => string; stop: () => void };

/** The newest installed server's bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

export async function startCluster(o: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL's server is not installed (apt-get install postgresql-15)");
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "sqp-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(ids.stdout), Number(gid.stdout));
    chmodSync(dir, 0o700);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]] : [path.join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: "utf8", cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  };
  run("initdb", ["-D", data, "-U", "sqp", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c max_connections=200",
    ...(o.durable ? ["-c shared_buffers=512MB"] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  const url = (database = "postgres") => `postgresql://sqp@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url,
    psql: (sql, database = "postgres") =>
      run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", url(database), "-c", sql]).trimEnd(),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The server address `url` names, on its database `database`. */
export function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement (CREATE or DROP DATABASE, which no transaction may hold) on a connection of its own. */
export async function runOn(url: string, statement: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
