import { t } from "~/locales";
import { jsonSyntaxMessage } from "./json-text";

// Bounds on JSON from outside (request bodies, an admin's questionnaire or scale): deep
// nesting would exhaust the recursion of JSON.parse and of SurveyJS, and prototype keys,
// NUL characters and lone surrogates have no business in answers or definitions.
/** Nesting and size a JSON body may have: our bodies are flat answers, a few levels deep. */
export const JSON_MAX_DEPTH = 32;
const JSON_MAX_KEYS = 5_000;
/** Keys and form field names that reach JavaScript's prototypes: refused in every body. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why JSON text nests too deep for JSON.parse and the code after it (checked before parsing), or null. */
export function jsonDepthProblem(text: string): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      depth += 1;
      if (depth > JSON_MAX_DEPTH) return t("error.jsonTooDeep", { max: JSON_MAX_DEPTH });
    } else if (c === "}" || c === "]") depth -= 1;
  }
  return null;
}

/** Why a text from outside is refused (a NUL or a lone surrogate), or null. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return t("error.nulCharacter");
  if (LONE_SURROGATE.test(text)) return t("error.loneSurrogate");
  return null;
}

/** Why a parsed JSON value is refused (too many keys, a key reaching JavaScript's prototypes, a NUL or a lone surrogate), or null. */
export function jsonValueProblem(value: unknown): string | null {
  const stack: unknown[] = [value];
  let keys = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) return problem;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      for (const [key, inner] of Object.entries(v)) {
        keys += 1;
        if (keys > JSON_MAX_KEYS) return t("error.jsonTooManyKeys", { max: JSON_MAX_KEYS });
        if (FORBIDDEN_KEYS.has(key)) return t("error.forbiddenKey", { key });
        stack.push(key, inner);
      }
    }
  }
  return null;
}

/** An admin's JSON text (questionnaire, scale) parsed within the bounds, or the zh-TW reason it is refused. */
export function parseBoundedJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) return { ok: false, error: tooDeep };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: jsonSyntaxMessage(text, e) };
  }
  const unsafe = jsonValueProblem(value);
  return unsafe ? { ok: false, error: unsafe } : { ok: true, value };
}
