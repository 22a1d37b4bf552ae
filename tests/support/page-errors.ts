import { expect } from "vitest";
import type { Page } from "playwright-core";

/** Collects the page's uncaught errors and console errors from now on. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until Remix has hydrated the page, and fails on the error page (its heading is the HTTP status). */
export async function expectHydrated(page: Page) {
  await page.waitForFunction(
    () => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true,
  );
  const heading = (await page.locator("h1").first().textContent()) ?? "";
  expect(heading).not.toMatch(/^\d{3}$/);
}
