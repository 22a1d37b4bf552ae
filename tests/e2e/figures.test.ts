import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";
import { lastMonths, rocMonthLabel } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { appInBrowser } from "../support/app";
import { insertResponses, latestCompleteMonth, ratedItems } from "../support/figures";
import { login } from "../support/login";
import { openHydrated, watchErrors } from "../support/page";

let month: string;
let wanhuaId: number;
let customId: number;
let callMonth: string;

const app = appInBrowser(async () => {
  month = await latestCompleteMonth();
  wanhuaId = (await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } })).id;
  const wanhua = await prisma.office.findUniqueOrThrow({ where: { id: wanhuaId }, select: { authorityId: true, peerGroupId: true } });
  const citizen = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { versionId: true } });

  // The demo seed's counts move with the time of day it runs: top 萬華 up to 40 respondents
  // in the month, so it is always rankable and the tests below do not depend on the clock.
  const wanhuaCount = await prisma.response.count({ where: { officeId: wanhuaId, month, duplicate: false } });
  if (wanhuaCount < 40) {
    const demo = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { id: true } });
    await insertResponses({
      channelId: demo.id,
      versionId: citizen.versionId,
      officeId: wanhuaId,
      month,
      count: 40 - wanhuaCount,
      items: ratedItems(citizenSatisfaction),
      value: (_item, i) => (i % 4 === 0 ? 3 : 4),
    });
  }

  // A peer on five respondents: listed greyed as 樣本數不足, never ranked.
  const few = await prisma.office.create({
    data: {
      name: "臺北市測試甲區公所",
      kind: "district",
      city: "臺北市",
      district: "測試區",
      authorityId: wanhua.authorityId,
      peerGroupId: wanhua.peerGroupId,
    },
  });
  const fewChannel = await prisma.channel.create({
    data: { code: "fig-few", label: "測試", officeId: few.id, versionId: citizen.versionId },
  });
  await insertResponses({
    channelId: fewChannel.id,
    versionId: citizen.versionId,
    officeId: few.id,
    month,
    count: 5,
    items: ratedItems(citizenSatisfaction),
    value: () => 5,
  });

  // Two scored calls left for one office in the latest complete month of calls: too few to rank.
  const latestCall = await prisma.testCall.findFirstOrThrow({
    where: { status: "submitted" },
    orderBy: { month: "desc" },
    select: { month: true },
  });
  callMonth = lastMonths(latestCall.month, 2)[0];
  const calls = await prisma.testCall.findMany({
    where: { officeId: wanhuaId, month: callMonth, status: "submitted" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  await prisma.testCall.updateMany({ where: { id: { in: calls.slice(2).map((c) => c.id) } }, data: { status: "draft" } });

  const json = {
    title: "說明會問卷",
    pages: [
      {
        elements: [
          {
            type: "radiogroup",
            name: "heard",
            title: "如何得知說明會",
            choices: [
              { value: "web", text: "網站" },
              { value: "poster", text: "海報" },
            ],
          },
          { type: "rating", name: "useful", title: "內容實用", rateValues: [1, 2, 3, 4, 5] },
        ],
      },
    ],
  };
  const custom = await prisma.surveyDefinition.create({
    data: { key: "briefing", title: "說明會問卷", kind: "custom", versions: { create: { version: 1, json: JSON.stringify(json) } } },
    select: { id: true, versions: { select: { id: true } } },
  });
  customId = custom.id;
  const channel = await prisma.channel.create({
    data: { code: "briefing", label: "說明會", officeId: wanhuaId, versionId: custom.versions[0].id },
  });
  await insertResponses({
    channelId: channel.id,
    versionId: custom.versions[0].id,
    officeId: wanhuaId,
    month,
    count: 7,
    items: [{ name: "useful", dimension: "untagged" }],
    value: (_item, i) => 1 + (i % 5),
    extra: (i) => ({ heard: i % 2 ? "web" : "poster" }),
  });
});

const INTERVAL = /^\d{1,3}\.\d%–\d{1,3}\.\d%$/;

async function expectFigurePage(page: Page) {
  await page.getByRole("heading", { name: "方法說明" }).waitFor();
  await page.getByText("簡單隨機樣本", { exact: false }).waitFor();
  await page.getByText(`本頁數據期間：${rocMonthLabel(month)}。`).waitFor();
  // No figure is printed as a ± margin, and nothing claims a 抽樣誤差.
  expect((await page.locator("td, .stat, [data-testid=overall-interval]").allInnerTexts()).filter((x) => x.includes("±"))).toEqual([]);
  expect(await page.locator("body").innerText()).not.toContain("抽樣誤差");
  // Every interval cell reads lower–upper with lower ≤ upper.
  const cells = await page
    .locator("td")
    .filter({ hasText: /^\d{1,3}\.\d%–\d{1,3}\.\d%$/ })
    .allInnerTexts();
  expect(cells.length).toBeGreaterThan(0);
  for (const text of cells) {
    expect(text.trim()).toMatch(INTERVAL);
    const [lower, upper] = text.split("–").map((x) => parseFloat(x));
    expect(lower).toBeLessThanOrEqual(upper);
  }
}

describe("satisfaction figures in the browser", () => {
  it("the overview and an office page, as analyst: last complete month, intervals as bounds, 樣本數不足 unranked", async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    const problems = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");

    await openHydrated(page, `${app.url}/offices`);
    await expectFigurePage(page);
    const few = page.getByRole("row").filter({ hasText: "臺北市測試甲區公所" });
    await expect(few.innerText()).resolves.toContain("樣本數不足");
    await expect(few.innerText()).resolves.toContain("不排名");
    const ranked = page.getByRole("row").filter({ hasText: "臺北市萬華區公所" });
    expect(await ranked.locator("td").first().innerText()).toMatch(/^\d+ \/ \d+$/);

    // The rolling three months are one choice away.
    await page.getByLabel("期間").selectOption("3");
    await Promise.all([page.waitForURL(/span=3/), page.getByRole("button", { name: "查詢" }).click()]);
    await page
      .getByText(/近 3 個月/)
      .first()
      .waitFor();

    await openHydrated(page, `${app.url}/offices/${wanhuaId}?month=${month}`);
    await expectFigurePage(page);
    await page.getByRole("row").filter({ hasText: "服務禮儀" }).waitFor();
    expect(await page.getByTestId("overall-interval").innerText()).toMatch(/95 % 信賴區間 \d{1,3}\.\d%–\d{1,3}\.\d%，n = \d+/);
    const peer = page.getByTestId("peer-ranking").getByRole("row").filter({ hasText: "臺北市測試甲區公所" });
    await expect(peer.innerText()).resolves.toContain("樣本數不足");
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("an office page and the overview, as the office's manager", async () => {
    const page = await app.browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchErrors(page);
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    await openHydrated(page, `${app.url}/offices/${wanhuaId}`);
    await expectFigurePage(page);
    const rows = await page.getByTestId("peer-ranking").locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\d+ \/ \d+\s+臺北市萬華區公所/);
    await openHydrated(page, `${app.url}/offices`);
    await expectFigurePage(page);
    expect(await page.locator("tbody tr").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("a custom questionnaire has its own results view, picked from the selector", async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    const problems = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await openHydrated(page, `${app.url}/offices/${wanhuaId}?month=${month}`);
    await page.getByLabel("問卷").selectOption({ label: "說明會問卷" });
    await Promise.all([page.waitForURL(new RegExp(`survey=${customId}`)), page.getByRole("button", { name: "查詢" }).click()]);
    await page.getByRole("heading", { name: "各題作答分布" }).waitFor();
    await page.getByRole("heading", { name: "如何得知說明會" }).waitFor();
    const heard = page.getByRole("region", { name: "如何得知說明會" });
    await expect(heard.innerText()).resolves.toContain("回答人數 n = 7");
    expect(await heard.getByRole("row").filter({ hasText: "海報" }).innerText()).toMatch(/海報\s+4\s+57\.1%/);
    expect(await page.getByRole("heading", { name: "各構面滿意度" }).count()).toBe(0);

    await openHydrated(page, `${app.url}/offices/${wanhuaId}?month=${month}&survey=${customId}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("the courtesy results mark an office under 3 calls 樣本數不足 instead of ranking it; the checklist trend still draws", async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    const problems = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await openHydrated(page, `${app.url}/courtesy/results?month=${callMonth}`);
    const row = page.getByRole("row").filter({ hasText: "臺北市萬華區公所" });
    expect(await row.locator("td").nth(2).innerText()).toBe("樣本數不足");
    expect(await row.locator("td").nth(3).innerText()).toBe("2");
    const ranks = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
    expect(ranks.filter((r) => /^\d+ \/ \d+$/.test(r)).length).toBeGreaterThan(10);
    await page.getByText("至少 3 通").waitFor();
    await openHydrated(page, `${app.url}/checklists`);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
