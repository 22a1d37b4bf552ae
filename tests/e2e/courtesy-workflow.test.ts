import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { prisma } from "~/utils/db.server";
import { defaultScale } from "~/modules/courtesy";
import { importCalendarYear, loadedYears } from "~/modules/calendar/calendar.server";
import { addDays, taipeiDate } from "~/utils/dates";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { PHONE_VIEWPORT } from "../support/browser";
import { login } from "../support/login";
import { openHydrated, waitForHydration, watchErrors, watchPage } from "../support/page";
import { fixtureCsv, fixtureYearWithMakeUpDay } from "../support/calendar-fixture";

let callId: number;
let tomorrowCallId: number;
let calibrationId: number;

/** Taps a mark on one item's row of buttons. */
async function mark(page: Page, item: string, value: number | "na") {
  await page.locator(`[data-name="${item}"] label:has(input[value="${value}"])`).click();
}

const app = appInBrowser(async () => {
  // Today's call for the demo evaluator (大安區公所) to the Wanhua district office's 民政課.
  const office = await prisma.office.findUniqueOrThrow({
    where: { name: "臺北市萬華區公所" },
    select: { id: true, units: { where: { name: "民政課" }, select: { id: true } } },
  });
  const evaluator = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.gov.tw" }, select: { id: true } });
  const scale = await prisma.courtesyScale.findFirstOrThrow({ orderBy: { version: "desc" }, select: { id: true } });
  const today = taipeiDate(new Date());
  const call = (date: string) =>
    prisma.testCall.create({
      data: {
        scaleId: scale.id,
        officeId: office.id,
        unitId: office.units[0].id,
        extension: "201",
        evaluatorId: evaluator.id,
        scheduledDate: date,
        slot: "08:30-10:30",
        month: date.slice(0, 7),
        questionId: "district-01",
        partsTested: JSON.stringify(["unit"]),
      },
      select: { id: true },
    });
  callId = (await call(today)).id;
  tomorrowCallId = (await call(addDays(today, 1))).id;
  calibrationId = (
    await prisma.calibrationSession.create({
      data: {
        title: "轉接情境校準",
        scenario: "民眾詢問低收入戶申請。",
        officeId: office.id,
        scaleId: scale.id,
        partsTested: JSON.stringify(["unit"]),
      },
    })
  ).id;
});

