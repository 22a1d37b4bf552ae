import { t } from "~/locales";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const MIN_DISTINCT = 5;

const common = new Set(COMMON_PASSWORDS);

/** True when each character is the one before plus or minus one (1234567890, abcdef, 9876…). */
function isRun(text: string): boolean {
  const codes = [...text.toLowerCase()].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
  // "0" follows "9" on a keyboard row, so 1234567890 counts as a run.
  steps.delete(-9);
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/**
 * Why a new password is refused, in zh-TW, or null when it will do. Beyond the length:
 * no password from the leaked-password lists, no run or near-repeat of a few characters,
 * and nothing built on the account's own e-mail address.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return t("admin.user.passwordTooShort");
  if (password.length > PASSWORD_MAX) return t("admin.form.tooLong", { max: PASSWORD_MAX });
  const lower = password.toLowerCase();
  if (common.has(lower) || isRun(lower)) return t("admin.user.passwordCommon");
  if (new Set(lower).size < MIN_DISTINCT) return t("admin.user.passwordRepetitive", { n: MIN_DISTINCT });
  const local = email?.trim().toLowerCase().split("@")[0] ?? "";
  if (local.length >= 3 && lower.includes(local)) return t("admin.user.passwordEmail");
  return null;
}
