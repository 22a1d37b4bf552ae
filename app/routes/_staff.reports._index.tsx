import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { AnswersPanel } from "~/components/dashboard/AnswersPanel";
import { CourtesyPanel } from "~/components/dashboard/CourtesyPanel";
import { Filters } from "~/components/dashboard/Filters";
import { PeersPanel } from "~/components/dashboard/PeersPanel";
import { SamplingPanel } from "~/components/dashboard/SamplingPanel";
import { SatisfactionPanel } from "~/components/dashboard/SatisfactionPanel";
import { TrendPanel } from "~/components/dashboard/TrendPanel";
import { dimensionLabel } from "~/components/dashboard/types";
import { YearOverYearPanel } from "~/components/dashboard/YearOverYearPanel";
import { SatisfactionMethods } from "~/components/SatisfactionMethods";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { dashboardData } from "~/modules/reports/dashboard.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("dashboard.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  return json(await dashboardData(prisma, user, new URL(request.url).searchParams));
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      {/* Keyed on the query, so the form shows the filters of the page it sits on after every navigation. */}
      <Filters key={search} d={d} />
      <p className="muted" data-testid="period-shown">
        {d.questionnaire && `${t("office.list.questionnaire", { title: d.questionnaire.title })}｜`}
        {t("dashboard.filter.dimension")}：{dimensionLabel(d.filters.dimension)}｜{t("period.shown", { period: d.periodLabel })}
        {d.partial && t("period.partial")}
      </p>
      {!d.questionnaire ? (
        <p>{t("report.error.noQuestionnaire")}</p>
      ) : d.rows.length === 0 ? (
        <p>{t("dashboard.noOffices")}</p>
      ) : (
        <>
          <SatisfactionPanel d={d} />
          <SamplingPanel d={d} />
          <TrendPanel d={d} />
          <YearOverYearPanel d={d} />
          <PeersPanel d={d} />
          <AnswersPanel d={d} />
          <CourtesyPanel d={d} />
          <SatisfactionMethods />
        </>
      )}
    </>
  );
}
