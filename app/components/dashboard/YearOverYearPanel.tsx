import { InsufficientMark } from "~/components/FigureCells";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import { formatP, points } from "~/modules/reports/dashboard";
import { formatPercent, MIN_RESPONDENTS } from "~/modules/reports/satisfaction";
import type { DashboardView, FigureRow } from "./types";

const signed = (x: number) => (x > 0 ? `+${points(x)}` : points(x));

function Verdict({ r }: { r: FigureRow }) {
  if (!r.yoy) return <>—</>;
  if (!r.current?.sufficient || !r.previous?.sufficient) return <InsufficientMark />;
  return r.yoy.significant ? <strong>{t("dashboard.yoy.significant")}</strong> : <>{t("dashboard.yoy.notSignificant")}</>;
}

/** 與去年同期比較: this period against the same months a year earlier, with Holm's adjustment over each peer group. */
export function YearOverYearPanel({ d }: { d: DashboardView }) {
  return (
    <section aria-labelledby="panel-yoy">
      <h2 id="panel-yoy">{t("dashboard.yoy.title")}</h2>
      <p className="muted">{t("dashboard.yoy.periods", { now: d.periodLabel, before: d.previousPeriodLabel })}</p>
      <div className="table-wrap">
        <table data-testid="yoy-table">
          <TableHead
            columns={[
              t("office.office"),
              num(t("dashboard.yoy.nowN")),
              num(t("dashboard.yoy.now")),
              num(t("dashboard.yoy.beforeN")),
              num(t("dashboard.yoy.before")),
              num(t("dashboard.yoy.diff")),
              num(t("dashboard.yoy.diffInterval")),
              num(t("dashboard.yoy.p")),
              num(t("dashboard.yoy.pHolm")),
              t("dashboard.yoy.verdict"),
            ]}
          />
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.office.id} data-office={r.office.id}>
                <td>{r.office.name}</td>
                <td className="num">{r.current?.n ?? 0}</td>
                <td className="num">{r.current ? formatPercent(r.current.satisfied) : "—"}</td>
                <td className="num">{r.previous?.n ?? 0}</td>
                <td className="num">{r.previous ? formatPercent(r.previous.satisfied) : "—"}</td>
                <td className="num">{r.yoy ? signed(r.yoy.diff) : "—"}</td>
                <td className="num">
                  {r.yoy ? t("dashboard.yoy.interval", { lower: signed(r.yoy.lower), upper: signed(r.yoy.upper) }) : "—"}
                </td>
                <td className="num">{formatP(r.yoy?.p ?? null)}</td>
                <td className="num">{formatP(r.yoy?.pHolm ?? null)}</td>
                <td>
                  <Verdict r={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="holm-note">
        {t("dashboard.yoy.holm", { min: MIN_RESPONDENTS })}
      </p>
    </section>
  );
}
