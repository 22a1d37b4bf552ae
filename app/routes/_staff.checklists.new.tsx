import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { SURVEY_STYLESHEETS, SurveyForm } from "~/components/SurveyForm";
import { sanitizeDefinition } from "~/modules/surveys/sanitize.server";
import { t, type MessageKey } from "~/locales";
import { RECORDING_ROLES, checklistSurvey, recordingRefusal } from "~/modules/checklists";
import { createRecord, ensureTemplates, latestTemplates, recordableOffices, templateById } from "~/modules/checklists/records.server";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { isIsoDate, taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, readJsonBody } from "~/utils/http.server";
import { parseId } from "~/utils/ids";

export const links: LinksFunction = () => SURVEY_STYLESHEETS.map((href) => ({ rel: "stylesheet", href }));

export const meta: MetaFunction = () => [{ title: `${t("checklist.newTitle")}｜${t("app.name")}` }];

/**
 * Step one picks template, office and date (a GET form, so the choice is in the URL);
 * with all three valid the page adds the generated SurveyJS form. An office the user
 * may not inspect (their own, above all) is refused here already, not only on submit.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, RECORDING_ROLES);
  await ensureTemplates(prisma);
  const query = new URL(request.url).searchParams;
  const today = taipeiDate(new Date());
  const templates = (await latestTemplates(prisma)).map((s) => ({ id: s.id, title: s.template.title, kind: s.template.kind }));
  const offices = (await recordableOffices(prisma, user)).map((o) => ({ id: o.id, name: o.name }));
  const picked = { templateId: query.get("template") ?? "", officeId: query.get("office") ?? "", date: query.get("date") ?? today };
  const base = { today, templates, offices, picked, form: null };
  if (!picked.templateId || !picked.officeId) return json(base);

  const templateId = parseId(picked.templateId);
  const officeId = parseId(picked.officeId);
  if (templateId === null) throw errorResponse(400, t("checklist.error.template"));
  if (officeId === null) throw errorResponse(400, t("checklist.error.office"));
  if (!isIsoDate(picked.date)) throw errorResponse(400, t("error.invalidDate"));
  if (picked.date > today) throw errorResponse(400, t("checklist.error.futureDate"));
  const stored = await templateById(prisma, templateId);
  if (!stored) throw errorResponse(400, t("checklist.error.template"));
  const office = await prisma.office.findUnique({ where: { id: officeId }, select: { id: true, name: true, authorityId: true } });
  if (!office) throw errorResponse(400, t("checklist.error.office"));
  const refusal = recordingRefusal(user, office);
  if (refusal === "ownOffice") throw errorResponse(403, t("checklist.error.ownOffice"));
  if (refusal) forbidden();

  return json({
    ...base,
    form: {
      templateId: stored.id,
      title: stored.template.title,
      officeId: office.id,
      officeName: office.name,
      date: picked.date,
      survey: sanitizeDefinition(checklistSurvey(stored.template)),
    },
  });
}

const bodySchema = z.object({
  templateId: z.number().int().positive(),
  officeId: z.number().int().positive(),
  date: z.string().max(10),
  answers: z.unknown(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, RECORDING_ROLES);
  const read = await readJsonBody(request, bodySchema, 256 * 1024);
  if (!read.ok) return read.response;
  const { answers, ...rest } = read.data;
  const outcome = await createRecord(prisma, user, { ...rest, data: answers });
  if (!outcome.ok) return errorResponse(outcome.status, outcome.message, outcome.errors ? { errors: outcome.errors } : undefined);
  return redirect(`/checklists/${outcome.id}`);
}

type ActionError = { error?: string; errors?: Record<string, string[]> };

export default function NewChecklist() {
  const d = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionError>();
  const form = d.form;
  return (
    <>
      <h1>{t("checklist.newTitle")}</h1>
      <Form method="get" className="inline-form no-print">
        <div>
          <label htmlFor="template">{t("checklist.template")}</label>
          <select id="template" name="template" defaultValue={d.picked.templateId} required>
            <option value="">{t("admin.form.choose")}</option>
            {d.templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}（{t(`checklist.kind.${x.kind}` as MessageKey)}）
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="office">{t("checklist.office")}</label>
          <select id="office" name="office" defaultValue={d.picked.officeId} required>
            <option value="">{t("admin.form.choose")}</option>
            {d.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="date">{t("checklist.date")}</label>
          <input id="date" name="date" type="date" defaultValue={d.picked.date} max={d.today} required />
        </div>
        <button type="submit" className="secondary">
          {form ? t("checklist.change") : t("checklist.start")}
        </button>
      </Form>
      <p className="muted">{t("checklist.ownOfficeHint")}</p>

      {form && (
        <section aria-label={form.title}>
          <h2>{form.title}</h2>
          <p>
            {form.officeName}・{form.date}
          </p>
          <SurveyForm
            key={`${form.templateId}-${form.officeId}-${form.date}`}
            json={form.survey}
            busy={fetcher.state !== "idle"}
            result={fetcher.state === "idle" ? fetcher.data : undefined}
            onSubmit={(answers) =>
              fetcher.submit({ templateId: form.templateId, officeId: form.officeId, date: form.date, answers } as never, {
                method: "post",
                encType: "application/json",
              })
            }
          />
          <p className="muted">
            <Link to="/checklists">{t("common.back")}</Link>
          </p>
        </section>
      )}
    </>
  );
}
