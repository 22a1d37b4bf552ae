import { createHmac, timingSafeEqual } from "node:crypto";
import { t } from "~/locales";
import { sessionSecret } from "./env.server";
import { errorResponse } from "./http.server";
import { CSRF_FIELD } from "./csrf";
import { sessionUser } from "./session.server";

function tokenFor(session: { id: string }): string {
  return createHmac("sha256", sessionSecret()).update(`csrf:${session.id}`).digest("base64url");
}

/**
 * A token bound to this sign-in, for the page's forms. SameSite=Lax does not stop a page
 * on another port of the same host, and Remix checks no origin on fetcher posts, so a
 * state-changing action asks for this token, which no other page can read.
 */
export async function csrfToken(request: Request): Promise<string> {
  const session = await sessionUser(request);
  return session ? tokenFor(session) : "";
}

/** Throws 403 unless the form carries this sign-in's token. */
export async function requireCsrf(request: Request, form: FormData): Promise<void> {
  const session = await sessionUser(request);
  const given = Buffer.from(String(form.get(CSRF_FIELD) ?? ""));
  const expected = Buffer.from(session ? tokenFor(session) : "");
  if (!session || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw errorResponse(403, t("error.csrf"));
  }
}
