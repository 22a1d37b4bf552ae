import { ChartFigure } from "~/components/ChartFigure";
import { DivergingBarChart, optionLabel } from "~/components/DivergingBarChart";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import { ANSWER_OPTIONS } from "~/modules/reports/dashboard";
import { formatPercent } from "~/modules/reports/satisfaction";
import { dimensionLabel, type DashboardView } from "./types";

/** 答題分布: the five options per dimension as diverging stacked bars, with the counts and shares. */
export function AnswersPanel({ d }: { d: DashboardView }) {
  const total = d.answers.reduce((s, a) => s + a.total, 0);
  return (
    <section aria-labelledby="panel-answers">
      <h2 id="panel-answers">{t("dashboard.answers.title")}</h2>
      {d.answers.length === 0 ? (
        <p className="muted">{t("figures.noData")}</p>
      ) : (
        <ChartFigure
          height={Math.max(180, 44 * d.answers.length + 80)}
          caption={t("dashboard.answers.caption", { offices: d.rows.length, period: d.periodLabel, n: total })}
          chart={
            <DivergingBarChart
              ariaLabel={t("dashboard.answers.title")}
              rows={d.answers.map((a) => ({ label: dimensionLabel(a.dimension), shares: a.shares }))}
            />
          }
          table={
            <table data-testid="answers-table">
              <TableHead
                columns={[t("office.dimension"), ...ANSWER_OPTIONS.map((v) => num(optionLabel(v))), num(t("dashboard.answers.total"))]}
              />
              <tbody>
                {d.answers.map((a) => (
                  <tr key={a.dimension}>
                    <td>{dimensionLabel(a.dimension)}</td>
                    {a.counts.map((c, i) => (
                      <td key={i} className="num">
                        {t("dashboard.answers.cell", { count: c, share: formatPercent(a.shares[i]) })}
                      </td>
                    ))}
                    <td className="num">{a.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}
