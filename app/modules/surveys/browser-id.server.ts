import { randomUUID } from "node:crypto";
import { t } from "~/locales";
import { errorResponse } from "~/utils/http.server";
import { DEVICE_ID } from "./kiosk";

const COOKIE = "sqp_bid";
const ONE_YEAR = 60 * 60 * 24 * 365;

/** The random id this browser carries, used only to flag repeat answers. */
export function readBrowserId(request: Request): string | null {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9-]{36})`).exec(request.headers.get("cookie") ?? "");
  return match ? match[1] : null;
}

/** A Set-Cookie header giving a browser its id, or null if it already has one. */
export function browserIdCookie(request: Request): string | null {
  if (readBrowserId(request)) return null;
  return `${COOKIE}=${randomUUID()}; Path=/s; Max-Age=${ONE_YEAR}; HttpOnly; SameSite=Lax`;
}

/** The kiosk device id in the page address (`?device=`), null without one; a malformed one is a 400. */
export function readKioskDevice(request: Request): string | null {
  const device = new URL(request.url).searchParams.get("device");
  if (device === null) return null;
  if (!DEVICE_ID.test(device)) throw errorResponse(400, t("survey.error.device"));
  return device;
}
