import { Form } from "@remix-run/react";
import { t } from "~/locales";

/** A GET form choosing the month a page shows (?month=YYYY-MM). */
export function MonthPicker({ month }: { month: string }) {
  return (
    <Form method="get" className="inline-form no-print">
      <div>
        <label htmlFor="month">{t("office.month")}</label>
        <input id="month" name="month" type="month" defaultValue={month} />
      </div>
      <button type="submit" className="secondary">
        {t("office.show")}
      </button>
    </Form>
  );
}
