import { InsufficientSuffix } from "~/components/FigureCells";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import { points } from "~/modules/reports/dashboard";
import { formatInterval, formatPercent, MIN_RESPONDENTS } from "~/modules/reports/satisfaction";
import { dimensionLabel, officeKindLabel, type DashboardView } from "./types";

const score = (v: number | null) => (v === null ? "—" : v.toFixed(1));

/** 各機關滿意度: per office n, share with its Wilson interval and margin, the 0-100 mean with its t interval, and the peer rank. */
export function SatisfactionPanel({ d }: { d: DashboardView }) {
  return (
    <section aria-labelledby="panel-satisfaction">
      <h2 id="panel-satisfaction">{t("dashboard.satisfaction.title")}</h2>
      <p className="muted">{t("dashboard.subtitle", { dimension: dimensionLabel(d.filters.dimension), period: d.periodLabel })}</p>
      <div className="table-wrap">
        <table data-testid="satisfaction-table">
          <TableHead
            columns={[
              t("office.office"),
              t("dashboard.filter.kind"),
              num("n"),
              num(t("office.satisfied")),
              num(t("figures.ci95")),
              num(t("dashboard.satisfaction.margin")),
              num(t("office.score")),
              num(t("dashboard.satisfaction.scoreInterval")),
              num(t("results.rank")),
            ]}
          />
          <tbody>
            {d.rows.map((r) => {
              const f = r.current;
              const cls = f?.sufficient ? "num" : "num muted";
              return (
                <tr key={r.office.id} data-office={r.office.id}>
                  <td>{r.office.name}</td>
                  <td>{officeKindLabel(r.office.kind)}</td>
                  <td className={cls}>{f?.n ?? 0}</td>
                  <td className={cls}>
                    {f ? formatPercent(f.satisfied) : t("figures.noData")}
                    <InsufficientSuffix show={!!f && !f.sufficient} />
                  </td>
                  <td className={cls}>{f ? formatInterval(f) : "—"}</td>
                  <td className={cls}>{r.margin95 === null ? "—" : t("dashboard.points.plusMinus", { points: points(r.margin95) })}</td>
                  <td className={cls}>{score(f?.score ?? null)}</td>
                  <td className={cls}>{r.scoreLower === null ? "—" : `${score(r.scoreLower)}–${score(r.scoreUpper)}`}</td>
                  <td className={cls}>{r.rank ? t("office.rankOf", r.rank) : t("office.unranked")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("dashboard.satisfaction.note", { min: MIN_RESPONDENTS })}</p>
    </section>
  );
}
