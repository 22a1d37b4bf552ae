import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createApiToken } from "~/modules/org/tokens.server";
import { action as accountAction } from "~/routes/_staff.account";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { login } from "../support/login";
import { waitForHydration, watchErrors } from "../support/page";
import { run, sessionCookie, formRequest } from "../support/session";

const app = appInBrowser();

const exportStatus = async (token: string) =>
  (await fetch(`${app.url}/api/v1/responses.csv?from=2026-01-01&to=2026-01-31`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe("a user's own API tokens on 我的帳號", () => {
  it("an analyst makes a token, sees it once, uses it, and revokes it; both are audited", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await page.getByRole("link", { name: "我的帳號" }).click();
    await page.waitForURL(`${app.url}/account`);
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "我的帳號" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("用途（例如：年度報告排程）").fill("年度報告排程");
    await page.getByLabel("有效天數（1 至 365 天）").fill("30");
    await page.getByRole("button", { name: "建立權杖" }).click();
    const shown = page.getByTestId("new-token").locator("code");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    expect(token).toMatch(/^sqp_[\w-]{32}$/);
    expect(await exportStatus(token)).toBe(200);

    const user = await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { id: true } });
    const stored = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id, label: "年度報告排程" } });
    const days = (stored.expiresAt!.getTime() - stored.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    // Reloaded, the page lists the token but never shows it again.
    await page.goto(`${app.url}/account`);
    await waitForHydration(page);
    expect(await page.getByText(token).count()).toBe(0);
    const row = page.getByRole("row", { name: /年度報告排程/ });
    await row.getByRole("button", { name: "撤銷" }).click();
    await page.getByText("已撤銷這個權杖").waitFor();
    expect(await exportStatus(token)).toBe(401);

    const actions = await prisma.auditLog.findMany({
      where: { entity: "ApiToken", entityId: String(stored.id) },
      select: { action: true, actorId: true },
    });
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "token.create", actorId: user.id },
        { action: "token.revoke", actorId: user.id },
      ]),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses a token id of another user with 404, and bad fields with 400 and a zh-TW message, writing nothing", async () => {
    const analyst = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" }, select: { id: true } });
    await createApiToken(prisma, admin.id, "管理者的權杖");
    const theirs = await prisma.apiToken.findFirstOrThrow({ where: { userId: admin.id }, orderBy: { id: "desc" } });
    const before = await prisma.apiToken.count();

    const foreign = await run(accountAction, formRequest("/account", analyst, { intent: "revoke-token", tokenId: String(theirs.id) }));
    expect(foreign.status).toBe(404);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();

    for (const [fields, message] of [
      [{ intent: "create-token", label: "x", days: "0" }, /有效天數/],
      [{ intent: "create-token", label: "x", days: "400" }, /有效天數/],
      [{ intent: "create-token", label: "x", days: "1.5" }, /有效天數/],
      [{ intent: "create-token", label: " ", days: "30" }, /用途/],
      [{ intent: "no-such" }, /./],
    ] as const) {
      const res = await run(accountAction, formRequest("/account", analyst, fields));
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(message);
    }
    expect(await prisma.apiToken.count()).toBe(before);
  });
});
