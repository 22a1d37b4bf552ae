import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { AnnualReportDocument } from "~/components/AnnualReportDocument";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { jobsFor, startReportJob } from "~/modules/reports/report-worker.server";
import { annualModelInThread } from "~/modules/reports/report-thread.server";
import { REPORT_FORMATS, MAX_NOTE_CHARS, type ReportFormat } from "~/modules/reports/report-formats";
import { readNote, REPORT_PAGE_ROLES, reportPageRequest, reportScopes, saveNote } from "~/modules/reports/report-page.server";
import { CSRF_FIELD } from "~/utils/csrf";
import { csrfToken, requireCsrf } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { errorResponse, readForm } from "~/utils/http.server";
import { AppError } from "~/utils/errors";
import type { loader as jobsLoader } from "./reports.annual.jobs";

export const meta: MetaFunction = () => [{ title: `${t("report.page.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, REPORT_PAGE_ROLES);
  const req = await reportPageRequest(prisma, user, new URL(request.url));
  try {
    const [model, note, scopes, jobs] = await Promise.all([
      annualModelInThread(req.scope, req.year),
      readNote(prisma, req.scope, req.year),
      reportScopes(prisma, user),
      jobsFor(prisma, req.scope, req.year),
    ]);
    return json({ model, note: note?.text ?? "", scope: req.scope, year: req.year, scopes, jobs, csrf: await csrfToken(request) });
  } catch (e) {
    if (e instanceof AppError) throw errorResponse(e.status, e.message);
    throw e;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, REPORT_PAGE_ROLES);
  const url = new URL(request.url);
  const req = await reportPageRequest(prisma, user, url);
  const form = await readForm(request);
  await requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "");
  if (intent === "note") {
    await saveNote(prisma, req.scope, req.year, String(form.get("note") ?? ""), user.id);
    return json({ ok: true, message: t("report.page.noteSaved") });
  }
  if (intent === "start") {
    const format = String(form.get("format") ?? "");
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw errorResponse(400, t("report.error.format"));
    await startReportJob(prisma, { ...req, format: format as ReportFormat }, user.id);
    return redirect(`${url.pathname}${url.search}`);
  }
  throw errorResponse(400, t("admin.form.unknownIntent"));
}

type Jobs = ReturnType<typeof useLoaderData<typeof loader>>["jobs"];

/**
 * The jobs as they are now: the page's own, and while one is queued or running, those of
 * /reports/annual/jobs asked for every 1.5 s (not the page's loader, which would make the
 * whole report's figures again each time). New page data (a job started) replaces them.
 */
function useLiveJobs(fromPage: Jobs): Jobs {
  const { search } = useLocation();
  const fetcher = useFetcher<typeof jobsLoader>();
  const [jobs, setJobs] = useState(fromPage);
  useEffect(() => setJobs(fromPage), [fromPage]);
  useEffect(() => {
    if (fetcher.data) setJobs(fetcher.data.jobs);
  }, [fetcher.data]);
  const active = jobs.some((j) => j.status === "queued" || j.status === "running");
  const { load, state } = fetcher;
  useEffect(() => {
    if (!active || state !== "idle") return;
    const timer = setTimeout(() => load(`/reports/annual/jobs${search}`), 1500);
    return () => clearTimeout(timer);
  }, [active, state, load, search, jobs]);
  return jobs;
}

export default function AnnualReportPage() {
  const d = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  const jobs = useLiveJobs(d.jobs);
  const scopeValue = d.scope.officeId === null ? `authority:${d.scope.authorityId}` : `office:${d.scope.officeId}`;
  return (
    <>
      <h1 className="no-print">{t("report.page.title")}</h1>
      <Form method="get" className="inline-form no-print" aria-label={t("report.page.choose")}>
        <div>
          <label htmlFor="report-scope">{t("report.page.scope")}</label>
          <select
            id="report-scope"
            defaultValue={scopeValue}
            onChange={(e) => {
              const [kind, id] = e.currentTarget.value.split(":");
              const form = e.currentTarget.form!;
              (form.elements.namedItem("authority") as HTMLInputElement).value = kind === "authority" ? id : "";
              (form.elements.namedItem("office") as HTMLInputElement).value = kind === "office" ? id : "";
            }}
          >
            {d.scopes.authorities.map((a) => (
              <option key={`a${a.id}`} value={`authority:${a.id}`}>
                {t("report.page.wholeAuthority", { name: a.name })}
              </option>
            ))}
            {d.scopes.offices.map((o) => (
              <option key={`o${o.id}`} value={`office:${o.id}`}>
                {o.name}
              </option>
            ))}
          </select>
          <input type="hidden" name="authority" defaultValue={d.scope.officeId === null ? d.scope.authorityId : ""} />
          <input type="hidden" name="office" defaultValue={d.scope.officeId ?? ""} />
        </div>
        <div>
          <label htmlFor="report-year">{t("report.page.year")}</label>
          <input id="report-year" name="year" type="number" min={2000} max={2100} defaultValue={d.year} />
        </div>
        <button type="submit">{t("report.page.show")}</button>
      </Form>

      <section className="no-print" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t("report.page.downloads")}</h2>
        <p className="muted">{t("report.page.downloadsIntro")}</p>
        <div className="inline-form">
          {REPORT_FORMATS.map((format) => (
            <Form method="post" key={format}>
              <input type="hidden" name={CSRF_FIELD} value={d.csrf} />
              <input type="hidden" name="intent" value="start" />
              <input type="hidden" name="format" value={format} />
              <button type="submit">{t("report.page.start", { format: format.toUpperCase() })}</button>
            </Form>
          ))}
        </div>
        {jobs.length > 0 && (
          <ul className="job-list" aria-label={t("report.page.jobs")}>
            {jobs.map((j) => (
              <li key={j.id} data-format={j.format}>
                <strong>{j.format.toUpperCase()}</strong>{" "}
                {j.status === "done" ? (
                  <a href={`/reports/jobs/${j.id}/file`} download>
                    {t("report.page.download", { name: j.fileName ?? "" })}
                  </a>
                ) : j.status === "failed" ? (
                  <span className="error" role="alert">
                    {t("report.page.failed", { error: j.error ?? "" })}
                  </span>
                ) : (
                  <>
                    <progress max={100} value={j.progress} aria-label={t("report.page.progress", { format: j.format.toUpperCase() })} />{" "}
                    <span role="status">
                      {t(j.status === "queued" ? "report.page.queued" : "report.page.running", { progress: j.progress })}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="no-print" aria-labelledby="note-heading">
        <h2 id="note-heading">{t("report.page.note")}</h2>
        <Form method="post">
          <input type="hidden" name={CSRF_FIELD} value={d.csrf} />
          <input type="hidden" name="intent" value="note" />
          <label htmlFor="report-note">{t("report.page.noteLabel")}</label>
          <textarea id="report-note" name="note" rows={6} maxLength={MAX_NOTE_CHARS} defaultValue={d.note} key={d.note} />
          <button type="submit">{t("report.page.saveNote")}</button>
          {saved?.ok && (
            <p className="ok" role="status">
              {saved.message}
            </p>
          )}
        </Form>
      </section>

      <AnnualReportDocument model={d.model} />
    </>
  );
}
