import { json } from "@remix-run/node";
import { t } from "~/locales";
import { errorResponse } from "~/utils/http.server";
import { AppError, type FieldErrors } from "~/utils/errors";

/** What every admin form action answers, so pages show errors beside the fields. */
export type FormResult = { ok: boolean; intent: string; target?: string; errors: FieldErrors; message?: string };

/** `target` names which of several same-intent forms on a page (e.g. which unit) was sent. */
export function formOk(intent: string, message: string, target?: string) {
  return json<FormResult>({ ok: true, intent, target, errors: {}, message });
}

/** A row looked up from the route's id, or 404. */
export function found<T>(row: T | null): T {
  if (row === null) throw errorResponse(404, t("error.notFound"));
  return row;
}

/**
 * Runs one form intent: validation and business-rule failures become 400 with field
 * errors, a missing or foreign row becomes 404, anything else is a real error.
 */
export async function runForm(intent: string, handle: () => Promise<Response>, target?: string): Promise<Response> {
  try {
    return await handle();
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw errorResponse(404, e.message);
    if (e instanceof AppError)
      return json<FormResult>({ ok: false, intent, target, errors: e.fields, message: e.message }, { status: e.status });
    throw e;
  }
}

/** The answer to an `intent` value no handler knows. */
export function unknownIntent(intent: string) {
  return json<FormResult>({ ok: false, intent, errors: { intent: [t("admin.form.unknownIntent")] } }, { status: 400 });
}
