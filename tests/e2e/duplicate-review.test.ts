import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { rebuildMonthlyStats } from "~/modules/reports/monthly-stats.server";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { login } from "../support/login";
import { waitForHydration, watchErrors } from "../support/page";

const app = appInBrowser(async () => {
  // The office has a flagged response to review, whatever the seed drew.
  const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
  const r = await prisma.response.findFirstOrThrow({ where: { officeId: office.id }, orderBy: { id: "desc" }, select: { id: true } });
  await prisma.response.update({ where: { id: r.id }, data: { duplicate: true } });
  // Set straight in the table, past the kept statistics: recount them.
  await rebuildMonthlyStats(prisma);
});

describe("duplicate review page", () => {
  it("a manager finds it in the menu, clears a flagged response and flags it back", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "疑似重複填答" }).click();
    await page.waitForURL(`${app.url}/responses/duplicates`);
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "疑似重複填答" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const newest = await prisma.response.findFirstOrThrow({
      where: { duplicate: true, office: { name: "臺北市萬華區公所" } },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const row = page.getByRole("row").nth(1);
    await row.getByText("題作答").click();
    await row.getByText("整體而言，您對本次服務的滿意程度").waitFor();
    await row.getByRole("button", { name: "解除標記（列入統計）" }).click();
    await page.getByRole("status").getByText("已解除重複標記，這份填答將列入統計。").waitFor();
    expect((await prisma.response.findUniqueOrThrow({ where: { id: newest.id }, select: { duplicate: true } })).duplicate).toBe(false);

    await page.getByRole("link", { name: "已解除標記" }).click();
    await page.waitForURL(/view=cleared/);
    await page.getByRole("button", { name: "重新標記為重複" }).first().click();
    await page.getByRole("status").getByText("已重新標記為重複，這份填答不列入統計。").waitFor();
    expect((await prisma.response.findUniqueOrThrow({ where: { id: newest.id }, select: { duplicate: true } })).duplicate).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is not in an evaluator's menu and answers them 403", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await login(page, app.url, "evaluator@demo.gov.tw", "Evaluator#2026");
    expect(await page.getByRole("link", { name: "疑似重複填答" }).count()).toBe(0);
    const res = await page.goto(`${app.url}/responses/duplicates`);
    expect(res?.status()).toBe(403);
    await context.close();
  });
});
