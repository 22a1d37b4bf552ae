import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LateCallsTable } from "~/components/LateCallsTable";
import { MonthPicker } from "~/components/MonthPicker";
import { t, type MessageKey } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { officeScope, seesEvaluatorNames } from "~/modules/org/roles";
import { listAppeals } from "~/modules/courtesy/appeals.server";
import { lateCalls, scoredCalls } from "~/modules/courtesy/calls.server";
import { isIsoMonth, rocMonthLabel, taipeiDate, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("nav.courtesy")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const scope = officeScope(user) ?? forbidden();
  const month = new URL(request.url).searchParams.get("month") ?? taipeiMonth(new Date());
  if (!isIsoMonth(month)) throw errorResponse(400, t("error.invalidMonth"));
  const today = taipeiDate(new Date());
  // Offices see their scores, not who placed the unannounced call or when the next one comes.
  const showEvaluator = seesEvaluatorNames(user.role);
  const [calls, appeals, reportsDue, late] = await Promise.all([
    scoredCalls(prisma, scope, month),
    listAppeals(prisma, scope, "pending"),
    prisma.improvementReport.count({ where: { office: scope, filedAt: null } }),
    showEvaluator ? lateCalls(prisma, { office: scope }, today) : Promise.resolve([]),
  ]);
  return json({
    month,
    role: user.role,
    today,
    late,
    calls: calls.map((c) => ({ ...c, evaluator: showEvaluator ? c.evaluator.name : null, appeal: c.appeals[0]?.status ?? null })),
    appeals,
    reportsDue,
  });
}

export default function CourtesyHome() {
  const d = useLoaderData<typeof loader>();
  const reviewer = d.role !== "manager";
  return (
    <>
      <h1>{t("nav.courtesy")}</h1>
      <p className="inline-form">
        {reviewer && (
          <Link className="button secondary" to="/courtesy/plans">
            {t("courtesy.plans")}
          </Link>
        )}
        <Link className="button secondary" to="/courtesy/improvements">
          {t("courtesy.improvements", { count: d.reportsDue })}
        </Link>
        <Link className="button secondary" to="/courtesy/results">
          {t("nav.courtesyResults")}
        </Link>
        <Link className="button secondary" to="/courtesy/mutual">
          {t("mutual.title")}
        </Link>
        {reviewer && (
          <Link className="button secondary" to="/courtesy/calibration">
            {t("courtesy.calibration")}
          </Link>
        )}
      </p>
      <h2>{t("courtesy.pendingAppeals", { count: d.appeals.length })}</h2>
      {d.appeals.length === 0 ? (
        <p className="muted">{t("courtesy.noAppeals")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("courtesy.call")}</th>
                <th>{t("office.office")}</th>
                <th>{t("appeal.filedAt")}</th>
                <th className="num">{t("appeal.oldTotal")}</th>
                <th>{t("appeal.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {d.appeals.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/courtesy/calls/${a.callId}`}>#{a.callId}</Link>
                  </td>
                  <td>
                    {a.call.office.name}・{a.call.unit?.name}
                  </td>
                  <td>{taipeiDate(new Date(a.filedAt))}</td>
                  <td className="num">{a.oldTotal}</td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reviewer && (
        <>
          <h2>{t("courtesy.lateRecords", { count: d.late.length })}</h2>
          {d.late.length > 0 && <LateCallsTable calls={d.late} showEvaluator />}
        </>
      )}
      <h2>{t("courtesy.scoredCalls", { month: rocMonthLabel(d.month) })}</h2>
      <MonthPicker month={d.month} />
      {d.calls.length === 0 ? (
        <p className="muted">{t("courtesy.noCalls")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("courtesy.call")}</th>
                <th>{t("evaluator.callDate")}</th>
                <th>{t("office.office")}</th>
                {reviewer && <th>{t("courtesy.evaluator")}</th>}
                <th className="num">{t("courtesy.total")}</th>
                <th>{t("courtesy.band")}</th>
                <th>{t("courtesy.appeal")}</th>
              </tr>
            </thead>
            <tbody>
              {d.calls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/courtesy/calls/${c.id}`}>#{c.id}</Link>
                  </td>
                  <td>{c.scheduledDate}</td>
                  <td>
                    {c.office.name}・{c.unit?.name}（{c.extension}）
                  </td>
                  {reviewer && <td>{c.evaluator}</td>}
                  <td className="num">{c.total}</td>
                  <td>{c.band}</td>
                  <td>{c.appeal ? t(`appeal.status.${c.appeal}` as MessageKey) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
