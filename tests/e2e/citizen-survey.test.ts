import { readFileSync } from "node:fs";
import { read } from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { prisma } from "~/utils/db.server";
import { taipeiMonth } from "~/utils/dates";
import { appInBrowser } from "../support/app";
import { PHONE_VIEWPORT } from "../support/browser";
import { seriousViolations } from "../support/axe";
import { waitForHydration, watchErrors } from "../support/page";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";

const app = appInBrowser();

async function rate(page: Page, name: string, value: number) {
  await page.locator(`[data-name="${name}"] label:has(input[value="${value}"])`).click();
}

describe("citizen survey on a phone", () => {
  it("answers /s/demo, sees the thank-you page, and the response is stored", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    const errors = watchErrors(page);
    const comment = `e2e 留言 ${Date.now()}`;
    await page.goto(`${app.url}/s/demo`);
    await waitForHydration(page);
    await expect(page.title()).resolves.toContain("萬華區公所");
    // No horizontal scrolling on a 360 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);

    for (const name of ["env_clean", "env_signs", "env_facilities", "courtesy_attitude", "courtesy_active"]) await rate(page, name, 5);
    await page.getByRole("button", { name: "下一頁" }).click();
    for (const name of ["prof_knowledge", "prof_efficiency", "prof_clarity", "measures_online", "measures_info", "overall"])
      await rate(page, name, 4);
    await page.locator('[data-name="comment"] textarea').fill(comment);
    await page.getByRole("button", { name: "下一頁" }).click();
    // A person takes longer than the bot threshold of three seconds.
    await page.waitForTimeout(3_100);
    await page.getByRole("button", { name: "送出" }).click();

    await page.waitForURL(`${app.url}/s/demo/thanks`);
    await page.getByRole("heading", { name: "感謝您的填答" }).waitFor();
    await waitForHydration(page);
    const thanksViolations = await seriousViolations(page);
    expect(thanksViolations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(errors).toEqual([]);

    const stored = await prisma.response.findFirst({
      where: { channel: { code: "demo" }, answers: { contains: comment } },
      select: { id: true, answers: true, durationMs: true, duplicate: true, answerRows: { select: { questionName: true, value: true } } },
    });
    expect(stored).not.toBeNull();
    expect(JSON.parse(stored!.answers)).toMatchObject({ env_clean: 5, overall: 4, comment });
    expect(stored!.answerRows).toHaveLength(11);
    expect(stored!.durationMs).toBeGreaterThanOrEqual(3_000);
    expect(stored!.duplicate).toBe(false);
    await page.close();
  });

  it("shows the server's refusal above the form, keeps the answers, and accepts the resend", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    page.setDefaultTimeout(20_000);
    const comment = `被拒後重送 ${Date.now()}`;
    await page.goto(`${app.url}/s/demo`);
    await page.waitForLoadState("networkidle");
    for (const name of ["env_clean", "env_signs", "env_facilities", "courtesy_attitude", "courtesy_active"]) await rate(page, name, 4);
    await page.getByRole("button", { name: "下一頁" }).click();
    for (const name of ["prof_knowledge", "prof_efficiency", "prof_clarity", "measures_online", "measures_info", "overall"])
      await rate(page, name, 4);
    await page.locator('[data-name="comment"] textarea').fill(comment);
    await page.getByRole("button", { name: "下一頁" }).click();
    // Something fills the honeypot (an autofill extension, say): the server refuses it.
    await page.evaluate(() => ((document.getElementById("website") as HTMLInputElement).value = "http://spam.example"));
    await page.waitForTimeout(3_100);
    await page.getByRole("button", { name: "送出" }).click();
    await page.getByRole("alert").getByText("無法受理這份填答。").waitFor();
    expect(await prisma.response.count({ where: { answers: { contains: comment } } })).toBe(0);
    // The citizen is back on the form with every answer kept, and can send again.
    await page.evaluate(() => ((document.getElementById("website") as HTMLInputElement).value = ""));
    await page.getByRole("button", { name: "下一頁" }).click();
    await page.getByRole("button", { name: "下一頁" }).click();
    await page.getByRole("button", { name: "送出" }).click();
    await page.waitForURL(`${app.url}/s/demo/thanks`);
    const stored = await prisma.response.findFirstOrThrow({ where: { answers: { contains: comment } }, select: { answers: true } });
    expect(JSON.parse(stored.answers)).toMatchObject({ env_clean: 4, overall: 4, comment });
    await page.close();
  });

  it("shows the server's message when a required rating is missing, and stores nothing", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${app.url}/s/demo`);
    const before = await prisma.response.count();
    // SurveyJS itself stops an incomplete page before anything is sent.
    await page.getByRole("button", { name: "下一頁" }).click();
    await page.getByText("請填寫此問題").first().waitFor();
    expect(await prisma.response.count()).toBe(before);
    await page.close();
  });

  it("has no serious or critical accessibility violations (axe-core)", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${app.url}/s/demo`);
    await page.waitForSelector('[data-name="env_clean"]');
    const violations = await seriousViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.close();
  });

  it("heads the page with the questionnaire's title and the office, and reads the progress steps by page title", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    const errors = watchErrors(page);
    await page.goto(`${app.url}/s/demo`);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(citizenSatisfaction.title);
    await page.locator(".survey-header").getByText("臺北市萬華區公所").waitFor();
    // SurveyJS's own title is not repeated below the page heading.
    expect(await page.getByText(citizenSatisfaction.title).count()).toBe(1);
    const steps = await page.getByRole("tab").evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute("aria-label")));
    expect(steps).toEqual(citizenSatisfaction.pages.map((p) => p.title));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("serves /favicon.ico as a real icon without an error in the server log", async () => {
    const res = await fetch(`${app.url}/favicon.ico`);
    expect(res.status).toBe(200);
    const icon = Buffer.from(await res.arrayBuffer());
    // An ICO header (reserved 0, type 1) holding at least one image.
    expect([...icon.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(icon.readUInt16LE(4)).toBeGreaterThan(0);
    expect(app.server.log()).not.toMatch(/error|No route matches/i);
  });

  it("answers 404 for an unknown channel", async () => {
    const res = await fetch(`${app.url}/s/no-such-channel`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到這份問卷");
  });
});

describe("open data, without signing in", () => {
  it("is linked from the login page, lists the authority's years, and downloads a CSV and an ODS that open", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    const errors = watchErrors(page);
    await page.goto(`${app.url}/login`);
    await waitForHydration(page);
    await page.getByRole("link", { name: /開放資料/ }).click();
    await page.waitForURL(`${app.url}/open-data`);
    await waitForHydration(page);
    await page.getByRole("heading", { name: "服務品質開放資料" }).waitFor();
    const authority = await prisma.authority.findFirstOrThrow({ select: { id: true, name: true } });
    const year = Number(taipeiMonth(new Date()).slice(0, 4));
    const row = page
      .getByRole("row")
      .filter({ hasText: authority.name })
      .filter({ hasText: `${year - 1911}年` });
    expect(await row.count()).toBe(1);

    const csvDownload = page.waitForEvent("download");
    await row.getByRole("link", { name: "CSV 檔" }).click();
    const csv = readFileSync((await (await csvDownload).path())!, "utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "office_id,office_name,office_kind,questionnaire,month,dimension,n,top2_share",
    );
    expect(csv).toContain("臺北市萬華區公所");

    const odsDownload = page.waitForEvent("download");
    await row.getByRole("link", { name: "ODS 試算表" }).click();
    const ods = read(readFileSync((await (await odsDownload).path())!), { type: "buffer" });
    expect(ods.SheetNames).toEqual(["各機關每月滿意度", "基本資料分組", "資料說明"]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
