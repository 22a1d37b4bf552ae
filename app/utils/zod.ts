import { z, ZodIssueCode, type ZodErrorMap } from "zod";
import { t } from "~/locales";

/**
 * zod's own messages are English and would reach the page whenever a schema gives no
 * message of its own; this map answers every such issue in zh-TW. Import `z` from here,
 * never from "zod" (the lint config enforces it), so the map is always installed.
 */
const zhTW: ZodErrorMap = (issue) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === "undefined" || issue.received === "null" ? t("error.required") : t("error.invalidValue") };
    case ZodIssueCode.too_small:
      if (issue.type === "string")
        return { message: Number(issue.minimum) <= 1 ? t("error.required") : t("error.tooShort", { min: Number(issue.minimum) }) };
      if (issue.type === "number" || issue.type === "bigint") return { message: t("error.tooSmall", { min: Number(issue.minimum) }) };
      return { message: t("error.required") };
    case ZodIssueCode.too_big:
      if (issue.type === "string") return { message: t("admin.form.tooLong", { max: Number(issue.maximum) }) };
      if (issue.type === "number" || issue.type === "bigint") return { message: t("error.tooBig", { max: Number(issue.maximum) }) };
      return { message: t("error.tooMany", { max: Number(issue.maximum) }) };
    case ZodIssueCode.invalid_enum_value:
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: t("admin.form.invalidChoice") };
    case ZodIssueCode.invalid_date:
      return { message: t("error.invalidDate") };
    case ZodIssueCode.not_multiple_of:
    case ZodIssueCode.not_finite:
      return { message: t("error.invalidValue") };
    default:
      // A refinement given a message never gets here; one without, and the rest, get the generic one.
      return { message: t("error.invalidValue") };
  }
};

z.setErrorMap(zhTW);

export { z };
