import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_PATH } from "~/utils/chromium.server";

/** Debian's Chromium, headless; the flags keep it off the closed network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const PHONE_VIEWPORT = { width: 360, height: 740 };
