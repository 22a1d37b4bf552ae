import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../support/app";
import { seriousViolations } from "../support/axe";
import { login } from "../support/login";
import { waitForHydration, watchErrors } from "../support/page";

const app = appInBrowser();

const PANELS = ["各機關滿意度", "抽樣設計", "趨勢", "與去年同期比較", "同性質機關比較", "答題分布", "電話禮貌測試"];
const WIDTHS = [1280, 768];

/** Opens 統計分析 from the navigation, as a person would, and waits for React. */
async function openFromMenu(page: Page) {
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/reports"),
    page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "統計分析" }).click(),
  ]);
  await waitForHydration(page);
}

/** Every panel heading shows, and every chart canvas has a size and something painted on it. */
async function expectPanelsAndCharts(page: Page) {
  for (const name of PANELS) await page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
  const canvases = page.locator("figure canvas");
  expect(await canvases.count()).toBeGreaterThanOrEqual(6);
  const drawn = await canvases.evaluateAll((list) =>
    list.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const { width, height } = canvas.getBoundingClientRect();
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
      return { width, height, painted };
    }),
  );
  for (const c of drawn) {
    expect(c.width).toBeGreaterThan(100);
    expect(c.height).toBeGreaterThan(100);
    expect(c.painted).toBeGreaterThan(100);
  }
  // Every chart has its caption, and a table of its figures right after it.
  const figures = await page.locator("figure").evaluateAll((list) =>
    list.map((f) => ({
      caption: f.querySelector("figcaption")?.textContent ?? "",
      next: f.nextElementSibling?.querySelector("table") !== null,
    })),
  );
  for (const f of figures) {
    expect(f.caption).toMatch(/n = \d+/);
    expect(f.next).toBe(true);
  }
  // Tables scroll inside their frame; the page itself never runs wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // No English on the page (figures, n, τ, p and the method's authors aside).
  const text = await page.locator("main").innerText();
  const words = (text.match(/[A-Za-z]{2,}/g) ?? []).filter(
    (w) => !["Wilson", "Holm", "Mann", "Kendall", "Sen", "Cochran", "Montgomery", "Spiegelhalter", "QR", "Code"].includes(w),
  );
  expect(words).toEqual([]);
}

describe("統計分析 (/reports) in the browser", () => {
  for (const width of WIDTHS) {
    it(`the analyst opens it from the menu, sees every panel and chart, and a filter changes the URL and the figures (${width} px)`, async () => {
      const page = await app.browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(30_000);
      const problems = watchErrors(page);
      await login(page, app.url, "analyst@demo.gov.tw", "Analyst#2026");
      await openFromMenu(page);
      await expectPanelsAndCharts(page);
      expect(await page.getByTestId("satisfaction-table").locator("tbody tr").count()).toBe(24);
      await expect(page.getByTestId("trend-verdict").innerText()).resolves.toMatch(/^(上升趨勢|下降趨勢|無顯著趨勢)：Mann–Kendall/);
      expect(await page.getByTestId("holm-note").innerText()).toContain("Holm");

      const before = await page.getByTestId("satisfaction-table").innerText();
      await page.getByLabel("構面").selectOption({ label: "服務禮儀" });
      await page.getByLabel("機關類型").selectOption({ label: "戶政事務所" });
      await Promise.all([page.waitForURL(/dimension=courtesy/), page.getByRole("button", { name: "查詢" }).click()]);
      await waitForHydration(page);
      expect(new URL(page.url()).searchParams.get("kind")).toBe("household");
      await page.getByText("服務禮儀｜", { exact: false }).first().waitFor();
      const after = await page.getByTestId("satisfaction-table").innerText();
      expect(after).not.toEqual(before);
      const households = await page.getByTestId("satisfaction-table").locator("tbody tr td:first-child").allInnerTexts();
      expect(households).toHaveLength(12);
      expect(households.every((name) => name.endsWith("戶政事務所"))).toBe(true);
      // The form shows the filters of the page it is on.
      expect(await page.getByLabel("構面").inputValue()).toBe("courtesy");
      await expectPanelsAndCharts(page);

      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 240_000);

    it(`the manager sees their own office only, peers unnamed in the funnel plot (${width} px)`, async () => {
      const page = await app.browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(30_000);
      const problems = watchErrors(page);
      await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
      await openFromMenu(page);
      await expectPanelsAndCharts(page);
      const rows = await page.getByTestId("satisfaction-table").locator("tbody tr").allInnerTexts();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain("臺北市萬華區公所");
      const text = await page.locator("main").innerText();
      for (const name of ["臺北市大安區公所", "臺北市信義區公所", "臺北市士林區公所"]) expect(text).not.toContain(name);
      const funnel = await page.getByTestId("funnel-table").locator("tbody tr").allInnerTexts();
      expect(funnel.length).toBeGreaterThan(5);
      expect(funnel.filter((r) => r.includes("同性質機關（不具名）"))).toHaveLength(funnel.length - 1);
      expect(await page.getByLabel("機關類型").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
