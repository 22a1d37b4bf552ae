import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { createDefinition, listDefinitions, parseDefinition } from "~/modules/surveys/definitions.server";
import { SURVEY_TEMPLATES } from "~/modules/surveys/templates";
import { BLANK_SURVEY } from "~/modules/surveys/templates/blank";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("surveyAdmin.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return json({ definitions: await listDefinitions(prisma), templates: SURVEY_TEMPLATES.map((x) => x.key) });
}

const createSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, t("surveyAdmin.error.key")),
  kind: z.enum(["citizen", "staff", "complaint", "custom"]),
  template: z.string().max(60),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const parsed = createSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const { key, kind, template } = parsed.data;
  if (await prisma.surveyDefinition.count({ where: { key } })) {
    return json({ errors: { key: [t("surveyAdmin.error.keyTaken")] } }, { status: 400 });
  }
  const source = SURVEY_TEMPLATES.find((x) => x.key === template)?.json ?? BLANK_SURVEY;
  const definition = parseDefinition(JSON.stringify(source));
  if (!definition.ok) return json({ errors: { template: definition.errors } }, { status: 400 });
  const created = await createDefinition(prisma, user.id, { key, kind, json: definition.json, title: definition.title || key });
  return redirect(`/admin/surveys/${created.id}`);
}

export default function SurveyAdmin() {
  const { definitions, templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string[] | undefined>;
  return (
    <>
      <h1>{t("surveyAdmin.title")}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("surveyAdmin.name")}</th>
              <th>{t("surveyAdmin.key")}</th>
              <th className="num">{t("surveyAdmin.version")}</th>
              <th className="num">{t("surveyAdmin.responses")}</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/admin/surveys/${d.id}`}>{d.title}</Link>
                </td>
                <td>
                  <code>{d.key}</code>
                </td>
                <td className="num">{d.latestVersion}</td>
                <td className="num">{d.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("surveyAdmin.create")}</h2>
      <Form method="post" className="card">
        <label htmlFor="key">{t("surveyAdmin.key")}</label>
        <input id="key" name="key" required pattern="[a-z0-9][a-z0-9\-]{1,59}" aria-describedby="key-help" />
        <p id="key-help" className="muted">
          {t("surveyAdmin.keyHelp")}
        </p>
        {errors.key && (
          <p className="error" role="alert">
            {errors.key.join("、")}
          </p>
        )}
        <label htmlFor="kind">{t("surveyAdmin.kind")}</label>
        <select id="kind" name="kind" defaultValue="custom">
          {(["citizen", "staff", "complaint", "custom"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`surveyKind.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor="template">{t("surveyAdmin.template")}</label>
        <select id="template" name="template" defaultValue="">
          <option value="">{t("surveyAdmin.blank")}</option>
          {templates.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        {errors.template && (
          <p className="error" role="alert">
            {errors.template.join("、")}
          </p>
        )}
        <p>
          <button type="submit">{t("common.create")}</button>
        </p>
      </Form>
    </>
  );
}
