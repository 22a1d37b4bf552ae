import { isPostgresUrl } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";

/**
 * Rows written so far, for tests that must show a refused request wrote nothing, counted
 * like SQLite's total_changes() (every inserted, updated or deleted row, even one rolled back).
 * - SQLite: total_changes() of the one connection the app and the test share.
 * - PostgreSQL: the app's statements run on pooled connections, so a trigger on every table
 *   of this file's database counts rows in a sequence (not rolled back with a transaction).
 *   Rate-limit counters are left out: on SQLite they live in memory, not in a table.
 */
export async function rowsWritten(): Promise<number> {
  if (!isPostgresUrl()) return Number((await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT total_changes() AS n`)[0].n);
  await countingWrites;
  // Read without moving it: before the first row it stands at 1, not yet called.
  const rows = await prisma.$queryRaw<
    Array<{ n: bigint }>
  >`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM test_rows_written`;
  return Number(rows[0].n);
}

let countingWrites: Promise<void> | undefined;

async function installCounter() {
  await prisma.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS test_rows_written`);
  await prisma.$executeRawUnsafe(`SELECT setval('test_rows_written', 1, false)`);
  await prisma.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION test_count_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('test_rows_written'); RETURN NULL; END $$`,
  );
  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT tablename::text AS "name" FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('RateLimit', '_prisma_migrations')`;
  for (const { name } of tables) {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE TRIGGER test_count_rows AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_count_row()`,
    );
  }
}

if (isPostgresUrl()) countingWrites = installCounter();
