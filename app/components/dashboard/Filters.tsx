import { Form } from "@remix-run/react";
import { useState } from "react";
import { t } from "~/locales";
import { DASHBOARD_DIMENSIONS, MARGIN_CHOICES } from "~/modules/reports/dashboard";
import { dimensionLabel, officeKindLabel, type DashboardView } from "./types";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Years offered: the five up to the current one, and whatever year a shared link asks for. */
function yearChoices(selected: number, current: number): number[] {
  return [...new Set([selected, ...Array.from({ length: 5 }, (_, i) => current - i)])].sort((a, b) => b - a);
}

function Select({
  name,
  label,
  value,
  onChange,
  children,
}: {
  name: string;
  label: string;
  value?: string;
  onChange?: (v: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        name={name}
        {...(onChange
          ? { value, onChange: (e: React.ChangeEvent<HTMLSelectElement>) => onChange(e.target.value) }
          : { defaultValue: value })}
      >
        {children}
      </select>
    </div>
  );
}

/**
 * The dashboard's GET form: every filter lands in the URL, so a view can be shared as a
 * link. Offices are offered for the chosen kind only; choosing another kind clears the
 * office, so the form never asks for an office of another kind.
 */
export function Filters({ d }: { d: DashboardView }) {
  const f = d.filters;
  const [kind, setKind] = useState(f.kind ?? "");
  const [office, setOffice] = useState(f.office === null ? "" : String(f.office));
  const offices = d.choices.offices.filter((o) => kind === "" || o.kind === kind);
  return (
    <Form method="get" className="inline-form no-print" aria-label={t("dashboard.filter.title")}>
      {!d.manager && (
        <>
          <Select
            name="kind"
            label={t("dashboard.filter.kind")}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setOffice("");
            }}
          >
            <option value="">{t("dashboard.filter.allKinds")}</option>
            {d.choices.kinds.map((k) => (
              <option key={k} value={k}>
                {officeKindLabel(k)}
              </option>
            ))}
          </Select>
          <Select name="office" label={t("dashboard.filter.office")} value={office} onChange={setOffice}>
            <option value="">{t("dashboard.filter.allOffices")}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </>
      )}
      <Select name="year" label={t("dashboard.filter.year")} value={String(f.year)}>
        {yearChoices(f.year, d.currentYear).map((y) => (
          <option key={y} value={y}>
            {t("dashboard.filter.yearOption", { year: y - 1911 })}
          </option>
        ))}
      </Select>
      {(["from", "to"] as const).map((name) => (
        <Select key={name} name={name} label={t(`dashboard.filter.${name}`)} value={String(f[name])}>
          {MONTHS.map((m) => (
            <option key={m} value={m}>
              {t("dashboard.filter.monthOption", { month: m })}
            </option>
          ))}
        </Select>
      ))}
      {d.choices.questionnaires.length > 1 && (
        <Select name="survey" label={t("dashboard.filter.survey")} value={String(d.questionnaire?.id ?? "")}>
          {d.choices.questionnaires.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title}
            </option>
          ))}
        </Select>
      )}
      <Select name="dimension" label={t("dashboard.filter.dimension")} value={f.dimension}>
        {DASHBOARD_DIMENSIONS.map((dim) => (
          <option key={dim} value={dim}>
            {dimensionLabel(dim)}
          </option>
        ))}
      </Select>
      <Select name="margin" label={t("dashboard.filter.margin")} value={String(f.margin)}>
        {MARGIN_CHOICES.map((m) => (
          <option key={m} value={m}>
            {t("dashboard.filter.marginOption", { margin: m })}
          </option>
        ))}
      </Select>
      <button type="submit" className="secondary">
        {t("office.show")}
      </button>
    </Form>
  );
}
