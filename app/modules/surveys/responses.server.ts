import { createHmac } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { sessionSecret } from "~/utils/env.server";
import { taipeiDate, taipeiMonth } from "~/utils/dates";
import { workedDays } from "~/modules/calendar/calendar.server";
import { t } from "~/locales";
import { channelState, findChannelByCode } from "./channels.server";
import { followUpDueDate, followUpTrigger } from "./follow-up";
import { guardedTransaction } from "~/modules/org/validation";
import { AppError } from "~/utils/errors";
import { countResponse } from "~/modules/reports/monthly-stats.server";
import { FORM_ERROR_KEY, validateAnswers } from "./validation";

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
export async function submitResponse(db: Db, input: SubmitInput): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  const channel = await findChannelByCode(db, input.code);
  if (!channel) return { ok: false, status: 404, message: t("survey.error.channelNotFound") };
  const state = channelState(channel, now);
  if (state === "closed") return { ok: false, status: 410, message: t("survey.error.channelClosed") };
  if (state === "not-yet-open") return { ok: false, status: 410, message: t("survey.error.channelNotOpen") };

  const result = validateAnswers(JSON.parse(channel.version.json), input.answers);
  if (!result.ok) {
    const count = Object.keys(result.errors).length;
    return { ok: false, status: 400, message: t("survey.error.summary", { count }), errors: result.errors };
  }

  // A kiosk is one browser serving citizen after citizen: its id tells tablets apart but
  // never marks the next citizen as a repeat; the per-serving nonce catches resends instead.
  const kiosk = channel.kind === "kiosk";
  const clientKey = kiosk ? input.device && `device:${input.device}` : input.clientKey;
  const clientHash = clientKey ? hashClientKey(clientKey) : null;
  const month = taipeiMonth(now);
  const trigger = followUpTrigger(result);

  const replayed = { unique: { [FORM_ERROR_KEY]: [t("survey.error.replayed")] } };
  try {
    return await guardedTransaction(db, replayed, async (tx): Promise<SubmitResult> => {
      const earlier =
        clientHash && !kiosk
          ? await tx.response.count({
              where: { clientHash, officeId: channel.officeId, submittedAt: { gt: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
            })
          : 0;
      const response = await tx.response.create({
        data: {
          channelId: channel.id,
          versionId: channel.version.id,
          officeId: channel.officeId,
          unitId: channel.unitId,
          answers: JSON.stringify(result.data),
          submittedAt: now,
          month,
          durationMs: input.durationMs ?? null,
          duplicate: earlier > 0,
          clientHash,
          fillNonce: input.nonce ?? null,
        },
        select: { id: true, duplicate: true },
      });
      if (result.ratings.length > 0) {
        await tx.answer.createMany({
          data: result.ratings.map((r) => ({ ...r, responseId: response.id, officeId: channel.officeId, month })),
        });
        if (!response.duplicate) {
          await countResponse(tx, { officeId: channel.officeId, month, versionId: channel.version.id }, result.ratings, 1);
        }
      }
      let followUpId: number | null = null;
      if (trigger) {
        const owner = await tx.user.findFirst({
          where: { officeId: channel.officeId, role: "manager", active: true },
          select: { id: true },
          orderBy: { id: "asc" },
        });
        const created = await tx.followUpCase.create({
          data: {
            responseId: response.id,
            officeId: channel.officeId,
            reason: trigger.reason,
            contact: trigger.contact,
            dueDate: followUpDueDate(await workedDays(tx, Number(taipeiDate(now).slice(0, 4))), now),
            ownerId: owner?.id ?? null,
          },
          select: { id: true },
        });
        followUpId = created.id;
      }
      return { ok: true, id: response.id, duplicate: response.duplicate, followUpId };
    });
  } catch (e) {
    if (e instanceof AppError) return { ok: false, status: 400, message: t("survey.error.replayed"), errors: e.fields };
    throw e;
  }
}
