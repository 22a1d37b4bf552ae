import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { formOk, runForm, unknownIntent, type FormResult } from "~/modules/org/form-actions.server";
import { officeScope } from "~/modules/org/roles";
import { listDuplicateReview, setDuplicateFlag } from "~/modules/surveys/duplicates.server";
import { CSRF_FIELD } from "~/utils/csrf";
import { csrfToken, requireCsrf } from "~/utils/csrf.server";
import { taipeiDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { idParam, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("duplicates.title")}｜${t("app.name")}` }];

const VIEWS = ["flagged", "cleared"] as const;
const ROLES = ["admin", "analyst", "manager"] as const;

const filterSchema = z.object({
  view: z.enum(VIEWS).catch("flagged"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

async function scopedUser(request: Request) {
  const user = await requireUser(request, ROLES);
  return { user, scope: officeScope(user) ?? forbidden() };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await scopedUser(request);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listDuplicateReview(prisma, scope, filter.view, filter.page);
  return json({ ...list, view: filter.view, csrf: await csrfToken(request) });
}

// Clearing counts the response in the figures again; flagging takes it back out.
const INTENTS = { clear: false, flag: true } as const;

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await scopedUser(request);
  const form = await readForm(request);
  await requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "clear" && intent !== "flag") return unknownIntent(intent);
  const id = idParam(String(form.get("responseId") ?? ""));
  return runForm(
    intent,
    async () => {
      await setDuplicateFlag(prisma, user.id, scope, id, INTENTS[intent]);
      return formOk(intent, t(intent === "clear" ? "duplicates.cleared" : "duplicates.flagged"), String(id));
    },
    String(id),
  );
}

export default function DuplicateReview() {
  const { responses, total, page, pages, view, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const pageLink = (n: number) => `?${new URLSearchParams({ view, page: String(n) })}`;
  return (
    <>
      <h1>{t("duplicates.title")}</h1>
      <p className="muted">{t("duplicates.intro")}</p>
      <nav className="inline-form" aria-label={t("duplicates.views")}>
        {VIEWS.map((v) => (
          <Link
            key={v}
            to={`?view=${v}`}
            aria-current={v === view ? "page" : undefined}
            className={v === view ? "button" : "button secondary"}
          >
            {t(`duplicates.view.${v}`)}
          </Link>
        ))}
      </nav>
      {result?.message && (
        <p className="ok" role="status">
          {result.message}
        </p>
      )}
      {result && !result.ok && (
        <p className="error" role="alert">
          {Object.values(result.errors).flat().join("、")}
        </p>
      )}
      <p className="muted">{t("duplicates.count", { total, page, pages })}</p>
      {responses.length === 0 ? (
        <p className="muted">{t("duplicates.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("duplicates.submittedAt")}</th>
                <th>{t("duplicates.office")}</th>
                <th>{t("duplicates.channel")}</th>
                <th>{t("duplicates.answers")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {responses.map((r) => (
                <tr key={r.id}>
                  <td>{taipeiDateTime(r.submittedAt)}</td>
                  <td>{r.office.name}</td>
                  <td>
                    {r.channel.label}（<code>{r.channel.code}</code>）
                  </td>
                  <td>
                    <details>
                      <summary>{t("duplicates.answerCount", { count: r.answers.length })}</summary>
                      <ul>
                        {r.answers.map((a) => (
                          <li key={a.name}>
                            {a.title}：{a.value}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name={CSRF_FIELD} value={csrf} />
                      <input type="hidden" name="responseId" value={r.id} />
                      {r.duplicate ? (
                        <button type="submit" name="intent" value="clear">
                          {t("duplicates.clear")}
                        </button>
                      ) : (
                        <button type="submit" name="intent" value="flag" className="secondary">
                          {t("duplicates.flag")}
                        </button>
                      )}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="inline-form" aria-label={t("duplicates.pages")}>
          {page > 1 && <Link to={pageLink(page - 1)}>{t("admin.user.prev")}</Link>}
          {page < pages && <Link to={pageLink(page + 1)}>{t("admin.user.next")}</Link>}
        </nav>
      )}
    </>
  );
}
