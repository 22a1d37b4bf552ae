import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { authenticateBearer } from "~/modules/org/tokens.server";

function run(script: string, args: string[]) {
  return spawnSync(path.resolve("node_modules/.bin/tsx"), [script, ...args], { env: process.env, encoding: "utf8" });
}

describe("command-line tools", () => {
  it("npm run token prints a token that authenticates as that user", () => {
    const out = run("app/cli/token.ts", ["--email", "analyst@demo.gov.tw"]);
    expect(out.status).toBe(0);
    const token = out.stdout.trim().split("\n").pop() ?? "";
    expect(token).toMatch(/^sqp_[\w-]{20,}$/);
    return authenticateBearer(prisma, new Request("http://localhost/", { headers: { Authorization: `Bearer ${token}` } })).then((user) => {
      expect(user?.role).toBe("analyst");
    });
  });

  it("npm run token refuses an unknown user", () => {
    expect(run("app/cli/token.ts", ["--email", "nobody@demo.gov.tw"]).status).toBe(1);
  });

  it("npm run admin creates the first administrator once, with a hashed password", async () => {
    const ok = run("app/cli/create-admin.ts", ["--email", "Chief@Example.gov.tw", "--password", "Harbour#2026-long"]);
    expect(ok.status).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "chief@example.gov.tw" } });
    expect(user.role).toBe("admin");
    expect(user.passwordHash).not.toContain("Harbour#2026");
    expect(run("app/cli/create-admin.ts", ["--email", "chief@example.gov.tw", "--password", "Harbour#2026-long"]).status).toBe(1);
    expect(run("app/cli/create-admin.ts", ["--email", "short@example.gov.tw", "--password", "short"]).status).toBe(2);
    const named = run("app/cli/create-admin.ts", ["--email", "deputy@example.gov.tw", "--password", "Deputy#2026-long"]);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain("電子郵件");
    // Three cold tsx starts: each compiles the CLI and opens Prisma, seconds apiece on a shared machine.
  }, 120_000);
});
