import type { Page, Response } from "playwright-core";
import { expect } from "vitest";

/**
 * What every browser test checks on every page it opens: no uncaught error, no console
 * error, no error page, and React in charge (a tap before hydration falls on server
 * markup and is lost). One module, so every test means the same by "the page works".
 */

/**
 * Collects the page's uncaught errors and console errors from now on. `allowed` lists the
 * console messages a test provokes on purpose (a refused form answers 400, and Chromium
 * logs the failed request).
 */
export function watchErrors(page: Page, allowed: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !allowed.some((a) => a.test(m.text()))) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the root has marked the document hydrated and the network is quiet; fails on the error page. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
  await page.waitForLoadState("networkidle");
  expect(await page.locator("[data-error-page]").count(), `error page at ${page.url()}`).toBe(0);
}

/** Opens a URL, fails on an error status, and waits for hydration. */
export async function openHydrated(page: Page, url: string): Promise<Response> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(400);
  await waitForHydration(page);
  return res!;
}

/** The watcher and the opener together, for a test that checks cleanliness once at its end. */
export function watchPage(page: Page, allowed: RegExp[] = []) {
  const errors = watchErrors(page, allowed);
  return {
    open: (url: string) => openHydrated(page, url),
    expectClean: () => expect(errors).toEqual([]),
  };
}
