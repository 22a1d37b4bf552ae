import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { LateCallsTable } from "~/components/LateCallsTable";
import { t, type MessageKey } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { evaluatorDay, lateCalls, upcomingCalls } from "~/modules/courtesy/calls.server";
import { isIsoDate, taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("evaluator.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["evaluator"]);
  const today = taipeiDate(new Date());
  const date = new URL(request.url).searchParams.get("date") ?? today;
  if (!isIsoDate(date)) throw errorResponse(400, t("error.invalidDate"));
  const [calls, upcoming, late] = await Promise.all([
    evaluatorDay(prisma, user.id, date),
    upcomingCalls(prisma, user.id, date),
    lateCalls(prisma, { evaluatorId: user.id }, today),
  ]);
  return json({ date, today, calls, upcoming, late });
}

const dial = (phone: string, extension: string) => (extension ? `${phone} 轉 ${extension}` : phone);

export default function EvaluatorHome() {
  const { date, today, calls, upcoming, late } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{date === today ? t("evaluator.today") : t("evaluator.onDate", { date })}</h1>
      <Form method="get" className="inline-form">
        <div>
          <label htmlFor="date">{t("evaluator.date")}</label>
          <input id="date" name="date" type="date" defaultValue={date} />
        </div>
        <button type="submit" className="secondary">
          {t("office.show")}
        </button>
      </Form>
      {calls.length === 0 ? (
        <p className="muted">{t("evaluator.noCalls")}</p>
      ) : (
        <ul className="call-list">
          {calls.map((c) => (
            <li key={c.id} className="card">
              <div className="muted">
                {c.slot}・{t(`call.status.${c.status}` as MessageKey)}
                {c.total !== null ? `・${c.total} 分` : ""}
              </div>
              <div>
                <strong>{c.office.name}</strong>・{c.unit?.name}
              </div>
              <div>
                {t("evaluator.dial")}：
                <a href={`tel:${c.office.phone.replace(/[^\d]/g, "")},${c.extension}`}>{dial(c.office.phone, c.extension)}</a>
              </div>
              {c.question && (
                <div>
                  {t("evaluator.question")}：{c.question.question}
                </div>
              )}
              {c.status !== "submitted" && (
                <p>
                  <Link className="button" to={`/evaluator/calls/${c.id}`}>
                    {c.status === "draft" ? t("evaluator.continue") : t("evaluator.score")}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("evaluator.upcoming")}</h2>
      {upcoming.length === 0 ? (
        <p className="muted">{t("evaluator.noUpcoming")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <tbody>
              {upcoming.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.scheduledDate}
                    <br />
                    {c.slot}
                  </td>
                  <td>
                    {c.office.name}・{c.unit?.name}
                    <br />
                    {dial(c.office.phone, c.extension)}
                  </td>
                  <td>
                    <Link to={`/evaluator/calls/${c.id}`}>{t("evaluator.open")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("evaluator.late")}</h2>
      {late.length === 0 ? <p className="muted">{t("evaluator.noLate")}</p> : <LateCallsTable calls={late} showEvaluator={false} />}
    </>
  );
}
