import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/locales";
import {
  calibrationCreateSchema,
  calibrationFormOptions,
  createCalibration,
  listCalibrations,
} from "~/modules/courtesy/calibration.server";
import { requireUser } from "~/modules/org/auth.server";
import { runForm, type FormResult } from "~/modules/org/form-actions.server";
import { parseForm } from "~/modules/org/validation";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("calibration.title")}｜${t("app.name")}` }];

const CREATORS = ["admin", "analyst"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, [...CREATORS, "evaluator"]);
  const canCreate = user.role !== "evaluator";
  const [sessions, options] = await Promise.all([listCalibrations(prisma, user), canCreate ? calibrationFormOptions(prisma, user) : null]);
  return json({ sessions, options, isEvaluator: !canCreate });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, CREATORS);
  const form = await readForm(request);
  return runForm("create-calibration", async () => {
    const session = await createCalibration(prisma, user, parseForm(calibrationCreateSchema, form));
    return redirect(`/courtesy/calibration/${session.id}`);
  });
}

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? <p className="error">{messages.join("、")}</p> : null;
}

export default function CalibrationSessions() {
  const { sessions, options, isEvaluator } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const errors = result?.errors ?? {};
  return (
    <>
      <h1>{t("calibration.title")}</h1>
      <p className="muted">{t("calibration.intro")}</p>
      <h2>{t("calibration.list")}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t("calibration.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("calibration.field.title")}</th>
                <th>{t("calibration.col.date")}</th>
                <th>{t("calibration.field.office")}</th>
                <th>{t("calibration.field.parts")}</th>
                <th className="num">{t("calibration.col.evaluators")}</th>
                {isEvaluator && <th>{t("calibration.col.mine")}</th>}
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/courtesy/calibration/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>{s.date}</td>
                  <td>{s.officeName}</td>
                  <td>{s.parts}</td>
                  <td className="num">{s.evaluators}</td>
                  {isEvaluator && (
                    <td>
                      {s.scoredByMe ? (
                        <span className="badge resolved">{t("calibration.status.scored")}</span>
                      ) : (
                        <Link className="button" to={`/courtesy/calibration/${s.id}`}>
                          {t("calibration.scoreIt")}
                        </Link>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {options && (
        <>
          <h2>{t("calibration.create")}</h2>
          <Form method="post" className="card">
            <div className="form-row">
              <label htmlFor="title">{t("calibration.field.title")}</label>
              <input id="title" name="title" required maxLength={100} />
              <FieldError messages={errors.title} />
            </div>
            <div className="form-row">
              <label htmlFor="scenario">{t("calibration.field.scenario")}</label>
              <p className="muted" id="scenario-hint">
                {t("calibration.field.scenarioHint")}
              </p>
              <textarea id="scenario" name="scenario" rows={8} required maxLength={5000} aria-describedby="scenario-hint" />
              <FieldError messages={errors.scenario} />
            </div>
            <div className="form-row">
              <label htmlFor="officeId">{t("calibration.field.office")}</label>
              <select id="officeId" name="officeId" required defaultValue="">
                <option value="" disabled>
                  {t("admin.form.choose")}
                </option>
                {options.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldError messages={errors.officeId} />
            </div>
            <fieldset className="form-row">
              <legend>{t("calibration.field.parts")}</legend>
              {options.parts.map((p, i) => (
                <label key={p.value} style={{ fontWeight: "normal" }}>
                  <input type="radio" name="parts" value={p.value} defaultChecked={i === options.parts.length - 1} /> {p.label}
                </label>
              ))}
              <FieldError messages={errors.parts} />
            </fieldset>
            <p>
              <button type="submit">{t("common.create")}</button>
            </p>
          </Form>
        </>
      )}
    </>
  );
}
