import { t } from "~/locales";
import { MIN_RESPONDENTS } from "~/modules/reports/satisfaction";

/** 方法說明: what the satisfaction figures are, and what their intervals do not promise. */
export function SatisfactionMethods() {
  return (
    <section aria-labelledby="methods-title">
      <h2 id="methods-title">{t("methods.title")}</h2>
      <ul className="muted">
        <li>{t("methods.unit")}</li>
        <li>{t("methods.interval")}</li>
        <li>{t("methods.sampling")}</li>
        <li>{t("methods.minimum", { min: MIN_RESPONDENTS })}</li>
        <li>{t("methods.duplicates")}</li>
      </ul>
    </section>
  );
}
