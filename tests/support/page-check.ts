import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Collects a page's uncaught exceptions and console errors for the whole of its life. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Opens a page and waits until React has hydrated it; fails on an error status or the
 * error boundary's page. Taps before hydration would fall on server-rendered markup.
 */
export async function openHydrated(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(400);
  await waitForHydration(page);
}

/** Waits for the network to settle and React to own the body (hydration done). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$")));
  expect(await page.locator("main h1").first().textContent()).not.toMatch(/^\d{3}$/);
}
