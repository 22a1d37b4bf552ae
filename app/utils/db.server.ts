import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-pg/client";
import { databaseFile, isPostgresUrl, numberedPlaceholders, pgValue, sqliteValue, type BoundValue } from "./database-url";
import { env } from "./env.server";

// One client per process: Remix reloads modules in development, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; sqlite?: Database.Database; pool?: pg.Pool };

/**
 * The adapter's factory, made to keep the better-sqlite3 connection it opens: the
 * citizen write path runs prepared statements on that same connection, so it never
 * waits on a lock held by a second one and sees what Prisma wrote (adapter 6.19.3 keeps
 * it as `client`; a test fails if that changes).
 */
function keepingConnection(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    globalForPrisma.sqlite = (adapter as unknown as { client: Database.Database }).client;
    return adapter;
  };
  return factory;
}

/**
 * The connections to the PostgreSQL server DATABASE_URL names, shared by Prisma and the
 * few statements that go past it (the citizen write path, report files), so one pool
 * size (PG_POOL_SIZE) bounds what an instance asks of the server.
 */
export function postgresPool(): pg.Pool {
  if (!isPostgresUrl()) throw new Error("this code path runs on PostgreSQL only");
  globalForPrisma.pool ??= watched(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: env().PG_POOL_SIZE }));
  return globalForPrisma.pool;
}

/**
 * An idle pooled connection that the server ends (a restart, a failover) makes the pool
 * emit an error, which would end the process unheard; the pool drops that connection and
 * opens another when next asked, so saying so is all that is left to do.
 */
function watched(pool: pg.Pool): pg.Pool {
  pool.on("error", (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
  return pool;
}

/**
 * A Prisma client on PostgreSQL. Its generated client (prisma/postgresql/schema.prisma,
 * the same models) is typed as the SQLite one: one `Db` type for both engines, which holds
 * because the schemas differ only in their datasource (tests/unit/pg-schema.test.ts).
 */
function postgresClient(pool: pg.Pool): PrismaClient {
  return new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;
}

export const prisma: PrismaClient =
  globalForPrisma.prisma ??
  (isPostgresUrl()
    ? postgresClient(postgresPool())
    : new PrismaClient({ adapter: keepingConnection(new PrismaBetterSQLite3({ url: databaseFile() })) }));

globalForPrisma.prisma = prisma;

/** The connection Prisma's queries run on, once Prisma has connected. */
export async function sqliteConnection(): Promise<Database.Database> {
  if (isPostgresUrl()) throw new Error("this code path runs on SQLite only; PostgreSQL has no raw SQLite connection");
  if (!globalForPrisma.sqlite) await prisma.$connect();
  const db = globalForPrisma.sqlite;
  if (!db?.open) throw new Error("the Prisma adapter did not hand over its SQLite connection");
  return db;
}

/**
 * Runs `fn` on the raw connection once no Prisma transaction is open on it: Prisma awaits
 * between a transaction's statements, and a statement run then would land inside it.
 */
export async function outsideTransaction<T>(fn: (db: Database.Database) => T): Promise<T> {
  const db = await sqliteConnection();
  while (db.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
  return fn(db);
}

/**
 * One statement past Prisma, written with `?` placeholders, on the driver of the engine
 * DATABASE_URL names: for what Prisma carries slowly (a report's file, whose bytes its
 * query compiler passes as text). Returns the rows the statement reads, none for a write.
 */
export async function driverQuery<T>(sql: string, values: BoundValue[]): Promise<T[]> {
  if (isPostgresUrl()) {
    return (await postgresPool().query(numberedPlaceholders(sql), values.map(pgValue))).rows as T[];
  }
  return outsideTransaction((db) => {
    const statement = db.prepare(sql);
    const args = values.map(sqliteValue);
    if (statement.reader) return statement.all(...args) as T[];
    statement.run(...args);
    return [];
  });
}

/**
 * A client on a connection of its own that may only read, for the report thread: a
 * report never writes, and a connection that cannot take SQLite's write lock can never
 * make the citizen write path wait for it, only (briefly) for its reads.
 */
export function readOnlyClient(): PrismaClient {
  if (isPostgresUrl()) {
    const pool = watched(
      new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, options: "-c default_transaction_read_only=on" }),
    );
    return postgresClient(pool);
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseFile(), readonly: true }) });
}

export type Db = PrismaClient;

/** What a function that may run inside `$transaction` accepts. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * The journal and sync settings the server runs with (SQLITE_JOURNAL_MODE,
 * SQLITE_SYNCHRONOUS). The adapter keeps one connection, so a setting made here holds for
 * every later query; WAL is a property of the file and stays until set back.
 */
export async function applySqliteSettings(db: Db = prisma): Promise<void> {
  if (isPostgresUrl()) return;
  const { SQLITE_JOURNAL_MODE, SQLITE_SYNCHRONOUS } = env();
  await db.$queryRawUnsafe(`PRAGMA journal_mode = ${SQLITE_JOURNAL_MODE.toUpperCase()}`);
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS.toUpperCase()}`);
}
