import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseFile } from "./database-url";
import { env } from "./env.server";

// One client per process: Remix reloads modules in development, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseFile() }) });

globalForPrisma.prisma = prisma;

export type Db = PrismaClient;

/** What a function that may run inside `$transaction` accepts. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * The journal and sync settings the server runs with (SQLITE_JOURNAL_MODE,
 * SQLITE_SYNCHRONOUS). The adapter keeps one connection, so a setting made here holds for
 * every later query; WAL is a property of the file and stays until set back.
 */
export async function applySqliteSettings(db: Db = prisma): Promise<void> {
  const { SQLITE_JOURNAL_MODE, SQLITE_SYNCHRONOUS } = env();
  await db.$queryRawUnsafe(`PRAGMA journal_mode = ${SQLITE_JOURNAL_MODE.toUpperCase()}`);
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS.toUpperCase()}`);
}
