import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import type { DashboardView } from "./types";

/** 抽樣設計: completes each office needs for the chosen margin at 95 %, against those reached this year so far. */
export function SamplingPanel({ d }: { d: DashboardView }) {
  const year = t("dashboard.filter.yearOption", { year: d.filters.year - 1911 });
  const span = t(d.filters.year === d.currentYear ? "dashboard.sampling.soFar" : "dashboard.sampling.wholeYear", { year });
  return (
    <section aria-labelledby="panel-sampling">
      <h2 id="panel-sampling">{t("dashboard.sampling.title")}</h2>
      <p className="muted">{t("dashboard.sampling.intro", { margin: d.filters.margin, span })}</p>
      <div className="table-wrap">
        <table data-testid="sampling-table">
          <TableHead
            columns={[
              t("office.office"),
              num(t("dashboard.sampling.visitors")),
              num(t("dashboard.sampling.needed", { margin: d.filters.margin })),
              t("dashboard.sampling.method"),
              num(t("dashboard.sampling.reached", { span })),
              t("dashboard.sampling.status"),
            ]}
          />
          <tbody>
            {d.sampling.map((s) => (
              <tr key={s.officeId} data-office={s.officeId}>
                <td>{s.name}</td>
                <td className="num">{s.yearlyVisitors ?? "—"}</td>
                <td className="num">{s.needed}</td>
                <td>{s.yearlyVisitors === null ? t("dashboard.sampling.noFpc") : t("dashboard.sampling.fpc", { n: s.yearlyVisitors })}</td>
                <td className="num">{s.reached}</td>
                <td className={s.done ? "ok" : "error"}>{s.done ? t("dashboard.sampling.done") : t("dashboard.sampling.notDone")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("dashboard.sampling.assumption")}</p>
    </section>
  );
}
