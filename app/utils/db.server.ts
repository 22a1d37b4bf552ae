import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseFile } from "./database-url";

// One client per process: Remix reloads modules in development, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseFile() }) });

globalForPrisma.prisma = prisma;

export type Db = PrismaClient;

/** What a function that may run inside `$transaction` accepts. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
