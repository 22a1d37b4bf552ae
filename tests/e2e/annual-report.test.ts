import { readFileSync } from "node:fs";
import { read } from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { login } from "../support/login";
import { waitForHydration, watchErrors } from "../support/page";

const app = appInBrowser();

const SECTIONS = ["調查設計", "抽樣設計", "調查結果", "趨勢分析", "同性質機關比較", "電話禮貌測試", "不滿意追蹤", "檢討改善", "計算方法"];
const HEADER =
  "office_id,office_name,office_kind,year,dimension,n,top2_share,ci95_low,ci95_high,margin95,mean100,prev_n,prev_top2_share,yoy_diff,yoy_p,yoy_p_holm,peer_top2_share,funnel_flag,mk_tau,mk_p";

describe("annual trend report page", () => {
  it("an analyst reads the report, starts each format, watches its progress survive a reload and downloads all four", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
    await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "年度報表" }).click();
    await page.waitForURL(/\/reports\/annual/);
    await waitForHydration(page);
    for (const s of SECTIONS)
      await page
        .getByRole("heading", { level: 2, name: new RegExp(s) })
        .first()
        .waitFor();
    // Charts are drawn: canvases with a size and pixels.
    const canvases = page.locator(".annual-report canvas");
    expect(await canvases.count()).toBeGreaterThanOrEqual(2);
    const box = await canvases.first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("研考人員檢討意見（會列入報表「檢討改善」一節）").fill("明年增設服務台引導。");
    await page.getByRole("button", { name: "儲存意見" }).click();
    await page.getByText("已儲存檢討意見").waitFor();
    // The save's own revalidation may still be on its way: let it end before counting.
    await page.waitForLoadState("networkidle");

    // While a job is on its way the page polls its jobs alone, not its own loader (which makes the whole report again).
    const polls: string[] = [];
    page.on("requestfinished", (r) => {
      const url = new URL(r.url());
      if (url.pathname === "/reports/annual/jobs") polls.push("jobs");
      else if (r.method() === "GET" && url.searchParams.get("_data") === "routes/_staff.reports.annual") polls.push("page");
    });
    const downloads = new Map<string, Buffer>();
    for (const format of ["PDF", "ODS", "XLSX", "CSV"]) {
      await page.getByRole("button", { name: `產生 ${format}` }).click();
      await page.waitForURL(/\/reports\/annual/);
      const item = page.locator(`.job-list li[data-format="${format.toLowerCase()}"]`);
      await item.waitFor();
      if (format === "PDF") {
        // Progress is stored with the job: a reload shows the same job, still on its way or done.
        await page.reload();
        await waitForHydration(page);
        await item.waitFor();
      }
      const link = item.getByRole("link", { name: /下載/ });
      await link.waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      downloads.set(format, readFileSync((await download.path())!));
      expect(download.suggestedFilename()).toMatch(new RegExp(`年度服務品質趨勢報告_.*\\.${format.toLowerCase()}$`));
    }
    // The page's data is asked for once per start (the action's redirect), never by the polling.
    expect(polls.filter((p) => p === "page").length).toBeLessThanOrEqual(4);
    expect(polls.filter((p) => p === "jobs").length).toBeGreaterThan(0);
    expect(downloads.get("PDF")!.subarray(0, 5).toString()).toBe("%PDF-");
    for (const f of ["ODS", "XLSX"]) expect(read(downloads.get(f)!, { type: "buffer" }).SheetNames.length).toBeGreaterThan(8);
    const csv = downloads.get("CSV")!.toString("utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(HEADER);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("a manager sees their own office's report on a tablet, without error", async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    await page.goto(`${app.url}/reports/annual`);
    await waitForHydration(page);
    await page.locator("#report-scope").waitFor();
    const options = await page.locator("#report-scope option").allTextContents();
    expect(options).toEqual(["臺北市萬華區公所"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
