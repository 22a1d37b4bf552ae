import type { Page, Response } from "playwright-core";

/**
 * Collects what must never happen on a page: uncaught errors and console errors. A test
 * calls `expectClean()` at the end; `allowed` lists console messages the test provokes
 * on purpose (a refused form answers 400 and Chromium logs the failed request).
 */
export function watchPage(page: Page, allowed: RegExp[] = []) {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !allowed.some((a) => a.test(m.text()))) problems.push(`console error: ${m.text()}`);
  });
  return {
    /** Opens a URL, fails on an error status, and waits until React has hydrated. */
    async open(url: string): Promise<Response> {
      const res = await page.goto(url);
      if (!res || res.status() >= 400) throw new Error(`${url} answered ${res?.status()}`);
      // React marks the nodes it has hydrated with its fiber; server markup alone has none.
      await page.waitForFunction(() => {
        const main = document.querySelector("main");
        return main !== null && Object.keys(main).some((k) => k.startsWith("__reactFiber$"));
      });
      await page.waitForLoadState("networkidle");
      return res;
    },
    expectClean() {
      if (problems.length > 0) throw new Error(problems.join("\n"));
    },
  };
}
