import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/org/tokens.server";
import { loader as csvLoader } from "~/routes/api.v1.responses[.]csv";
import { loader as openApi } from "~/routes/api.v1.openapi[.]json";

async function tokenFor(email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return createApiToken(prisma, user.id, "test");
}

function getCsv(query: string, token?: string) {
  const request = new Request(`http://localhost/api/v1/responses.csv?${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return csvLoader({ request, params: {}, context: { clientIp: `10.1.${Math.floor(Math.random() * 250)}.1` } });
}

describe("GET /api/v1/responses.csv", () => {
  it("exports one row per response with a BOM and one column per question, without personal data", async () => {
    const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
    const month = await prisma.response.findFirstOrThrow({
      where: { officeId: office.id },
      orderBy: { id: "desc" },
      select: { submittedAt: true },
    });
    const day = new Date(month.submittedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = `${day.slice(0, 7)}-01`;
    const res = await getCsv(`office=${office.id}&from=${from}&to=${day}`, await tokenFor("analyst@demo.gov.tw"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split("\r\n");
    const header = lines[0].split(",");
    expect(header.slice(0, 3)).toEqual(["response_id", "office_id", "office"]);
    expect(header).toContain("env_clean");
    expect(header).toContain("overall");
    expect(header).not.toContain("contact_name");
    expect(header.join(",")).not.toMatch(/ip|token|client/i);
    const expected = await prisma.response.count({
      where: {
        officeId: office.id,
        submittedAt: { gte: new Date(`${from}T00:00:00+08:00`), lt: new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000) },
      },
    });
    expect(lines.length - 1).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it("needs a valid token (401), the analyst or admin role (403), and good dates (400)", async () => {
    expect((await getCsv("from=2026-01-01&to=2026-01-31")).status).toBe(401);
    expect((await getCsv("from=2026-01-01&to=2026-01-31", "sqp_wrong")).status).toBe(401);
    expect((await getCsv("from=2026-01-01&to=2026-01-31", await tokenFor("manager@demo.gov.tw"))).status).toBe(403);
    const analyst = await tokenFor("analyst@demo.gov.tw");
    expect((await getCsv("from=2026-02-30&to=2026-03-01", analyst)).status).toBe(400);
    expect((await getCsv("from=2026-03-01&to=2026-02-01", analyst)).status).toBe(400);
    expect((await getCsv("office=999999&from=2026-01-01&to=2026-01-31", analyst)).status).toBe(404);
  });

  it("refuses a revoked token", async () => {
    const token = await tokenFor("admin@demo.gov.tw");
    await prisma.apiToken.updateMany({ data: { revokedAt: new Date() } });
    expect((await getCsv("from=2026-01-01&to=2026-01-31", token)).status).toBe(401);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every endpoint", async () => {
    const doc = await openApi().json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/channels/{code}",
      "/api/v1/channels/{code}/responses",
      "/api/v1/reports/annual",
      "/api/v1/responses.csv",
      "/open-data/{authorityId}/{year}.csv",
      "/open-data/{authorityId}/{year}.ods",
    ]);
  });
});

describe("API tokens", () => {
  it("stop working when they expire or are revoked by an admin, and say when they were last used", async () => {
    const analyst = await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { id: true } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" }, select: { id: true } });
    const query = "from=2026-01-01&to=2026-01-31";
    const token = await tokenFor("analyst@demo.gov.tw");
    expect((await getCsv(query, token)).status).toBe(200);
    const [row] = await listApiTokens(prisma, analyst.id);
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);

    await prisma.apiToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getCsv(query, token)).status).toBe(401);

    const second = await tokenFor("analyst@demo.gov.tw");
    const [secondRow] = await listApiTokens(prisma, analyst.id);
    expect(await revokeApiToken(prisma, admin.id, analyst.id, secondRow.id)).toBe(true);
    expect((await getCsv(query, second)).status).toBe(401);
    // Another user's token id is not this user's to revoke.
    expect(await revokeApiToken(prisma, admin.id, admin.id, secondRow.id)).toBe(false);
    expect(await prisma.auditLog.count({ where: { action: "token.revoke", entityId: String(secondRow.id) } })).toBe(1);
    expect(JSON.stringify(await listApiTokens(prisma, analyst.id))).not.toMatch(/tokenHash|sqp_/);
  });
});
