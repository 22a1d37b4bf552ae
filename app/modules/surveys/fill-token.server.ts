import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sessionSecret } from "~/utils/env.server";

/** Faster than this a person cannot have read the questions: likely a bot. */
export const MIN_FILL_MS = 3_000;

/** Longest token issueFillToken makes: a 64-character code and device id, with room to spare. */
export const MAX_FILL_TOKEN_LENGTH = 300;

export type FillToken = {
  /** Milliseconds since the questionnaire was served. */
  durationMs: number;
  /** Random per serving: the same nonce twice is the same filled-in questionnaire sent again. */
  nonce: string;
  /** The kiosk device the questionnaire was served to, if any. */
  device: string | null;
};

function sign(payload: string): string {
  return createHmac("sha256", sessionSecret()).update(`fill:${payload}`).digest("base64url");
}

/**
 * A signed note of when and to which device the questionnaire was served, with a fresh
 * nonce, so neither the fill time nor the serving can be forged or reused unnoticed.
 */
export function issueFillToken(code: string, now = Date.now(), device: string | null = null): string {
  const payload = [code, now, randomBytes(12).toString("base64url"), device ?? ""].join(".");
  return `${payload}.${sign(payload)}`;
}

/** What a token issued for this channel says, or null if it is not ours (or from the future). */
export function readFillToken(token: unknown, code: string, now = Date.now()): FillToken | null {
  if (typeof token !== "string" || token.length > MAX_FILL_TOKEN_LENGTH) return null;
  const last = token.lastIndexOf(".");
  const payload = token.slice(0, last);
  const given = Buffer.from(token.slice(last + 1));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // Codes, nonces and device ids never contain a dot, so the fields split cleanly.
  const [tokenCode, issuedText, nonce, device, ...rest] = payload.split(".");
  const issued = Number(issuedText);
  if (rest.length > 0 || tokenCode !== code || !nonce || !Number.isFinite(issued) || issued > now) return null;
  return { durationMs: now - issued, nonce, device: device || null };
}
