import { afterAll, inject } from "vitest";
import { onDatabase, runOn } from "../support/postgres";

// Runs before each test file's imports, as per-file.ts does for SQLite: a database of the
// file's own, copied from the seeded template, so files never see each other's writes.
const admin = inject("pgAdminUrl");
const database = `sqp_file_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

await runOn(admin, `CREATE DATABASE "${database}" TEMPLATE "${inject("pgTemplate")}"`);
process.env.DATABASE_URL = onDatabase(admin, database);
process.env.SESSION_SECRET ??= "test-secret-0123456789abcdef";

// On a shared server (TEST_DATABASE_URL) nothing may be left behind; FORCE ends the
// file's own connections, which its client may still hold.
afterAll(() => runOn(admin, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
