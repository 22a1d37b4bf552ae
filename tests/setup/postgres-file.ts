import pg from "pg";
import { afterAll, inject } from "vitest";

// Runs before each test file's imports, as per-file.ts does for SQLite: a database of the
// file's own, copied from the seeded template, so files never see each other's writes.
const admin = inject("pgAdminUrl");
const database = `sqp_file_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

async function run(statement: string) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

await run(`CREATE DATABASE "${database}" TEMPLATE "${inject("pgTemplate")}"`);
const url = new URL(admin);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.SESSION_SECRET ??= "test-secret-0123456789abcdef";

// On a shared server (TEST_DATABASE_URL) nothing may be left behind; FORCE ends the
// file's own connections, which its client may still hold.
afterAll(() => run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