describe("telephone-courtesy test, from the call to the appeal", () => {
  it("an evaluator on a phone sees today's call, counts rings, scores it and submits", async () => {
    const page = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    // The submission without a note is refused on purpose: Chromium logs its 400.
    const errors = watchErrors(page, [/status of 400/]);
    page.setDefaultTimeout(20_000);
    await login(page, app.url, "evaluator@demo.gov.tw", "Evaluator#2026");
    expect(new URL(page.url()).pathname).toBe("/evaluator");
    await page.getByText("臺北市萬華區公所").first().waitFor();
    await page.getByText("02-").first().waitFor();
    await page.locator(`a[href="/evaluator/calls/${callId}"]`).click();
    await page.getByText("請問要申請低收入戶").waitFor();
    await waitForHydration(page);
    // Every mark and note of the form has a name a screen reader can announce.
    expect(await seriousViolations(page)).toEqual([]);

    for (let i = 0; i < 3; i += 1) await page.getByRole("button", { name: "響鈴 +1" }).click();
    await page.getByRole("button", { name: "填入表單" }).click();
    const unit = defaultScale.parts.find((p) => p.key === "unit")!;
    for (const item of unit.items) {
      const deducted = item.key === "unitGreeting";
      await mark(page, item.key, deducted ? item.maxPoints - 3 : item.maxPoints);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    // A deduction without a note is refused, and the form says so at the item.
    await page.getByRole("button", { name: "送出評分" }).click();
    const greeting = unit.items.find((i) => i.key === "unitGreeting")!;
    const needNote = `「${greeting.label}」有扣分，請填寫扣分說明。`;
    await page.locator('[data-name="unitGreeting"]').getByText(needNote).waitFor();
    // The summary above the form repeats the item's message and is brought into view.
    await expectInViewport(page.locator(".error-summary").getByText(needNote));
    expect((await prisma.testCall.findUniqueOrThrow({ where: { id: callId } })).status).toBe("planned");

    await page.getByRole("textbox", { name: "扣分說明" }).and(page.locator('[data-name="unitGreeting"] textarea')).fill("未報單位名稱");
    await page.getByRole("button", { name: "送出評分" }).click();
    const confirmation = page.getByText(/已送出，總分 94\.5 分（優良）/);
    await confirmation.waitFor();
    // The confirmation sits far above the submit button on a phone: it must be brought into view.
    await expectInViewport(confirmation);

    const stored = await prisma.testCall.findUniqueOrThrow({ where: { id: callId } });
    expect(stored).toMatchObject({ status: "submitted", total: 94.5, band: "優良", rings: 3 });
    expect(JSON.parse(stored.notes)).toEqual({ unitGreeting: "未報單位名稱" });

    // Tomorrow's call can be read but not scored yet.
    await openHydrated(page, `${app.url}/evaluator/calls/${tomorrowCallId}`);
    const tomorrow = addDays(taipeiDate(new Date()), 1);
    await page.getByText(`這通電話排定於 ${tomorrow}，${tomorrow} 起才能評分。`).waitFor();
    expect(await page.getByRole("button", { name: "送出評分" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the office manager sees the score with its deductions and appeals", async () => {
    const page = await app.browser.newPage();
    const errors = watchErrors(page);
    page.setDefaultTimeout(20_000);
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    await page.goto(`${app.url}/courtesy`);
    await page.locator(`a[href="/courtesy/calls/${callId}"]`).first().click();
    await page.getByText("未報單位名稱").waitFor();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("申復理由").fill("當時承辦人已報出單位名稱，測試人員可能未聽清楚，請再確認。");
    await page.getByRole("button", { name: "提出申復" }).click();
    await page.getByRole("status").getByText("已儲存。").waitFor();
    await page.getByText(/^審理中・/).waitFor();
    expect(await prisma.appeal.count({ where: { callId, status: "pending" } })).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an analyst accepts the appeal with a revised mark; old and new totals are kept", async () => {
    const page = await app.browser.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await page.goto(`${app.url}/courtesy`);
    await page.locator(`a[href="/courtesy/calls/${callId}"]`).first().click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("審理說明").fill("經調閱錄音，承辦人確有報出單位名稱，該項改給滿分。");
    const greeting = defaultScale.parts.find((p) => p.key === "unit")!.items.find((i) => i.key === "unitGreeting")!;
    await mark(page, "unitGreeting", greeting.maxPoints);
    await page.getByRole("button", { name: "送出評分" }).click();
    await page.getByText(/^已接受・/).waitFor();

    const call = await prisma.testCall.findUniqueOrThrow({ where: { id: callId }, select: { total: true } });
    expect(call.total).toBe(100);
    const appeal = await prisma.appeal.findFirstOrThrow({ where: { callId } });
    expect(appeal).toMatchObject({ status: "accepted", oldTotal: 94.5, newTotal: 100 });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "appeal.accept", entityId: String(callId) } });
    expect(JSON.parse(log.data)).toMatchObject({ old: { total: 94.5 }, new: { total: 100 } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an analyst is refused a plan for a month without calendar, then plans it once the year is imported; no evaluator tests their own office", async () => {
    const page = await app.browser.newPage();
    // The refusal answers 400, which Chromium logs as a failed request.
    const watch = watchPage(page, [/status of 400/]);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await watch.open(`${app.url}/courtesy/plans`);
    const year = Math.max(...(await loadedYears(prisma))) + 1;
    const month = `${year}-01`;
    await page.getByLabel("月份", { exact: true }).fill(month);
    await page.getByRole("button", { name: "產生測試排程" }).click();
    await page
      .getByRole("alert")
      .getByText(`尚未匯入 ${year} 年（民國 ${year - 1911} 年）政府行政機關辦公日曆，請系統管理者至「辦公日曆」頁面匯入。`)
      .waitFor();
    expect(await prisma.testCall.count({ where: { month } })).toBe(0);

    // TEST FIXTURE, not an official calendar: the year by the weekday rule, its first Saturday worked.
    const { days, makeUpSaturday } = fixtureYearWithMakeUpDay(year);
    await importCalendarYear(prisma, fixtureCsv(days), null);
    await page.getByRole("button", { name: "產生測試排程" }).click();
    await page.getByText(/已產生 .* 的排程/).waitFor();
    await page.getByText("測到自己機關的電話：0 通").waitFor();

    const calls = await prisma.testCall.findMany({
      where: { month },
      select: { officeId: true, scheduledDate: true, evaluator: { select: { officeId: true } } },
    });
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.filter((c) => c.officeId === c.evaluator.officeId)).toEqual([]);
    const worked = new Set(days.filter((d) => !d.off).map((d) => d.date));
    for (const c of calls) expect(worked.has(c.scheduledDate), c.scheduledDate).toBe(true);
    expect(calls.map((c) => c.scheduledDate)).toContain(makeUpSaturday);
    watch.expectClean();
    await page.close();
  }, 120_000);

  it("the other courtesy pages open without errors, and improvement reports show the calls behind each score", async () => {
    const page = await app.browser.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    for (const path of ["/courtesy", "/courtesy/mutual", "/courtesy/calibration", `/courtesy/calibration/${calibrationId}`])
      await openHydrated(page, `${app.url}${path}`);

    await openHydrated(page, `${app.url}/courtesy/improvements`);
    const report = await prisma.improvementReport.findFirstOrThrow({
      orderBy: [{ month: "desc" }, { officeId: "asc" }],
      select: { officeId: true, unitId: true, month: true, office: { select: { name: true } }, unit: { select: { name: true } } },
    });
    const n = await prisma.testCall.count({
      where: { officeId: report.officeId, unitId: report.unitId, month: report.month, status: "submitted", calibrationId: null },
    });
    const card = page
      .locator("section.card")
      .filter({ hasText: `${report.office.name}・${report.unit?.name}・` })
      .first();
    await card.getByText(`依據 ${n} 通測試電話`).waitFor();
    expect(errors).toEqual([]);
    await page.close();

    const evaluator = await app.browser.newPage({ viewport: PHONE_VIEWPORT });
    const evaluatorErrors = watchErrors(evaluator);
    await login(evaluator, app.url, "evaluator@demo.gov.tw", "Evaluator#2026");
    await openHydrated(evaluator, `${app.url}/courtesy/calibration/${calibrationId}`);
    await evaluator.getByRole("button", { name: "送出評分" }).waitFor();
    expect(evaluatorErrors).toEqual([]);
    await evaluator.close();
  });
});

/** The element's box lies wholly inside the viewport. */
async function expectInViewport(locator: ReturnType<Page["locator"]>) {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}
