import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loader } from "~/routes/_staff.admin.users._index";
import { sessionCookie } from "../support/session";

async function list(query: string) {
  const cookie = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
  const res = (await loader({
    request: new Request(`http://localhost/admin/users${query}`, { headers: { Cookie: cookie } }),
    params: {},
    context: {},
  })) as Response;
  return res.json() as Promise<{ users: Array<{ email: string; role: string }>; total: number; page: number; pages: number }>;
}

describe("the admin user list", () => {
  it("searches e-mail and name, filters by role, and pages by 50", async () => {
    const evaluators = await list("?q=evaluator");
    expect(evaluators.total).toBe(6);
    expect(evaluators.users.every((u) => u.email.includes("evaluator"))).toBe(true);
    const managers = await list("?role=manager");
    expect(managers.total).toBe(await prisma.user.count({ where: { role: "manager" } }));
    expect(managers.users.every((u) => u.role === "manager")).toBe(true);
    const byName = await list(`?q=${encodeURIComponent("萬華區公所")}`);
    expect(byName.users.map((u) => u.email)).toContain("manager@demo.gov.tw");

    const all = await list("?role=king&page=oops");
    expect(all.total).toBe(await prisma.user.count());
    await prisma.user.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        email: `bulk${i}@demo.gov.tw`,
        name: `批次 ${i}`,
        role: "evaluator",
        passwordHash: "x",
      })),
    });
    const second = await list("?q=bulk&page=2");
    expect(second).toMatchObject({ total: 60, page: 2, pages: 2 });
    expect(second.users).toHaveLength(10);
  });
});
