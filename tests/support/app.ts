import { afterAll, beforeAll, vi } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer } from "./server";

/**
 * Registers hooks that start the production server on this file's database and a
 * headless Chromium, after `prepare` has put any fixtures in place; stops both at the end.
 */
export function appInBrowser(prepare?: () => Promise<void>) {
  const app = {} as { server: RunningServer; browser: Browser; url: string };
  // A browser test drives a real server and Chromium on a shared 2-core machine: a page
  // that loads in 1 s alone may take ten under load, so each test gets a minute and a half.
  vi.setConfig({ testTimeout: 90_000 });
  beforeAll(async () => {
    await prepare?.();
    app.server = await startServer();
    app.url = app.server.url;
    app.browser = await launchBrowser();
    // Room for the server's own start-up limit (tests/support/server.ts) plus fixtures and Chromium.
  }, 240_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}
