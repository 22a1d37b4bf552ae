import { t } from "~/locales";

/**
 * The zh-TW message for JSON an admin typed that does not parse. The parser's own text is
 * English; only the position it names is passed on, as the line to look at.
 */
export function jsonSyntaxMessage(text: string, error: unknown): string {
  const at = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return at ? t("error.jsonAt", { line: text.slice(0, Number(at[1])).split("\n").length }) : t("error.json");
}
