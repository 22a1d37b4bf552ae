import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer } from "./server";

/**
 * Registers hooks that start the production server on this file's database and a
 * headless Chromium, after `prepare` has put any fixtures in place; stops both at the end.
 */
export function appInBrowser(prepare?: () => Promise<void>) {
  const app = {} as { server: RunningServer; browser: Browser; url: string };
  beforeAll(async () => {
    await prepare?.();
    app.server = await startServer();
    app.url = app.server.url;
    app.browser = await launchBrowser();
    // Beyond the server's own start-up bound, so that a slow start reports its output.
  }, 180_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}
