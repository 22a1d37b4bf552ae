import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FollowUpTable } from "~/components/FollowUpTable";
import { FigureCells } from "~/components/FigureCells";
import { TrendChart } from "~/components/TrendChart";
import { MonthPicker } from "~/components/MonthPicker";
import { t, type MessageKey } from "~/locales";
import { requireOfficeAccess, requireUser } from "~/modules/org/auth.server";
import { officeDashboard } from "~/modules/reports/office-dashboard.server";
import { formatPercent } from "~/modules/reports/satisfaction";
import { isOverdue } from "~/modules/surveys/follow-up";
import { isIsoMonth, rocMonthLabel, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.office.name ?? ""}｜${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  if (!/^\d{1,9}$/.test(params.id ?? "")) throw errorResponse(404, t("error.notFound"));
  const office = await requireOfficeAccess(user, Number(params.id));
  const month = new URL(request.url).searchParams.get("month") ?? taipeiMonth(new Date());
  if (!isIsoMonth(month)) throw errorResponse(400, t("error.invalidMonth"));
  const dashboard = await officeDashboard(prisma, office, month);
  return json({ office, ...dashboard });
}

const dimensionLabel = (d: string) => t(`dimension.${d}` as MessageKey) ?? d;

export default function OfficePage() {
  const d = useLoaderData<typeof loader>();
  const overall = d.dimensions.find((x) => x.dimension === "overall")?.figure ?? null;
  return (
    <>
      <h1>{d.office.name}</h1>
      <MonthPicker month={d.month} />
      <h2>{rocMonthLabel(d.month)}</h2>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("office.responses")}</div>
          <div className="stat">{d.responses.total}</div>
          <div className="muted">{t("office.duplicates", { count: d.responses.duplicates })}</div>
        </div>
        <div className="card">
          <div className="muted">{t("office.overallSatisfied")}</div>
          <div className="stat">{overall ? formatPercent(overall.satisfied) : "—"}</div>
          <div className="muted">
            {overall ? t("office.interval", { lower: formatPercent(overall.lower), upper: formatPercent(overall.upper), n: overall.n }) : t("office.noData")}
          </div>
        </div>
        <div className="card">
          <div className="muted">{t("office.openFollowUps")}</div>
          <div className="stat">{d.openFollowUps}</div>
          <div className="muted">{t("office.overdue", { count: d.followUps.filter((f) => isOverdue(f, d.today)).length })}</div>
        </div>
      </div>

      <h2>{t("office.byDimension")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("office.dimension")}</th>
              <th className="num">n</th>
              <th className="num">{t("office.satisfied")}</th>
              <th className="num">{t("office.ci95")}</th>
              <th className="num">{t("office.margin")}</th>
              <th className="num">{t("office.score")}</th>
            </tr>
          </thead>
          <tbody>
            {d.dimensions.map((row) => (
              <tr key={row.dimension}>
                <td>{dimensionLabel(row.dimension)}</td>
                <FigureCells figure={row.figure} />
                <td className="num">{row.figure ? row.figure.score.toFixed(1) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("office.method")}</p>

      <h2>{t("office.trend")}</h2>
      <div className="card">
        <TrendChart
          ariaLabel={t("office.trend")}
          seriesLabel={t("office.overallSatisfied")}
          intervalLabel={t("office.ci95")}
          points={d.trend.map((p) => ({
            label: rocMonthLabel(p.month),
            value: p.figure?.satisfied ?? null,
            lower: p.figure?.lower ?? null,
            upper: p.figure?.upper ?? null,
            n: p.figure?.n ?? 0,
          }))}
        />
      </div>

      <h2>{t("office.peers")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th className="num">{t("office.rank")}</th>
              <th>{t("office.office")}</th>
              <th className="num">n</th>
              <th className="num">{t("office.satisfied")}</th>
              <th className="num">{t("office.ci95")}</th>
              <th className="num">{t("office.margin")}</th>
            </tr>
          </thead>
          <tbody>
            {d.peerRanking.map((p, i) => (
              <tr key={p.officeId} aria-current={p.officeId === d.office.id ? "true" : undefined} style={p.officeId === d.office.id ? { fontWeight: 700 } : undefined}>
                <td className="num">{i + 1}</td>
                <td>{p.name}</td>
                <FigureCells figure={p.figure} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("office.followUps")}</h2>
      {d.followUps.length === 0 ? (
        <p className="muted">{t("office.noFollowUps")}</p>
      ) : (
        <FollowUpTable cases={d.followUps} today={d.today} showOffice={false} />
      )}
    </>
  );
}
