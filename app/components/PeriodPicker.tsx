import { Form } from "@remix-run/react";
import { t } from "~/locales";
import { PERIOD_SPANS, type SurveyPeriod } from "~/modules/reports/period";

type Props = {
  period: SurveyPeriod;
  /** Questionnaires to choose from; the selector shows when there is more than one. */
  questionnaires?: Array<{ id: number; title: string }>;
  questionnaireId?: number | null;
};

/** A GET form choosing the satisfaction period (?month=YYYY-MM&span=1|3) and questionnaire (?survey=ID). */
export function PeriodPicker({ period, questionnaires = [], questionnaireId = null }: Props) {
  return (
    <Form method="get" className="inline-form no-print">
      <div>
        <label htmlFor="month">{t("period.lastMonth")}</label>
        <input id="month" name="month" type="month" defaultValue={period.month} />
      </div>
      <div>
        <label htmlFor="span">{t("period.span")}</label>
        <select id="span" name="span" defaultValue={String(period.span)}>
          {PERIOD_SPANS.map((s) => (
            <option key={s} value={s}>
              {t(s === 1 ? "period.span.1" : "period.span.3")}
            </option>
          ))}
        </select>
      </div>
      {questionnaires.length > 1 && (
        <div>
          <label htmlFor="survey">{t("office.questionnaire")}</label>
          <select id="survey" name="survey" defaultValue={questionnaireId ?? undefined}>
            {questionnaires.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="secondary">
        {t("office.show")}
      </button>
    </Form>
  );
}
