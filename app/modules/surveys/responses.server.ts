import { createHmac } from "node:crypto";
import { sessionSecret } from "~/utils/env.server";
import { taipeiMonth } from "~/utils/dates";
import { t } from "~/locales";
import { channelState } from "./channels.server";
import { followUpTrigger } from "./follow-up";
import { intakeChannel, writeResponse } from "./response-store.server";
import { validateAnswers } from "./validate-answers";
import { FORM_ERROR_KEY } from "./validation";

/** A response payload larger than this is refused with 413. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** A likely duplicate is the same browser answering for the same office within a day. */
const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type SubmitInput = {
  code: string;
  answers: unknown;
  /** A random per-browser id (cookie, or an API client's own id); only its HMAC is stored. */
  clientKey?: string | null;
  /** A kiosk's device id from its signed fill token; only its HMAC is stored. */
  device?: string | null;
  /** The fill token's nonce: a second response with the same nonce is refused. */
  nonce?: string | null;
  durationMs?: number | null;
  now?: Date;
};

export type SubmitResult =
  | { ok: true; id: number; duplicate: boolean; followUpId: number | null }
  | { ok: false; status: 400 | 404 | 410; message: string; errors?: Record<string, string[]> };

function hashClientKey(key: string): string {
  return createHmac("sha256", sessionSecret()).update(`client:${key}`).digest("hex").slice(0, 32);
}

/**
 * Validates and stores one citizen response with its numeric answer rows and, when the
 * answers call for it, a follow-up case; all in one transaction, or nothing at all.
 */
export async function submitResponse(input: SubmitInput): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  const channel = await intakeChannel(input.code);
  if (!channel) return { ok: false, status: 404, message: t("survey.error.channelNotFound") };
  const state = channelState(channel, now);
  if (state === "closed") return { ok: false, status: 410, message: t("survey.error.channelClosed") };
  if (state === "not-yet-open") return { ok: false, status: 410, message: t("survey.error.channelNotOpen") };

  const result = validateAnswers(channel.json, input.answers);
  if (!result.ok) {
    const count = Object.keys(result.errors).length;
    return { ok: false, status: 400, message: t("survey.error.summary", { count }), errors: result.errors };
  }

  // A kiosk is one browser serving citizen after citizen: its id tells tablets apart but
  // never marks the next citizen as a repeat; the per-serving nonce catches resends instead.
  const kiosk = channel.kind === "kiosk";
  const clientKey = kiosk ? input.device && `device:${input.device}` : input.clientKey;
  const clientHash = clientKey ? hashClientKey(clientKey) : null;
  const trigger = followUpTrigger(result);

  const written = await writeResponse({
    channelId: channel.id,
    versionId: channel.versionId,
    officeId: channel.officeId,
    unitId: channel.unitId,
    answers: JSON.stringify(result.data),
    submittedAt: now,
    month: taipeiMonth(now),
    durationMs: input.durationMs ?? null,
    clientHash,
    fillNonce: input.nonce ?? null,
    duplicateSince: clientHash && !kiosk ? new Date(now.getTime() - DUPLICATE_WINDOW_MS) : null,
    ratings: result.ratings,
    followUp: trigger ? { reason: trigger.reason, contact: trigger.contact } : null,
  });
  if (!written.ok)
    return { ok: false, status: 400, message: t("survey.error.replayed"), errors: { [FORM_ERROR_KEY]: [t("survey.error.replayed")] } };
  return written;
}
