import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { canSeeOffice, officeScope } from "~/modules/org/roles";
import { fileImprovementReport, improvementSchema, listImprovementReports } from "~/modules/courtesy/improvement.server";
import { currentScale } from "~/modules/courtesy/scales.server";
import { rocMonthLabel, taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("improvement.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const scope = officeScope(user) ?? forbidden();
  const { scale } = await currentScale(prisma);
  return json({
    role: user.role,
    today: taipeiDate(new Date()),
    threshold: scale.improvementBelow,
    reports: await listImprovementReports(prisma, scope),
  });
}

/** The office's manager files the report; reviewers read it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["manager"]);
  const form = Object.fromEntries(await readForm(request));
  const id = Number(form.id);
  const report =
    Number.isInteger(id) && id > 0
      ? await prisma.improvementReport.findUnique({
          where: { id },
          select: { id: true, filedAt: true, office: { select: { id: true, authorityId: true } } },
        })
      : null;
  if (!report) return errorResponse(404, t("error.notFound"));
  if (!canSeeOffice(user, report.office)) forbidden();
  if (report.filedAt) return json({ id, errors: { form: [t("improvement.alreadyFiled")] } }, { status: 409 });
  const parsed = improvementSchema.safeParse(form);
  if (!parsed.success) return json({ id, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  await fileImprovementReport(prisma, user.id, id, parsed.data);
  return json({ id, errors: {} });
}

export default function Improvements() {
  const { role, today, threshold, reports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/courtesy">← {t("nav.courtesy")}</Link>
      </p>
      <h1>{t("improvement.title")}</h1>
      <p className="muted">{t("improvement.help", { threshold })}</p>
      {reports.length === 0 && <p className="muted">{t("improvement.none")}</p>}
      {reports.map((r) => {
        const overdue = !r.filedAt && r.dueDate < today;
        const errors: Record<string, string[] | undefined> = result && "id" in result && result.id === r.id ? result.errors : {};
        return (
          <section key={r.id} className="card" aria-labelledby={`report-${r.id}`}>
            <h2 id={`report-${r.id}`}>
              {r.office.name}・{r.unit?.name ?? t("common.none")}・{rocMonthLabel(r.month)}{" "}
              {r.filedAt ? (
                <span className="badge resolved">{t("improvement.filed")}</span>
              ) : overdue ? (
                <span className="badge overdue">{t("followUp.overdue")}</span>
              ) : (
                <span className="badge open">{t("improvement.pending")}</span>
              )}
            </h2>
            <p>
              {t("improvement.score", { score: r.score })}（{t("improvement.calls", { count: r.calls })}）・
              {t("improvement.due", { date: r.dueDate })}
            </p>
            {r.filedAt ? (
              <>
                <p>
                  {t("improvement.cause")}：{r.cause}
                </p>
                <p>
                  {t("improvement.actions")}：{r.actions}
                </p>
                <p>
                  {t("improvement.completeBy")}：{r.completeBy}
                </p>
              </>
            ) : role === "manager" ? (
              <Form method="post">
                <input type="hidden" name="id" value={r.id} />
                <label htmlFor={`cause-${r.id}`}>{t("improvement.cause")}</label>
                <textarea id={`cause-${r.id}`} name="cause" rows={2} maxLength={2000} required />
                {errors.cause && (
                  <p className="error" role="alert">
                    {errors.cause.join("、")}
                  </p>
                )}
                <label htmlFor={`actions-${r.id}`}>{t("improvement.actions")}</label>
                <textarea id={`actions-${r.id}`} name="actions" rows={3} maxLength={4000} required />
                {errors.actions && (
                  <p className="error" role="alert">
                    {errors.actions.join("、")}
                  </p>
                )}
                <label htmlFor={`completeBy-${r.id}`}>{t("improvement.completeBy")}</label>
                <input id={`completeBy-${r.id}`} name="completeBy" type="date" required />
                {errors.completeBy && (
                  <p className="error" role="alert">
                    {errors.completeBy.join("、")}
                  </p>
                )}
                {errors.form && (
                  <p className="error" role="alert">
                    {errors.form.join("、")}
                  </p>
                )}
                <p>
                  <button type="submit">{t("improvement.file")}</button>
                </p>
              </Form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
