import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FigureCells, FigureHeads, InsufficientMark } from "~/components/FigureCells";
import { FollowUpTable } from "~/components/FollowUpTable";
import { PeriodPicker } from "~/components/PeriodPicker";
import { QuestionDistributions } from "~/components/QuestionDistributions";
import { SatisfactionMethods } from "~/components/SatisfactionMethods";
import { TrendChart } from "~/components/TrendChart";
import { t, type MessageKey } from "~/locales";
import { forbidden, requireOfficeAccess, requireUser } from "~/modules/org/auth.server";
import { officeScope } from "~/modules/org/roles";
import { officeDashboard } from "~/modules/reports/office-dashboard.server";
import { parseSurveyPeriod, periodIsPartial, surveyPeriodLabel } from "~/modules/reports/period";
import { officeQuestionnaires, pickQuestionnaire } from "~/modules/reports/questionnaires.server";
import { formatInterval, formatPercent, MIN_RESPONDENTS } from "~/modules/reports/satisfaction";
import { rocMonthLabel } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.office.name ?? ""}｜${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const office = await requireOfficeAccess(user, idParam(params.id));
  const scope = officeScope(user) ?? forbidden();
  const url = new URL(request.url);
  const now = new Date();
  const period = parseSurveyPeriod(url.searchParams, now);
  if (!period) throw errorResponse(400, t("period.error"));
  const questionnaires = await officeQuestionnaires(prisma, office.id);
  const questionnaire = pickQuestionnaire(questionnaires, url.searchParams.get("survey"));
  const dashboard = await officeDashboard(prisma, scope, office, questionnaire, period, now);
  return json({
    office,
    period,
    periodLabel: surveyPeriodLabel(period),
    partial: periodIsPartial(period, now),
    questionnaires,
    questionnaire,
    ...dashboard,
  });
}

const dimensionLabel = (d: string) => t(`dimension.${d}` as MessageKey) ?? d;

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function DimensionFigures({ d, figures }: { d: Data; figures: NonNullable<Data["figures"]> }) {
  const overall = figures.dimensions.find((x) => x.dimension === "overall")?.figure ?? null;
  return (
    <>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("office.overallSatisfied")}</div>
          <div className={overall?.sufficient === false ? "stat muted" : "stat"}>{overall ? formatPercent(overall.satisfied) : "—"}</div>
          <div className="muted" data-testid="overall-interval">
            {overall ? t("office.interval", { interval: formatInterval(overall), n: overall.n }) : t("office.noData")}
            {overall?.sufficient === false && (
              <>
                {" "}
                <InsufficientMark />
              </>
            )}
          </div>
        </div>
      </div>

      <h2>{t("office.byDimension")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("office.dimension")}</th>
              <FigureHeads score />
            </tr>
          </thead>
          <tbody>
            {figures.dimensions.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  {t("office.noData")}
                </td>
              </tr>
            ) : (
              figures.dimensions.map((row) => (
                <tr key={row.dimension}>
                  <td>{dimensionLabel(row.dimension)}</td>
                  <FigureCells figure={row.figure} score />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <h2>{t("office.trend")}</h2>
      <div className="card">
        <TrendChart
          ariaLabel={t("office.trend")}
          seriesLabel={t("office.overallSatisfied")}
          intervalLabel={t("figures.ci95")}
          points={figures.trend.map((p) => ({
            label: rocMonthLabel(p.month),
            value: p.figure?.satisfied ?? null,
            lower: p.figure?.lower ?? null,
            upper: p.figure?.upper ?? null,
            n: p.figure?.n ?? 0,
          }))}
        />
      </div>

      {figures.peerRanking.length > 0 && (
        <>
          <h2>{t("office.peers", { period: d.periodLabel })}</h2>
          <div className="table-wrap">
            <table data-testid="peer-ranking">
              <thead>
                <tr>
                  <th className="num">{t("office.rank")}</th>
                  <th>{t("office.office")}</th>
                  <FigureHeads />
                </tr>
              </thead>
              <tbody>
                {figures.peerRanking.map((p) => (
                  <tr
                    key={p.officeId}
                    aria-current={p.officeId === d.office.id ? "true" : undefined}
                    style={p.officeId === d.office.id ? { fontWeight: 700 } : undefined}
                  >
                    <td className="num">{p.rank ? t("office.rankOf", p.rank) : t("office.unranked")}</td>
                    <td>{p.name}</td>
                    <FigureCells figure={p.figure} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("office.peersNote", { min: MIN_RESPONDENTS })}</p>
        </>
      )}
    </>
  );
}

export default function OfficePage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{d.office.name}</h1>
      <PeriodPicker period={d.period} questionnaires={d.questionnaires} questionnaireId={d.questionnaire?.id ?? null} />
      <h2>{d.questionnaire ? `${d.questionnaire.title}｜${d.periodLabel}` : d.periodLabel}</h2>
      <p className="muted" data-testid="period-shown">
        {t("period.shown", { period: d.periodLabel })}
        {d.partial && t("period.partial")}
      </p>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("office.responses")}</div>
          <div className="stat">{d.responses.total}</div>
          <div className="muted">{t("office.duplicates", { count: d.responses.duplicates })}</div>
        </div>
        <div className="card">
          <div className="muted">{t("office.openFollowUps")}</div>
          <div className="stat">{d.openFollowUps}</div>
          <div className="muted">{t("office.overdue", { count: d.overdueFollowUps })}</div>
        </div>
      </div>

      {d.figures && <DimensionFigures d={d} figures={d.figures} />}
      {d.distributions && (
        <section aria-labelledby="distributions-title">
          <h2 id="distributions-title">{t("distribution.title")}</h2>
          <QuestionDistributions questions={d.distributions} />
          <p className="muted">{t("distribution.method")}</p>
        </section>
      )}
      {d.figures && <SatisfactionMethods />}

      <h2>{t("office.followUps")}</h2>
      {d.followUps.length === 0 ? (
        <p className="muted">{t("office.noFollowUps")}</p>
      ) : (
        <FollowUpTable cases={d.followUps} today={d.today} showOffice={false} />
      )}
    </>
  );
}
