import { z } from "~/utils/zod";
import { clientIp, errorResponse, readJson } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { t } from "~/locales";
import { readBrowserId } from "./browser-id.server";
import { MAX_FILL_TOKEN_LENGTH, MIN_FILL_MS, readFillToken } from "./fill-token.server";
import { MAX_PAYLOAD_BYTES, submitResponse, type SubmitInput } from "./responses.server";

const pagePayload = z.object({
  answers: z.unknown(),
  fillToken: z.string().max(MAX_FILL_TOKEN_LENGTH),
  // Honeypot: hidden from people, filled in by naive bots.
  website: z.string().max(200).optional(),
});

const apiPayload = z.object({
  answers: z.unknown(),
  // A partner app may send a stable client id so repeat answers are flagged like a
  // browser's; on a kiosk channel it names the device and flags nothing.
  clientId: z.string().min(8).max(100).optional(),
});

export type IntakeOutcome = { ok: true; id: number; duplicate: boolean; device: string | null } | { ok: false; response: Response };

/**
 * Receives one citizen response from the survey page or the public API: rate limit (429),
 * size (413), JSON and shape (400), bot checks (400), then the stored response or the
 * channel's 404/410 and the survey's own per-question 400.
 */
export async function receiveResponse(request: Request, context: unknown, code: string, source: "page" | "api"): Promise<IntakeOutcome> {
  const refuse = (r: Response): IntakeOutcome => ({ ok: false, response: r });
  const wait = hitRateLimit(RATE_LIMITS.surveySubmit, `${clientIp(request, context)}:${code}`);
  if (wait > 0) return refuse(errorResponse(429, t("survey.error.rateLimited"), undefined, { "Retry-After": String(wait) }));

  let body: unknown;
  try {
    body = await readJson(request, MAX_PAYLOAD_BYTES, t("survey.error.payloadTooLarge"));
  } catch (e) {
    if (e instanceof Response) return refuse(e);
    throw e;
  }

  let input: SubmitInput;
  if (source === "page") {
    const parsed = pagePayload.safeParse(body);
    if (!parsed.success || parsed.data.website) return refuse(errorResponse(400, t("survey.error.rejected")));
    const token = readFillToken(parsed.data.fillToken, code);
    if (token === null) return refuse(errorResponse(400, t("survey.error.rejected")));
    if (token.durationMs < MIN_FILL_MS) return refuse(errorResponse(400, t("survey.error.tooFast")));
    const { durationMs, nonce, device } = token;
    input = { code, answers: parsed.data.answers, clientKey: readBrowserId(request), durationMs, nonce, device };
  } else {
    const parsed = apiPayload.safeParse(body);
    if (!parsed.success) return refuse(errorResponse(400, t("survey.error.answersShape")));
    const { answers, clientId } = parsed.data;
    input = { code, answers, clientKey: clientId ? `api:${clientId}` : null, device: clientId ?? null };
  }

  const result = await submitResponse(input);
  if (!result.ok) return refuse(errorResponse(result.status, result.message, result.errors ? { errors: result.errors } : undefined));
  return { ok: true, id: result.id, duplicate: result.duplicate, device: input.device ?? null };
}
