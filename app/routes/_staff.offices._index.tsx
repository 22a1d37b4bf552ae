import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FigureCells, FigureHeads } from "~/components/FigureCells";
import { PeriodPicker } from "~/components/PeriodPicker";
import { SatisfactionMethods } from "~/components/SatisfactionMethods";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { officeScope } from "~/modules/org/roles";
import { officeOverview } from "~/modules/reports/office-overview.server";
import { parseSurveyPeriod, periodIsPartial, periodMonths, surveyPeriodLabel } from "~/modules/reports/period";
import { citizenQuestionnaire } from "~/modules/reports/questionnaires.server";
import { MIN_RESPONDENTS } from "~/modules/reports/satisfaction";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("office.list.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const scope = officeScope(user) ?? forbidden();
  const now = new Date();
  const period = parseSurveyPeriod(new URL(request.url).searchParams, now);
  if (!period) throw errorResponse(400, t("period.error"));
  const questionnaire = await citizenQuestionnaire(prisma);
  const offices = await officeOverview(prisma, scope, questionnaire?.id ?? null, periodMonths(period));
  return json({ period, periodLabel: surveyPeriodLabel(period), partial: periodIsPartial(period, now), questionnaire, offices });
}

export default function Offices() {
  const d = useLoaderData<typeof loader>();
  const groups = [...new Set(d.offices.map((o) => o.peerGroup))];
  return (
    <>
      <h1>
        {t("office.list.title")}（{d.periodLabel}）
      </h1>
      <PeriodPicker period={d.period} />
      <p className="muted" data-testid="period-shown">
        {d.questionnaire && `${t("office.list.questionnaire", { title: d.questionnaire.title })}｜`}
        {t("period.shown", { period: d.periodLabel })}
        {d.partial && t("period.partial")}
      </p>
      {groups.map((g) => (
        <section key={g}>
          <h2>{g || t("common.none")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th className="num">{t("office.rank")}</th>
                  <th>{t("office.office")}</th>
                  <FigureHeads />
                  <th className="num">{t("office.openFollowUps")}</th>
                </tr>
              </thead>
              <tbody>
                {d.offices
                  .filter((o) => o.peerGroup === g)
                  .map((o) => (
                    <tr key={o.id}>
                      <td className="num">{o.rank ? t("office.rankOf", o.rank) : t("office.unranked")}</td>
                      <td>
                        <Link to={`/offices/${o.id}?month=${d.period.month}&span=${d.period.span}`}>{o.name}</Link>
                      </td>
                      <FigureCells figure={o.figure} />
                      <td className="num">{o.openFollowUps}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p className="muted">{t("office.peersNote", { min: MIN_RESPONDENTS })}</p>
      <SatisfactionMethods />
    </>
  );
}
