import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DueDate } from "~/components/FollowUpTable";
import { t, type MessageKey } from "~/locales";
import { forbidden, requireUser, type SessionUser } from "~/modules/org/auth.server";
import { canSeeOffice } from "~/modules/org/roles";
import { answerSummary } from "~/modules/surveys/answer-summary";
import { FOLLOW_UP_STATUSES } from "~/modules/surveys/follow-up";
import { followUpUpdateSchema, getFollowUp, updateFollowUp } from "~/modules/surveys/follow-ups.server";
import { taipeiDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam, readForm } from "~/utils/http.server";
import type { FieldErrors } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: `${t("followUp.title")}｜${t("app.name")}` }];

async function loadCase(user: SessionUser, id: string | undefined) {
  const found = await getFollowUp(prisma, idParam(id));
  if (!found) throw errorResponse(404, t("error.notFound"));
  if (!canSeeOffice(user, found.office)) forbidden();
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const c = await loadCase(user, params.id);
  const owners = await prisma.user.findMany({
    where: { officeId: c.officeId, role: "manager", active: true },
    select: { id: true, name: true },
  });
  const { response, ...rest } = c;
  return json({
    followUp: rest,
    owners,
    answers: answerSummary(JSON.parse(response.version.json), JSON.parse(response.answers)),
    submittedAt: response.submittedAt,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const c = await loadCase(user, params.id);
  const parsed = followUpUpdateSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return json({ ok: false, errors: parsed.error.flatten().fieldErrors as FieldErrors }, { status: 400 });
  }
  if (typeof parsed.data.ownerId === "number") {
    const owner = await prisma.user.count({ where: { id: parsed.data.ownerId, officeId: c.officeId, active: true } });
    if (!owner) return json({ ok: false, errors: { ownerId: [t("error.invalidId")] } }, { status: 400 });
  }
  await updateFollowUp(prisma, c.id, user.id, parsed.data);
  return json({ ok: true, errors: {} as FieldErrors });
}

export default function FollowUpCase() {
  const { followUp: f, owners, answers, submittedAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("followUp.case", { id: f.id })}</h1>
      <div className="card">
        <p>
          {t("followUp.office")}：{f.office.name}
        </p>
        <p>
          {t("followUp.reason")}：{t(f.reason as MessageKey)}
        </p>
        <p>
          {t("followUp.opened")}：{taipeiDateTime(submittedAt)}
        </p>
        <p>
          {t("followUp.due")}：<DueDate dueDate={f.dueDate} />
        </p>
        {f.contact && (
          <p>
            {t("followUp.contact")}：{f.contact}
          </p>
        )}
      </div>
      <h2>{t("followUp.answers")}</h2>
      <div className="table-wrap">
        <table>
          <tbody>
            {answers.map((a) => (
              <tr key={a.name}>
                <th scope="row">{a.title}</th>
                <td>{a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("followUp.resolution")}</h2>
      <Form method="post" className="card">
        <label htmlFor="status">{t("followUp.status")}</label>
        <select id="status" name="status" defaultValue={f.status}>
          {FOLLOW_UP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`followUp.status.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="ownerId">{t("followUp.owner")}</label>
        <select id="ownerId" name="ownerId" defaultValue={f.ownerId ?? ""}>
          <option value="">{t("common.none")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <label htmlFor="resolution">{t("followUp.resolution")}</label>
        <textarea id="resolution" name="resolution" rows={4} defaultValue={f.resolution} maxLength={2000} />
        {result?.errors &&
          Object.entries(result.errors).map(([k, msgs]) => (
            <p key={k} className="error" role="alert">
              {msgs.join("、")}
            </p>
          ))}
        {result?.ok && (
          <p className="ok" role="status">
            {t("common.saved")}
          </p>
        )}
        <p>
          <button type="submit">{t("common.save")}</button>
        </p>
      </Form>
    </>
  );
}
