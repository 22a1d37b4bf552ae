import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { prisma } from "~/utils/db.server";
import { taipeiMonth } from "~/utils/dates";
import { ratingStats } from "~/modules/reports/satisfaction.server";
import { MIN_FILL_MS } from "~/modules/surveys/fill-token.server";
import { KIOSK_RESET_SECONDS } from "~/modules/surveys/kiosk";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { login } from "../support/login";
import { waitForHydration, watchErrors } from "../support/page";

const app = appInBrowser();
const CITIZENS = 10;

async function rate(page: Page, name: string, value: number) {
  await page.locator(`[data-name="${name}"] label:has(input[value="${value}"])`).click();
}

/** Answers the citizen questionnaire with one score, no sooner than the minimum fill time after it was served. */
async function answer(page: Page, servedAt: number, value: number) {
  for (const name of ["env_clean", "env_signs", "env_facilities", "courtesy_attitude", "courtesy_active"]) await rate(page, name, value);
  await page.getByRole("button", { name: "下一頁" }).click();
  for (const name of ["prof_knowledge", "prof_efficiency", "prof_clarity", "measures_online", "measures_info", "overall"])
    await rate(page, name, value);
  await page.getByRole("button", { name: "下一頁" }).click();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, servedAt + MIN_FILL_MS + 300 - Date.now())));
  await page.getByRole("button", { name: "送出" }).click();
}

describe("a kiosk at the counter", () => {
  it(
    "an admin creates a kiosk channel; ten citizens in a row on one browser are all stored and counted",
    { timeout: 240_000 },
    async () => {
      const admin = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const adminPage = await admin.newPage();
      const adminErrors = watchErrors(adminPage);
      await login(adminPage, app.url, "admin@demo.gov.tw", "Admin#2026");
      await adminPage.goto(`${app.url}/admin/channels`);
      await waitForHydration(adminPage);
      await adminPage.getByLabel("名稱（例如：一樓服務台）").fill("一樓服務台平板");
      await adminPage.getByLabel("機關", { exact: true }).selectOption({ label: "臺北市萬華區公所" });
      await adminPage.getByLabel("類型").selectOption({ label: "平板／資訊站" });
      await Promise.all([adminPage.waitForURL(/\/admin\/channels\/\d+$/), adminPage.getByRole("button", { name: "新增" }).click()]);
      await waitForHydration(adminPage);
      expect(adminErrors).toEqual([]);
      await admin.close();
      const channel = await prisma.channel.findFirstOrThrow({
        where: { label: "一樓服務台平板" },
        select: { id: true, code: true, kind: true, officeId: true },
      });
      expect(channel.kind).toBe("kiosk");

      const month = taipeiMonth(new Date());
      const citizen = await prisma.surveyDefinition.findFirstOrThrow({ where: { kind: "citizen" }, select: { id: true } });
      const counted = async () =>
        (await ratingStats(prisma, citizen.id, [channel.officeId], [month])).find((s) => s.dimension === "overall")?.n ?? 0;
      const countedBefore = await counted();

      // One tablet, one browser context, one cookie jar for everybody.
      const kiosk = await app.browser.newContext({ viewport: { width: 800, height: 1280 } });
      await kiosk.clock.install();
      const page = await kiosk.newPage();
      const errors = watchErrors(page);
      const start = `${app.url}/s/${channel.code}?device=counter-1`;
      await page.goto(start);
      for (let i = 0; i < CITIZENS; i += 1) {
        await page.waitForSelector('[data-name="env_clean"]');
        const servedAt = Date.now();
        await waitForHydration(page);
        await answer(page, servedAt, (i % 5) + 1);
        await page.waitForURL(`${app.url}/s/${channel.code}/thanks?device=counter-1`);
        const shownAt = Date.now();
        await page.getByRole("heading", { name: "感謝您的填答" }).waitFor();
        await page
          .getByRole("timer")
          .getByText(/秒後開始下一位填答/)
          .waitFor();
        await page.getByRole("link", { name: "下一位填答" }).waitFor();
        if (i === 0) {
          expect(await seriousViolations(page)).toEqual([]);
          // The first time the countdown runs on the real clock.
          await page.waitForURL(start, { timeout: (KIOSK_RESET_SECONDS + 10) * 1000 });
          expect(Date.now() - shownAt).toBeGreaterThanOrEqual((KIOSK_RESET_SECONDS - 1) * 1000);
        } else {
          // Then the tablet's clock is moved on: the same countdown resets the page.
          await page.clock.fastForward(KIOSK_RESET_SECONDS * 1000);
          await page.waitForURL(start);
        }
        // The address changes before the client navigation renders: wait for the questionnaire's own heading.
        await page.getByRole("heading", { level: 1, name: "洽公民眾滿意度調查", exact: true }).waitFor();
        expect(await page.getByRole("heading", { name: "感謝您的填答" }).count()).toBe(0);
      }

      // Each reset serves a blank questionnaire: nothing of the last citizen's answers is left.
      await page.waitForSelector('[data-name="env_clean"]');
      expect(await page.locator('[data-name="env_clean"] input:checked').count()).toBe(0);
      expect(errors).toEqual([]);
      await kiosk.close();

      const stored = await prisma.response.findMany({
        where: { channelId: channel.id },
        select: { duplicate: true, answerRows: { where: { dimension: "overall" }, select: { value: true } } },
      });
      expect(stored).toHaveLength(CITIZENS);
      expect(stored.filter((r) => r.duplicate)).toEqual([]);
      expect(stored.map((r) => r.answerRows[0].value).sort()).toEqual(Array.from({ length: CITIZENS }, (_, i) => (i % 5) + 1).sort());
      // Every one of them is in the satisfaction figures.
      expect((await counted()) - countedBefore).toBe(CITIZENS);
    },
  );

  it("the next-citizen button resets at once", async () => {
    const channel = await prisma.channel.findFirstOrThrow({ where: { kind: "kiosk" }, select: { code: true } });
    const page = await app.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}/s/${channel.code}/thanks`);
    await waitForHydration(page);
    await page.getByText(`${KIOSK_RESET_SECONDS} 秒後開始下一位填答。`).waitFor();
    await Promise.all([page.waitForURL(`${app.url}/s/${channel.code}`), page.getByRole("link", { name: "下一位填答" }).click()]);
    await page.waitForSelector('[data-name="env_clean"]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
