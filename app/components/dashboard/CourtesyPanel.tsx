import { ChartFigure } from "~/components/ChartFigure";
import { InsufficientSuffix } from "~/components/FigureCells";
import { TrendChart } from "~/components/TrendChart";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import { MIN_CALLS, tooFewCalls } from "~/modules/courtesy/results";
import { rocMonthLabel } from "~/utils/dates";
import type { DashboardView } from "./types";

const score = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(1));

/** 電話禮貌測試: each office's mean score, band distribution and peer rank, and the selected office's monthly mean. */
export function CourtesyPanel({ d }: { d: DashboardView }) {
  const { bands, offices, trend } = d.courtesy;
  const tested = trend.filter((m) => m.figure !== null);
  const calls = tested.reduce((s, m) => s + m.figure!.n, 0);
  return (
    <section aria-labelledby="panel-courtesy">
      <h2 id="panel-courtesy">{t("dashboard.courtesy.title")}</h2>
      <p className="muted">{t("dashboard.courtesy.period", { period: d.periodLabel })}</p>
      <div className="table-wrap">
        <table data-testid="courtesy-table">
          <TableHead
            columns={[
              t("office.office"),
              num(t("results.calls")),
              num(t("results.mean")),
              num(t("results.ci95")),
              ...bands.map((b) => num(t("dashboard.courtesy.band", { band: b }))),
              num(t("results.rank")),
            ]}
          />
          <tbody>
            {offices.map((o) => {
              const few = tooFewCalls(o.figure);
              const cls = few ? "num muted" : "num";
              return (
                <tr key={o.id} data-office={o.id}>
                  <td>{o.name}</td>
                  <td className={cls}>{o.figure?.n ?? 0}</td>
                  <td className={cls}>
                    {score(o.figure?.mean)}
                    <InsufficientSuffix show={few} />
                  </td>
                  <td className={cls}>{o.figure?.lower == null ? "—" : `${score(o.figure.lower)}–${score(o.figure.upper)}`}</td>
                  {bands.map((b) => (
                    <td key={b} className="num">
                      {o.bands[b] ?? 0}
                    </td>
                  ))}
                  <td className={cls}>{o.rank ? t("results.rankOf", o.rank) : t("office.unranked")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("results.method", { min: MIN_CALLS })}</p>
      {d.selected && (
        <>
          <h3>{t("dashboard.courtesy.trend", { office: d.selected.name })}</h3>
          {tested.length === 0 ? (
            <p className="muted">{t("results.noCalls")}</p>
          ) : (
            <ChartFigure
              caption={t("dashboard.courtesy.trendCaption", { n: calls, months: tested.length })}
              chart={
                <TrendChart
                  unit="score"
                  ariaLabel={t("dashboard.courtesy.trend", { office: d.selected.name })}
                  seriesLabel={t("results.trendSeries")}
                  intervalLabel={t("results.ci95")}
                  points={trend.map((m) => ({
                    label: rocMonthLabel(m.month),
                    value: m.figure?.mean ?? null,
                    lower: m.figure?.lower ?? null,
                    upper: m.figure?.upper ?? null,
                    n: m.figure?.n ?? 0,
                  }))}
                />
              }
              table={
                <table data-testid="courtesy-trend-table">
                  <TableHead columns={[t("office.month"), num(t("results.calls")), num(t("results.mean")), num(t("results.ci95"))]} />
                  <tbody>
                    {trend.map((m) => (
                      <tr key={m.month}>
                        <td>{rocMonthLabel(m.month)}</td>
                        <td className="num">{m.figure?.n ?? 0}</td>
                        <td className="num">{score(m.figure?.mean)}</td>
                        <td className="num">{m.figure?.lower == null ? "—" : `${score(m.figure.lower)}–${score(m.figure.upper)}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </>
      )}
    </section>
  );
}
