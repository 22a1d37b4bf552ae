import { z } from "~/utils/zod";
import { clientIp, errorResponse, readForm, readJson } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { t } from "~/locales";
import { readBrowserId } from "./browser-id.server";
import { MAX_FILL_TOKEN_LENGTH, MIN_FILL_MS, readFillToken } from "./fill-token.server";
import { nativeAnswers, nativeSurvey, visibleNames } from "./native-survey.server";
import { intakeChannel } from "./response-store.server";
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

/** What a refused native form post gives back, so the page shows the form again as the citizen left it. */
export type NativeState = { answers: Record<string, unknown>; visible: string[]; fillToken: string };

const isFormPost = (request: Request) => /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");

/**
 * Receives one citizen response from the survey page (SurveyJS's JSON, or the native
 * form's fields before or without JavaScript) or the public API: rate limit (429), size
 * (413), JSON or form and shape (400), bot checks (400), then the stored response or the
 * channel's 404/410 and the survey's own per-question 400. A refused form post answers
 * with its answers, the questions to show and its fill token, for the page to render.
 */
export async function receiveResponse(request: Request, context: unknown, code: string, source: "page" | "api"): Promise<IntakeOutcome> {
  const refuse = (r: Response): IntakeOutcome => ({ ok: false, response: r });
  const wait = await hitRateLimit(RATE_LIMITS.surveySubmit, `${clientIp(request, context)}:${code}`);
  if (wait > 0) return refuse(errorResponse(429, t("survey.error.rateLimited"), undefined, { "Retry-After": String(wait) }));

  let read: { input: SubmitInput; native?: NativeState } | Response;
  try {
    if (source === "api") read = await readApiPost(request, code);
    else read = isFormPost(request) ? await readFormPost(request, code) : await readPagePost(request, code);
  } catch (e) {
    if (e instanceof Response) return refuse(e);
    throw e;
  }
  if (read instanceof Response) return refuse(read);
  const { input, native } = read;

  const result = await submitResponse(input);
  if (!result.ok)
    return refuse(errorResponse(result.status, result.message, { ...(result.errors ? { errors: result.errors } : {}), ...native }));
  return { ok: true, id: result.id, duplicate: result.duplicate, device: input.device ?? null };
}

async function readApiPost(request: Request, code: string) {
  const parsed = apiPayload.safeParse(await readJson(request, MAX_PAYLOAD_BYTES, t("survey.error.payloadTooLarge")));
  if (!parsed.success) return errorResponse(400, t("survey.error.answersShape"));
  const { answers, clientId } = parsed.data;
  return { input: { code, answers, clientKey: clientId ? `api:${clientId}` : null, device: clientId ?? null } };
}

async function readPagePost(request: Request, code: string) {
  const parsed = pagePayload.safeParse(await readJson(request, MAX_PAYLOAD_BYTES, t("survey.error.payloadTooLarge")));
  if (!parsed.success) return errorResponse(400, t("survey.error.rejected"));
  const checked = pageInput(request, code, parsed.data);
  return "refused" in checked ? errorResponse(400, checked.refused) : checked;
}

/**
 * A native form post: its fields read as the answers SurveyJS would send. When they
 * reveal questions the form did not show (a visibleIf now true), nothing is stored and
 * the page comes back with those questions to answer.
 */
async function readFormPost(request: Request, code: string) {
  const form = await readForm(request, MAX_PAYLOAD_BYTES, t("survey.error.payloadTooLarge"));
  const channel = await intakeChannel(code);
  // A missing or closed channel is submitResponse's to tell (404, 410).
  if (!channel) return { input: { code, answers: {} } };
  const survey = nativeSurvey(channel.json);
  const parsed = pagePayload.safeParse({ answers: null, fillToken: form.get("fillToken"), website: form.get("website") ?? undefined });
  if (!survey || !parsed.success) return errorResponse(400, t("survey.error.rejected"));
  const answers = nativeAnswers(channel.json, survey, form);
  const native: NativeState = { answers, visible: visibleNames(channel.json, answers), fillToken: parsed.data.fillToken };
  const checked = pageInput(request, code, { ...parsed.data, answers });
  if ("refused" in checked) return errorResponse(400, checked.refused, native);
  const shown = new Set(form.getAll("shown"));
  if (native.visible.some((name) => !shown.has(name))) return errorResponse(200, t("survey.native.revealed"), native);
  return { ...checked, native };
}

type Checked = { input: SubmitInput } | { refused: string };

/** The bot checks of a page post (honeypot, signed fill token, minimum fill time): its input, or why it is refused (400). */
function pageInput(request: Request, code: string, payload: { answers?: unknown; fillToken: string; website?: string }): Checked {
  if (payload.website) return { refused: t("survey.error.rejected") };
  const token = readFillToken(payload.fillToken, code);
  if (token === null) return { refused: t("survey.error.rejected") };
  if (token.durationMs < MIN_FILL_MS) return { refused: t("survey.error.tooFast") };
  const { durationMs, nonce, device } = token;
  return { input: { code, answers: payload.answers, clientKey: readBrowserId(request), durationMs, nonce, device } };
}
