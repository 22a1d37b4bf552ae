import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TrendChart } from "~/components/TrendChart";
import { t, type MessageKey } from "~/locales";
import { READING_ROLES, RECORDING_ROLES } from "~/modules/checklists";
import {
  ensureTemplates,
  latestTemplates,
  listableOffices,
  listRecords,
  officeChecklistSummary,
} from "~/modules/checklists/records.server";
import { currentScale } from "~/modules/courtesy/scales.server";
import { requireUser } from "~/modules/org/auth.server";
import { isIsoMonth, rocMonthLabel, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";
import { parseId } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: `${t("checklist.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, READING_ROLES);
  await ensureTemplates(prisma);
  const query = new URL(request.url).searchParams;
  const month = query.get("month") ?? "";
  if (month && !isIsoMonth(month)) throw errorResponse(400, t("error.invalidMonth"));
  const officeParam = query.get("office") ?? "";
  const officeId = parseId(officeParam);
  if (officeParam && officeId === null) throw errorResponse(400, t("error.invalidId"));
  const templates = (await latestTemplates(prisma)).map((s) => ({ key: s.template.key, title: s.template.title }));
  const templateKey = templates.some((x) => x.key === query.get("template")) ? (query.get("template") as string) : "";

  // The office filter offers only offices whose records the user may read, so an office
  // outside that list is simply not found (no hint whether it exists).
  const offices = await listableOffices(prisma, user);
  const office = officeParam ? offices.find((o) => o.id === officeId) : undefined;
  if (officeParam && !office) throw errorResponse(404, t("error.notFound"));

  const filters = { month: month || undefined, officeId: office?.id, templateKey: templateKey || undefined };
  const records = await listRecords(prisma, user, filters);
  const summary = office
    ? await officeChecklistSummary(prisma, office.id, {
        endMonth: month || taipeiMonth(new Date()),
        templateKey: templateKey || undefined,
        evaluatorId: user.role === "evaluator" ? user.id : undefined,
      })
    : null;
  const { scale } = await currentScale(prisma);
  return json({
    month,
    officeId: office?.id ?? null,
    officeName: office?.name ?? "",
    templateKey,
    templates,
    offices,
    records,
    summary,
    improvementBelow: scale.improvementBelow,
    canRecord: (RECORDING_ROLES as readonly string[]).includes(user.role),
  });
}

export default function Checklists() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("checklist.title")}</h1>
      {d.canRecord && (
        <p className="no-print">
          <Link to="/checklists/new" className="button">
            {t("checklist.new")}
          </Link>
        </p>
      )}
      <Form method="get" className="inline-form no-print">
        <div>
          <label htmlFor="month">{t("checklist.month")}</label>
          <input id="month" name="month" type="month" defaultValue={d.month} />
        </div>
        <div>
          <label htmlFor="office">{t("checklist.office")}</label>
          <select id="office" name="office" defaultValue={d.officeId ?? ""}>
            <option value="">{t("checklist.allOffices")}</option>
            {d.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="template">{t("checklist.template")}</label>
          <select id="template" name="template" defaultValue={d.templateKey}>
            <option value="">{t("checklist.allTemplates")}</option>
            {d.templates.map((x) => (
              <option key={x.key} value={x.key}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("checklist.filter")}
        </button>
      </Form>

      {d.summary ? <OfficeSummary name={d.officeName} summary={d.summary} /> : <p className="muted">{t("checklist.pickOffice")}</p>}

      <h2>{d.month ? rocMonthLabel(d.month) : t("checklist.allMonths")}</h2>
      {d.records.length === 0 ? (
        <p className="muted">{t("checklist.noRecords")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t("checklist.date")}</th>
                <th>{t("checklist.office")}</th>
                <th>{t("checklist.template")}</th>
                <th>{t("checklist.evaluator")}</th>
                <th className="num">{t("checklist.score")}</th>
                <th>{t("checklist.band")}</th>
              </tr>
            </thead>
            <tbody>
              {d.records.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/checklists/${r.id}`}>{r.id}</Link>
                  </td>
                  <td>{r.date}</td>
                  <td>{r.office.name}</td>
                  <td>
                    {r.template.title}
                    <div className="muted">{t(`checklist.kind.${r.kind}` as MessageKey)}</div>
                  </td>
                  <td>{r.evaluatorName}</td>
                  <td className="num">{r.score.toFixed(1)}</td>
                  <td>
                    {r.band} {r.score < d.improvementBelow && <span className="badge overdue">{t("checklist.needsImprovement")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">{t("checklist.scoreMethod")}</p>
    </>
  );
}

type Summary = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["summary"]>;

function OfficeSummary({ name, summary }: { name: string; summary: Summary }) {
  return (
    <section aria-labelledby="office-summary">
      <h2 id="office-summary">{t("checklist.officeSection", { office: name })}</h2>
      <div className="split">
        <div className="card">
          <h3>{t("checklist.trend")}</h3>
          <TrendChart
            ariaLabel={t("checklist.trend")}
            seriesLabel={t("checklist.trendSeries")}
            intervalLabel={t("checklist.ci95")}
            unit="score"
            points={summary.trend.map((p) => ({ label: rocMonthLabel(p.month), value: p.mean, lower: p.lower, upper: p.upper, n: p.n }))}
          />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("checklist.trendMonth")}</th>
                  <th className="num">n</th>
                  <th className="num">{t("checklist.trendMean")}</th>
                  <th className="num">{t("checklist.ci95")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.trend
                  .filter((p) => p.n > 0)
                  .map((p) => (
                    <tr key={p.month}>
                      <td>{rocMonthLabel(p.month)}</td>
                      <td className="num">{p.n}</td>
                      <td className="num">{p.mean?.toFixed(1)}</td>
                      <td className="num">{p.lower !== null && p.upper !== null ? `${p.lower.toFixed(1)}–${p.upper.toFixed(1)}` : "—"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {summary.trend.every((p) => p.n === 0) && <p className="muted">{t("checklist.trendNone")}</p>}
        </div>
        <div className="card">
          <h3>{t("checklist.topFailed")}</h3>
          {summary.topFailed.length === 0 ? (
            <p className="muted">{t("checklist.noneFailed")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("checklist.item")}</th>
                    <th className="num">{t("checklist.failures")}</th>
                    <th className="num">{t("checklist.checked")}</th>
                    <th className="num">{t("checklist.failRate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.topFailed.map((f) => (
                    <tr key={`${f.templateKey}/${f.item}`}>
                      <td>
                        {f.label}
                        <div className="muted">{f.templateTitle}</div>
                      </td>
                      <td className="num">{f.failed}</td>
                      <td className="num">{f.checked}</td>
                      <td className="num">{(f.rate * 100).toFixed(1)}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
