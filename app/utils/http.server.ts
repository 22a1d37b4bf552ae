import { FORBIDDEN_KEYS, jsonDepthProblem, jsonValueProblem, textProblem } from "./json-bounds";
import { bodyLimit, DRAIN_MAX_BYTES } from "./body-limit.server";
import { json } from "@remix-run/node";
import type { ZodType } from "zod";
import { t } from "~/locales";
import { parseId } from "./ids";

/** A JSON error body with a zh-TW message, the shape every API and action error uses. */
export function errorResponse(status: number, message: string, extra?: Record<string, unknown>, headers?: HeadersInit) {
  return json({ error: message, ...extra }, { status, headers });
}

/** A numeric route parameter, or 404 before any query runs. */
export function idParam(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw errorResponse(404, t("error.notFound"));
  return id;
}

/** Thrown inside loaders and actions; Remix turns a thrown Response into the reply. */
export class HttpError extends Response {}

/**
 * Reads a request body, refusing more than `maxBytes` with 413 before it is buffered
 * whole: the stream is counted, so a chunked body is bounded like a declared one. Past the
 * limit the rest is read and dropped (up to DRAIN_MAX_BYTES), so the client gets its 413
 * on a connection that still works instead of a reset.
 */
async function readLimitedBytes(request: Request, maxBytes: number, message: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > DRAIN_MAX_BYTES) {
      await reader.cancel();
      throw errorResponse(413, message, undefined, { Connection: "close" });
    }
    if (total <= maxBytes) chunks.push(value);
  }
  if (total > maxBytes) throw errorResponse(413, message);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A body as strict UTF-8 text, within `maxBytes` (413) and with no invalid byte sequence (400). */
async function readLimitedText(request: Request, maxBytes: number, message: string): Promise<string> {
  const bytes = await readLimitedBytes(request, maxBytes, message);
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw errorResponse(400, t("error.badEncoding"));
  }
}

// A byte sequence that is not UTF-8 is refused, never silently replaced with U+FFFD.
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The one reader of JSON bodies: `application/json` only (415, so a cross-site form cannot
 * post here), at most `maxBytes` (413), strict UTF-8, bounded nesting and keys, no
 * prototype keys, NUL characters or lone surrogates (400, each named in zh-TW).
 */
export async function readJson(request: Request, maxBytes: number, tooLarge: string): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) throw errorResponse(415, t("error.jsonType"));
  const text = await readLimitedText(request, maxBytes, tooLarge);
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw errorResponse(400, tooDeep);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw errorResponse(400, t("survey.error.invalidJson"));
  }
  const problem = jsonValueProblem(value);
  if (problem) throw errorResponse(400, problem);
  return value;
}

const FORM_MAX_FIELDS = 1_000;

/** `a=1&b=2` with every escape decoded as strict UTF-8 (an invalid sequence or an encoded lone surrogate is a 400). */
function parseUrlEncoded(text: string): FormData {
  const form = new FormData();
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      form.append(decodeURIComponent(name.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " ")));
    } catch {
      throw errorResponse(400, t("error.badEncoding"));
    }
  }
  return form;
}

/**
 * The one reader of form bodies: urlencoded or multipart only (415 for JSON or text posted
 * at a form); at most `maxBytes`, by default the route class's limit (413, chunked or
 * not); strict UTF-8, no NUL, no prototype field names and at most 1,000 fields (400, each
 * named in zh-TW); a malformed body is a 400, never an exception. Multipart text fields
 * are decoded by the platform, which replaces bad bytes with U+FFFD: such a field is
 * refused as bad encoding too.
 */
export async function readForm(request: Request, maxBytes?: number, tooLarge?: string): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data\b/i.test(type);
  if (!multipart && !/^application\/x-www-form-urlencoded\b/i.test(type)) throw errorResponse(415, t("error.formType"));
  const limit = maxBytes ?? bodyLimit(new URL(request.url).pathname);
  const message = tooLarge ?? t("error.payloadTooLarge", { kb: Math.round(limit / 1024) });
  let form: FormData;
  if (multipart) {
    const bytes = await readLimitedBytes(request, limit, message);
    try {
      form = await new Response(bytes, { headers: { "Content-Type": type } }).formData();
    } catch {
      throw errorResponse(400, t("error.badForm"));
    }
  } else form = parseUrlEncoded(await readLimitedText(request, limit, message));
  let fields = 0;
  for (const [name, value] of form) {
    fields += 1;
    if (fields > FORM_MAX_FIELDS) throw errorResponse(400, t("error.jsonTooManyKeys", { max: FORM_MAX_FIELDS }));
    if (FORBIDDEN_KEYS.has(name)) throw errorResponse(400, t("error.forbiddenKey", { key: name }));
    if (typeof value !== "string") continue;
    const problem = textProblem(name) ?? textProblem(value);
    if (problem) throw errorResponse(400, problem);
    if (multipart && (value.includes("\ufffd") || name.includes("\ufffd"))) throw errorResponse(400, t("error.badEncoding"));
  }
  return form;
}

export type AppLoadContext = { clientIp?: string; cspNonce?: string };

/** The client's address as the Express server saw it (honouring TRUST_PROXY). */
export function clientIp(request: Request, context: unknown): string {
  const fromServer = (context as AppLoadContext | undefined)?.clientIp;
  return fromServer || request.headers.get("x-forwarded-for")?.split(",")[0].trim() || "unknown";
}

/**
 * Reads a JSON body of at most `maxBytes` and checks it against a schema. Failures come
 * back as a ready 413 or 400 response (not thrown), so a fetcher's page can show them.
 */
export async function readJsonBody<T>(
  request: Request,
  schema: ZodType<T>,
  maxBytes = 64 * 1024,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = await readJson(request, maxBytes, t("error.payloadTooLarge", { kb: Math.round(maxBytes / 1024) }));
  } catch (e) {
    if (e instanceof Response) return { ok: false, response: e };
    throw e;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: errorResponse(400, t("error.badRequest")) };
  return { ok: true, data: parsed.data };
}
