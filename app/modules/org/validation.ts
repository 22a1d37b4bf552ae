import { z } from "~/utils/zod";
import type { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { t } from "~/locales";
import { invalidFields, type FieldErrors } from "~/utils/errors";
import { parseId } from "~/utils/ids";
import { OFFICE_KINDS } from "./office-kinds";
import { passwordProblem } from "./password-policy";
import { ROLES } from "./roles";

/** Parses form fields with a schema, throwing AppError with zh-TW messages per field. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData | Record<string, unknown>): z.output<S> {
  const raw = form instanceof FormData ? Object.fromEntries(form) : form;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // No prototype: a field named "constructor" must not find an inherited member.
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  throw invalidFields(errors);
}

/** Prisma's unique-constraint (P2002) and foreign-key (P2003) failures, told apart by code. */
function hasPrismaCode(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;
}

type ConstraintErrors = { unique?: FieldErrors; foreignKey?: FieldErrors };

/**
 * Runs writes in one transaction and turns a database constraint failure into field errors.
 * Each caller's writes touch one unique constraint, so the code alone says which field was at fault.
 */
export async function guardedTransaction<T>(
  db: Db,
  errors: ConstraintErrors,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  try {
    return await db.$transaction(work);
  } catch (e) {
    if (errors.unique && hasPrismaCode(e, "P2002")) throw invalidFields(errors.unique);
    if (errors.foreignKey && hasPrismaCode(e, "P2003")) throw invalidFields(errors.foreignKey);
    throw e;
  }
}

// Field builders. Every message is set here so zod's English defaults never reach the page.
const invalidChoice = () => t("admin.form.invalidChoice");

function text(max: number) {
  return z
    .string({ required_error: t("error.required"), invalid_type_error: t("error.required") })
    .trim()
    .min(1, t("error.required"))
    .max(max, t("admin.form.tooLong", { max }));
}

function optionalText(max: number) {
  return z
    .string({ invalid_type_error: t("error.required") })
    .trim()
    .max(max, t("admin.form.tooLong", { max }))
    .default("");
}

/** A row id from a select or hidden field. */
export const idField = z
  .string({ required_error: invalidChoice(), invalid_type_error: invalidChoice() })
  .trim()
  .refine((v) => parseId(v) !== null, invalidChoice())
  .transform(Number);

/** An optional row id: the empty option means none. */
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), idField.nullable());

/** An HTML checkbox: present ("on") when ticked, absent when not. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/**
 * An optional whole number within bounds: empty means not recorded (null). The text is
 * checked before Number() so "1.5", "1e3" and "0x10" are refused rather than coerced;
 * full-width digits (a Chinese input method's) and thousands separators are accepted.
 */
function optionalWholeNumber(min: number, max: number, messages: { notWhole: string; range: string }) {
  return z.preprocess(
    (v) => {
      if (v === undefined) return "";
      if (typeof v !== "string") return v;
      const text = v.normalize("NFKC").trim();
      return /^\d{1,3}(,\d{3})+$/.test(text) ? text.replaceAll(",", "") : text;
    },
    z
      .string({ invalid_type_error: messages.notWhole })
      .regex(/^(-?\d{1,12})?$/, messages.notWhole)
      .transform((v) => (v === "" ? null : Number(v)))
      .refine((v) => v === null || (v >= min && v <= max), messages.range),
  );
}

function choice<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { errorMap: () => ({ message: invalidChoice() }) });
}

export const officeSchema = z.object({
  name: text(100),
  kind: choice(OFFICE_KINDS),
  city: text(20),
  district: text(20),
  authorityId: idField,
  peerGroupId: optionalId,
  phone: optionalText(30).refine((v) => /^[0-9 +\-()#]*$/.test(v), t("admin.office.invalidPhone")),
  address: optionalText(200),
  // For the finite-population correction of the office's sampling plan.
  yearlyVisitors: optionalWholeNumber(1, 100_000_000, {
    notWhole: t("admin.office.yearlyVisitorsNotWhole"),
    range: t("admin.office.yearlyVisitorsRange"),
  }),
});
export type OfficeInput = z.output<typeof officeSchema>;

export const officeUpdateSchema = officeSchema.extend({ active: checkbox });
export type OfficeUpdate = z.output<typeof officeUpdateSchema>;

export const unitCreateSchema = z.object({ name: text(50), isSwitchboard: checkbox });
export type UnitInput = z.output<typeof unitCreateSchema>;

export const unitRenameSchema = z.object({ unitId: idField, name: text(50) });
export type UnitRename = z.output<typeof unitRenameSchema>;

export const extensionCreateSchema = z.object({
  unitId: idField,
  number: z
    .string({ required_error: t("error.required") })
    .trim()
    .regex(/^[0-9#*]{1,10}$/, t("admin.extension.invalidNumber")),
  label: optionalText(50),
});
export type ExtensionInput = z.output<typeof extensionCreateSchema>;

export const extensionDeleteSchema = z.object({ extensionId: idField });

/** A new password: the policy's rules that need no account; the e-mail rule is checked with the account. */
const password = z.string({ required_error: t("admin.user.passwordTooShort") }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const scopeFields = {
  role: choice(ROLES),
  authorityId: optionalId,
  officeId: optionalId,
  unitId: optionalId,
};

type ScopeInput = { role: (typeof ROLES)[number]; authorityId: number | null; officeId: number | null; unitId: number | null };

/** Analysts need an authority, office staff an office; a unit only makes sense with an office. */
function checkScope(v: ScopeInput, ctx: z.RefinementCtx) {
  if (v.role === "analyst" && v.authorityId === null)
    ctx.addIssue({ code: "custom", path: ["authorityId"], message: t("admin.user.authorityRequired") });
  if ((v.role === "manager" || v.role === "evaluator") && v.officeId === null)
    ctx.addIssue({ code: "custom", path: ["officeId"], message: t("admin.user.officeRequired") });
}

/** Keeps only the scope columns that mean something for the role, so stale ones never linger. */
function normaliseScope<T extends ScopeInput>(v: T): T {
  switch (v.role) {
    case "admin":
      return { ...v, authorityId: null, officeId: null, unitId: null };
    case "analyst":
      return { ...v, officeId: null, unitId: null };
    default:
      return { ...v, authorityId: null };
  }
}

export const userCreateSchema = z
  .object({
    email: z
      .string({ required_error: t("error.required") })
      .trim()
      .toLowerCase()
      .max(200, t("admin.form.tooLong", { max: 200 }))
      .email(t("admin.user.invalidEmail")),
    name: text(100),
    password,
    ...scopeFields,
  })
  .superRefine(checkScope)
  .superRefine((v, ctx) => {
    // The field's own rules have spoken already; only the rule that needs the e-mail is left.
    if (passwordProblem(v.password) !== null) return;
    const problem = passwordProblem(v.password, v.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  })
  .transform(normaliseScope);
export type UserCreate = z.output<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({ name: text(100), active: checkbox, ...scopeFields })
  .superRefine(checkScope)
  .transform(normaliseScope);
export type UserUpdate = z.output<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({ password });

export const tokenRevokeSchema = z.object({ tokenId: idField });
