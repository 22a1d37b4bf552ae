import { ChartFigure } from "~/components/ChartFigure";
import { PChart } from "~/components/PChart";
import { TrendChart } from "~/components/TrendChart";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import { formatP, points } from "~/modules/reports/dashboard";
import { formatInterval, formatPercent } from "~/modules/reports/satisfaction";
import { rocMonthLabel } from "~/utils/dates";
import { dimensionLabel, type DashboardView, type FigureRow } from "./types";

const VERDICT = { up: "dashboard.trend.up", down: "dashboard.trend.down", none: "dashboard.trend.none" } as const;

function Verdict({ row }: { row: FigureRow }) {
  const trend = row.trend;
  if (!trend) return <p data-testid="trend-verdict">{t("dashboard.trend.tooShort")}</p>;
  const slope = trend.senPerYear >= 0 ? `+${points(trend.senPerYear)}` : points(trend.senPerYear);
  return (
    <p data-testid="trend-verdict">
      <strong>{t(VERDICT[trend.verdict])}</strong>
      {t("dashboard.trend.verdict", { months: trend.months, tau: trend.tau.toFixed(3), p: formatP(trend.p), slope })}
    </p>
  );
}

/** 趨勢: the selected office's monthly share with its interval band, its p-chart and the Mann–Kendall verdict. */
export function TrendPanel({ d }: { d: DashboardView }) {
  const row = d.rows.find((r) => r.office.id === d.selected?.id);
  const monthly = row?.monthly ?? [];
  const total = monthly.reduce((s, m) => s + m.n, 0);
  const outside = monthly.filter((m) => m.outOfControl).map((m) => rocMonthLabel(m.month));
  return (
    <section aria-labelledby="panel-trend">
      <h2 id="panel-trend">{t("dashboard.trend.title")}</h2>
      {!row || monthly.length === 0 ? (
        <p className="muted">{t("dashboard.trend.noData", { office: d.selected?.name ?? "" })}</p>
      ) : (
        <>
          <h3>{t("dashboard.trend.office", { office: row.office.name, dimension: dimensionLabel(row.dimension) })}</h3>
          <ChartFigure
            caption={t("dashboard.trend.shareCaption", { n: total, months: monthly.length })}
            chart={
              <TrendChart
                ariaLabel={t("dashboard.trend.office", { office: row.office.name, dimension: dimensionLabel(row.dimension) })}
                seriesLabel={t("dashboard.trend.series")}
                intervalLabel={t("figures.ci95")}
                points={monthly.map((m) => ({ label: rocMonthLabel(m.month), value: m.share, lower: m.lower, upper: m.upper, n: m.n }))}
              />
            }
            table={
              <table data-testid="trend-table">
                <TableHead columns={[t("office.month"), num("n"), num(t("office.satisfied")), num(t("figures.ci95"))]} />
                <tbody>
                  {monthly.map((m) => (
                    <tr key={m.month}>
                      <td>{rocMonthLabel(m.month)}</td>
                      <td className="num">{m.n}</td>
                      <td className="num">{formatPercent(m.share)}</td>
                      <td className="num">{formatInterval(m)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <Verdict row={row} />
          <h3>{t("dashboard.trend.pchart")}</h3>
          <ChartFigure
            caption={t("dashboard.trend.pchartCaption", { centre: formatPercent(row.controlCentre ?? 0), n: total })}
            chart={
              <PChart
                ariaLabel={t("dashboard.trend.pchart")}
                centre={row.controlCentre ?? 0}
                points={monthly.map((m) => ({
                  label: rocMonthLabel(m.month),
                  share: m.share,
                  n: m.n,
                  lower: m.controlLower,
                  upper: m.controlUpper,
                  outOfControl: m.outOfControl,
                }))}
              />
            }
            table={
              <table data-testid="pchart-table">
                <TableHead
                  columns={[
                    t("office.month"),
                    num("n"),
                    num(t("office.satisfied")),
                    num(t("dashboard.trend.centre")),
                    num(t("dashboard.trend.lower")),
                    num(t("dashboard.trend.upper")),
                    t("dashboard.trend.outside"),
                  ]}
                />
                <tbody>
                  {monthly.map((m) => (
                    <tr key={m.month} className={m.outOfControl ? "deducted" : undefined}>
                      <td>{rocMonthLabel(m.month)}</td>
                      <td className="num">{m.n}</td>
                      <td className="num">{formatPercent(m.share)}</td>
                      <td className="num">{formatPercent(row.controlCentre ?? 0)}</td>
                      <td className="num">{formatPercent(m.controlLower)}</td>
                      <td className="num">{formatPercent(m.controlUpper)}</td>
                      <td>{m.outOfControl ? t("dashboard.trend.outsideYes") : t("dashboard.trend.outsideNo")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <p data-testid="pchart-outside">
            {outside.length ? t("dashboard.trend.outsideList", { months: outside.join("、") }) : t("dashboard.trend.outsideNone")}
          </p>
        </>
      )}
    </section>
  );
}
