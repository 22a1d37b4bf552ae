import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { SurveyPreview } from "~/components/SurveyPreview";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { getDefinition, parseDefinition, saveDefinitionVersion } from "~/modules/surveys/definitions.server";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam, readForm } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.definition.title ?? ""}｜${t("app.name")}` }];

/** A definition larger than this is not a questionnaire a citizen should face. */
const MAX_DEFINITION_BYTES = 512 * 1024;

async function loadDefinition(id: string | undefined) {
  const definition = await getDefinition(prisma, idParam(id));
  if (!definition) throw errorResponse(404, t("error.notFound"));
  return definition;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const definition = await loadDefinition(params.id);
  const latest = definition.versions[0];
  return json({
    definition: { id: definition.id, key: definition.key, title: definition.title, kind: definition.kind },
    versions: definition.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      responses: v._count.responses,
      channels: v._count.channels,
    })),
    text: JSON.stringify(JSON.parse(latest.json), null, 2),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const definition = await loadDefinition(params.id);
  const body = await readForm(request, MAX_DEFINITION_BYTES, t("surveyAdmin.error.tooLarge"));
  const parsed = parseDefinition(String(body.get("json") ?? ""));
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const saved = await saveDefinitionVersion(prisma, user.id, definition.id, parsed.json, parsed.title);
  return json({ ok: true as const, ...saved });
}

export default function SurveyEditor() {
  const { definition, versions, text: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [text, setText] = useState(initial);
  return (
    <>
      <h1>{definition.title}</h1>
      <p className="muted">
        <code>{definition.key}</code>・{t("surveyAdmin.versions", { count: versions.length })}・
        {versions.map((v) => t("surveyAdmin.versionLine", { version: v.version, responses: v.responses, channels: v.channels })).join("；")}
      </p>
      <p className="muted">{t("surveyAdmin.editHelp")}</p>
      <div className="split">
        <Form method="post" encType="application/x-www-form-urlencoded">
          <label htmlFor="json">{t("surveyAdmin.json")}</label>
          <textarea id="json" name="json" className="code" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          {result && !result.ok && (
            <div className="error-summary" role="alert">
              <p>{t("surveyAdmin.rejected")}</p>
              <ul>
                {result.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          {result?.ok && (
            <p className="ok" role="status">
              {result.created
                ? t("surveyAdmin.savedNewVersion", { version: result.version })
                : t("surveyAdmin.savedSameVersion", { version: result.version })}
            </p>
          )}
          <p>
            <button type="submit" disabled={busy}>
              {t("common.save")}
            </button>
          </p>
        </Form>
        <section aria-label={t("surveyAdmin.preview")}>
          <h2>{t("surveyAdmin.preview")}</h2>
          <SurveyPreview text={text} />
        </section>
      </div>
    </>
  );
}
