import { t } from "~/locales";

export type FieldErrors = Record<string, string[]>;
export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

/**
 * The one error a module throws for a request it refuses: the HTTP status and the zh-TW
 * message the person sees, and per-field messages for forms. Anything else thrown is a
 * real defect and becomes a 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/** Invalid form fields: 400 with a message per field. */
export function invalidFields(fields: FieldErrors): AppError {
  return new AppError(400, t("error.validation"), fields);
}

/** A row that does not exist or lies outside the user's scope: 404, so ids do not leak. */
export function notFound(): AppError {
  return new AppError(404, t("error.notFound"));
}
