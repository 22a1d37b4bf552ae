import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { qrPng } from "~/modules/surveys/qr.server";
import { appInBrowser } from "../support/app";
import { login } from "../support/login";

const app = appInBrowser();

describe("admin channels", () => {
  it("creates a channel for a counter and downloads its QR code as PNG and SVG", async () => {
    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, app.url, "admin@demo.gov.tw", "Admin#2026");
    await page.goto(`${app.url}/admin/channels`);
    await page.getByLabel("名稱（例如：一樓服務台）").fill("二樓社會課櫃台");
    await page.getByLabel("機關", { exact: true }).selectOption({ label: "臺北市信義區公所" });
    await page.getByLabel("課室／櫃台").selectOption({ label: "社會課" });
    await Promise.all([page.waitForURL(/\/admin\/channels\/\d+$/), page.getByRole("button", { name: "新增" }).click()]);

    const channel = await prisma.channel.findFirstOrThrow({
      where: { label: "二樓社會課櫃台" },
      select: { code: true, office: { select: { name: true } }, unit: { select: { name: true } } },
    });
    expect(channel.office.name).toBe("臺北市信義區公所");
    expect(channel.unit?.name).toBe("社會課");
    const url = `${app.url}/s/${channel.code}`;
    await page.getByText(url).waitFor();

    const [pngDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下載 QR Code（PNG）" }).click(),
    ]);
    expect(pngDownload.suggestedFilename()).toBe(`qr-${channel.code}.png`);
    const png = await readFile(await pngDownload.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The same encoder run on the expected address gives the same image: the code encodes the URL.
    expect(png.equals(await qrPng(url))).toBe(true);

    const [svgDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下載 QR Code（SVG）" }).click(),
    ]);
    const svg = await readFile(await svgDownload.path(), "utf8");
    expect(svg).toMatch(/^<svg[^>]*viewBox/);

    // The new channel serves the questionnaire to citizens.
    const citizen = await fetch(url);
    expect(citizen.status).toBe(200);
    expect(await citizen.text()).toContain("臺北市信義區公所");

    const poster = await page.request.get(
      `${app.url}/admin/channels/${(await prisma.channel.findFirstOrThrow({ where: { code: channel.code } })).id}/poster`,
    );
    expect(poster.status()).toBe(200);
    expect(await poster.text()).toContain("您的意見，讓服務更好");
    await context.close();
  });

  it("refuses a channel whose close time precedes its open time, writing nothing", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await login(page, app.url, "admin@demo.gov.tw", "Admin#2026");
    await page.goto(`${app.url}/admin/channels`);
    const before = await prisma.channel.count();
    await page.getByLabel("名稱（例如：一樓服務台）").fill("錯誤時間");
    await page.getByLabel("開放時間（臺北時間，留白表示立即）").fill("2026-12-10T09:00");
    await page.getByLabel("結束時間（留白表示不限）").fill("2026-12-01T09:00");
    await page.getByRole("button", { name: "新增" }).click();
    await page.getByText("結束時間必須晚於開放時間。").waitFor();
    expect(await prisma.channel.count()).toBe(before);
    await context.close();
  });

  it("keeps non-admins out of channel administration", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    const res = await page.goto(`${app.url}/admin/channels`);
    expect(res?.status()).toBe(403);
    await context.close();
  });
});

describe("admin questionnaires", () => {
  it("previews an edited definition live, shows SurveyJS's complaints, and saves a new version", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, app.url, "admin@demo.gov.tw", "Admin#2026");
    const def = await prisma.surveyDefinition.findUniqueOrThrow({ where: { key: "citizen-satisfaction" }, select: { id: true } });
    await page.goto(`${app.url}/admin/surveys/${def.id}`);
    await page.waitForLoadState("networkidle");
    await page.getByTestId("survey-preview").getByText("洽公環境整潔、舒適").waitFor();
    // The preview names the page citizens get: the shipped questionnaire fits the native form.
    await page.locator('[data-survey-mode-note="native"]').getByText("填答模式：原生表單").waitFor();

    const editor = page.getByLabel("問卷定義（JSON）");
    await editor.fill('{ "pages": [ { "elements": [ { "type": "ratingz", "name": "a" } ] } ] }');
    await page
      .getByTestId("preview-errors")
      .getByText(/SurveyJS|ratingz|property/i)
      .first()
      .waitFor();

    const edited = {
      title: "櫃台快速問卷",
      pages: [
        {
          elements: [{ type: "rating", name: "overall", title: "今天的服務您滿意嗎？", dimension: "overall", rateValues: [1, 2, 3, 4, 5] }],
        },
      ],
    };
    await editor.fill(JSON.stringify({ pages: [{ elements: [{ type: "text", name: "d", inputType: "date" }] }] }));
    await page.locator('[data-survey-mode-note="surveyjs"]').getByText("text.inputType").waitFor();
    await editor.fill(JSON.stringify(edited, null, 2));
    await page.getByTestId("survey-preview").getByText("今天的服務您滿意嗎？").waitFor();
    await page.getByRole("button", { name: "儲存" }).click();
    await page.getByText("已儲存為第 2 版。").waitFor();
    const versions = await prisma.surveyVersion.findMany({
      where: { definitionId: def.id },
      orderBy: { version: "asc" },
      select: { version: true, json: true },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[1].json).title).toBe("櫃台快速問卷");
    await context.close();
  });
});
