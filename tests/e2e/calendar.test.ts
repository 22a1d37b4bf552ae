import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/cli/migrate";
import { prisma } from "~/utils/db.server";
import { loadedYears } from "~/modules/calendar/calendar.server";
import { submitResponse } from "~/modules/surveys/responses.server";
import { appInBrowser } from "../support/app";
import { fixtureCsv, fixtureDays } from "../support/calendar-fixture";
import { login } from "../support/login";
import { watchPage } from "../support/page";
import { startServer } from "../support/server";
import { RATED } from "../support/citizen";

let pendingId = 0;
let officeId = 0;
let year = 0;

const app = appInBrowser(async () => {
  // A dissatisfied answer on the last day of the last loaded year: its due date waits for the next year.
  year = Math.max(...(await loadedYears(prisma))) + 1;
  const answers = { ...Object.fromEntries(RATED.map((n) => [n, 4])), overall: 1 };
  const result = await submitResponse({ code: "demo", answers, now: new Date(`${year - 1}-12-31T02:00:00Z`) });
  if (!result.ok || !result.followUpId) throw new Error("the pending case was not opened");
  pendingId = result.followUpId;
  officeId = (await prisma.followUpCase.findUniqueOrThrow({ where: { id: pendingId }, select: { officeId: true } })).officeId;
});

describe("the working-day calendar in the browser", () => {
  it("a waiting case shows its notice; the admin imports the next year and the case gets its due date", async () => {
    // TEST FIXTURE, not an official calendar: the next year by the weekday rule alone.
    const days = fixtureDays(year);
    const expectedDue = days.filter((d) => !d.off)[2].date;

    const managerPage = await app.browser.newPage();
    const manager = watchPage(managerPage);
    await login(managerPage, app.url, "manager@demo.gov.tw", "Manager#2026");
    await manager.open(`${app.url}/follow-ups`);
    const row = managerPage.locator("tr", { has: managerPage.locator(`a[href="/follow-ups/${pendingId}"]`) });
    await row.getByText("期限待辦公日曆匯入後計算").waitFor();
    expect(await row.getByText("逾期").count()).toBe(0);
    await manager.open(`${app.url}/offices/${officeId}`);
    await managerPage
      .locator("tr", { has: managerPage.locator(`a[href="/follow-ups/${pendingId}"]`) })
      .getByText("期限待辦公日曆匯入後計算")
      .waitFor();
    await manager.open(`${app.url}/follow-ups/${pendingId}`);
    await managerPage.getByText("期限：期限待辦公日曆匯入後計算").waitFor();

    const adminPage = await app.browser.newPage();
    const admin = watchPage(adminPage);
    await login(adminPage, app.url, "admin@demo.gov.tw", "Admin#2026");
    await admin.open(`${app.url}/admin`);
    await adminPage.getByRole("link", { name: /已匯入年度/ }).click();
    await adminPage.waitForURL(/\/admin\/calendar$/);
    await admin.open(`${app.url}/admin/calendar`);
    await adminPage.getByTestId("year-2025").getByText("118").waitFor();
    await adminPage.getByTestId("year-2025").getByText("114年2月8日").waitFor();
    await adminPage.getByTestId("year-2026").getByText("120").waitFor();
    const warning = adminPage.getByTestId("missing-year").filter({ hasText: `尚未匯入 ${year} 年（民國 ${year - 1911} 年）` });
    expect(await warning.count()).toBe(1);
    expect(await warning.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(179, 38, 30)");

    await adminPage
      .getByLabel("辦公日曆 CSV 檔（上限 512 KB）")
      .setInputFiles({ name: `${year}.csv`, mimeType: "text/csv", buffer: Buffer.from(fixtureCsv(days)) });
    await adminPage.getByRole("button", { name: "匯入", exact: true }).click();
    await adminPage
      .getByRole("status")
      .getByText(`已匯入 ${year} 年（民國 ${year - 1911} 年）辦公日曆`)
      .waitFor();
    await adminPage
      .getByTestId(`year-${year}`)
      .getByText(String(days.filter((d) => d.off).length))
      .waitFor();
    expect(await warning.count()).toBe(0);

    await manager.open(`${app.url}/follow-ups/${pendingId}`);
    await managerPage.getByText(`期限：${expectedDue}`).waitFor();
    expect((await prisma.followUpCase.findUniqueOrThrow({ where: { id: pendingId } })).dueDate).toBe(expectedDue);

    manager.expectClean();
    admin.expectClean();
    await managerPage.close();
    await adminPage.close();
  }, 180_000);

  it("keeps everyone but admins out of the calendar page", async () => {
    const page = await app.browser.newPage();
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    expect((await page.goto(`${app.url}/admin/calendar`))?.status()).toBe(403);
    await page.getByText("您沒有權限").waitFor();
    await page.close();
  });
});

describe("a production start without demo data", () => {
  it("imports the shipped 2025, 2026 and 2027 calendars into an empty database", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sqp-empty-"));
    const file = path.join(dir, "empty.db");
    try {
      await migrateDatabase({ DATABASE_URL: `file:${file}` });
      const server = await startServer({ DATABASE_URL: `file:${file}` });
      try {
        expect((await fetch(`${server.url}/login`)).status).toBe(200);
      } finally {
        await server.stop();
      }
      const db = new Database(file, { readonly: true });
      const years = db.prepare("SELECT year, COUNT(*) AS days, SUM(isHoliday) AS off FROM CalendarDay GROUP BY year ORDER BY year").all();
      const offices = db.prepare("SELECT COUNT(*) AS n FROM Office").get() as { n: number };
      db.close();
      expect(years).toEqual([
        { year: 2025, days: 365, off: 118 },
        { year: 2026, days: 365, off: 120 },
        { year: 2027, days: 365, off: 121 },
      ]);
      expect(offices.n).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
