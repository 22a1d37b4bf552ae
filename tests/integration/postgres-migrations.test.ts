import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsIn, POSTGRES_MIGRATIONS } from "../../app/cli/migrate";
import { PrismaClient } from "~/generated/prisma-pg/client";
import { startCluster, type Cluster } from "../support/postgres";

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 120_000);
afterAll(() => cluster?.stop());

const models = [...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
const all = () => migrationsIn(POSTGRES_MIGRATIONS).map((m) => m.name);

describe("db:deploy on PostgreSQL (a private cluster this test starts)", () => {
  it("applies every migration once, recorded as Prisma records them, and every model gets its table", async () => {
    cluster.psql("CREATE DATABASE deploy_once");
    const url = cluster.url("deploy_once");
    expect(await migrateDatabase({ DATABASE_URL: url })).toEqual(all());
    expect(await migrateDatabase({ DATABASE_URL: url })).toEqual([]);
    const tables = cluster
      .psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", "deploy_once")
      .split("\n");
    expect(tables.sort()).toEqual([...models, "_prisma_migrations"].sort());
    const recorded = cluster.psql(
      `SELECT migration_name || ' ' || checksum || ' ' || applied_steps_count || ' ' || (finished_at IS NOT NULL)::int FROM "_prisma_migrations"`,
      "deploy_once",
    );
    expect(recorded.split("\n")).toEqual(migrationsIn(POSTGRES_MIGRATIONS).map((m) => `${m.name} ${m.checksum} 1 1`));
  });

  it("reads and writes every model through the generated PostgreSQL client and its adapter", async () => {
    cluster.psql("CREATE DATABASE client_check");
    const url = cluster.url("client_check");
    await migrateDatabase({ DATABASE_URL: url });
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      // findFirst selects every column of a model: a column the migration lacks fails here.
      for (const model of models) {
        const delegate = (db as unknown as Record<string, { findFirst: () => Promise<unknown> }>)[model[0].toLowerCase() + model.slice(1)];
        await expect(delegate.findFirst(), model).resolves.toBeNull();
      }
      const authority = await db.authority.create({ data: { name: "臺北市政府" } });
      expect(await db.authority.findUnique({ where: { id: authority.id } })).toEqual(authority);
    } finally {
      await db.$disconnect();
    }
  });

  it("lets deploys starting at once apply each migration exactly once (Prisma's advisory lock)", async () => {
    cluster.psql("CREATE DATABASE deploy_race");
    const url = cluster.url("deploy_race");
    const [first, second] = await Promise.all([migrateDatabase({ DATABASE_URL: url }), migrateDatabase({ DATABASE_URL: url })]);
    expect([...first, ...second].sort()).toEqual(all());
    expect(cluster.psql(`SELECT count(*) FROM "_prisma_migrations"`, "deploy_race")).toBe(String(all().length));
  });
});

describe("the db module on a postgresql:// DATABASE_URL", () => {
  it("gives the PostgreSQL client under the one Db type, a read-only client for reports, and no raw SQLite path", async () => {
    cluster.psql("CREATE DATABASE db_module");
    const url = cluster.url("db_module");
    await migrateDatabase({ DATABASE_URL: url });
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const { applySqliteSettings, prisma, readOnlyClient, sqliteConnection } = await import("~/utils/db.server");
      await applySqliteSettings(prisma);
      const created = await prisma.authority.create({ data: { name: "新北市政府" } });
      // The row is in the cluster, where psql sees it: the client is not on a SQLite file.
      expect(cluster.psql(`SELECT name FROM "Authority" WHERE id = ${created.id}`, "db_module")).toBe("新北市政府");
      const reader = readOnlyClient();
      try {
        expect(await reader.authority.count()).toBe(1);
        await expect(reader.authority.create({ data: { name: "不可寫入" } })).rejects.toThrow(/read-only/);
      } finally {
        await reader.$disconnect();
      }
      await expect(sqliteConnection()).rejects.toThrow(/SQLite only/);
      await prisma.$disconnect();
    } finally {
      process.env.DATABASE_URL = before;
    }
  });
});
