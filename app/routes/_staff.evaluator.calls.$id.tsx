import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { z } from "~/utils/zod";
import { ScoringForm } from "~/components/ScoringForm";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { getCall, saveCall, scorableOn } from "~/modules/courtesy/calls.server";
import { callToFormData, scoringSurvey } from "~/modules/courtesy/form";
import { scaleById } from "~/modules/courtesy/scales.server";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam, readJsonBody } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];
export const meta: MetaFunction = () => [{ title: `${t("evaluator.title")}｜${t("app.name")}` }];

const bodySchema = z.object({ intent: z.enum(["draft", "submit"]), data: z.record(z.string().max(120), z.unknown()) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["evaluator"]);
  const call = await getCall(prisma, idParam(params.id));
  if (!call || call.calibrationId !== null) throw errorResponse(404, t("error.notFound"));
  if (call.evaluatorId !== user.id) forbidden();
  const stored = await scaleById(prisma, call.scaleId);
  if (!stored) throw errorResponse(404, t("error.notFound"));
  return json({
    call: {
      id: call.id,
      status: call.status,
      scheduledDate: call.scheduledDate,
      slot: call.slot,
      officeName: call.office.name,
      phone: call.office.phone,
      unitName: call.unit?.name ?? "",
      extension: call.extension,
      question: call.question,
      total: call.total,
      band: call.band,
      dueDate: call.dueDate,
      scorable: scorableOn(call, new Date()),
      parts: stored.scale.parts.filter((p) => call.partsTested.includes(p.key)).map((p) => p.label),
    },
    survey: scoringSurvey(stored.scale, call.partsTested),
    data: callToFormData(call),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["evaluator"]);
  const id = idParam(params.id);
  const read = await readJsonBody(request, bodySchema);
  if (!read.ok) return read.response;
  const body = read.data;
  const outcome = await saveCall(prisma, user.id, id, body.data, body.intent === "submit");
  if (!outcome.ok) return errorResponse(outcome.status, outcome.message, outcome.errors ? { errors: outcome.errors } : undefined);
  const call = await getCall(prisma, id);
  return json({ ok: true as const, intent: body.intent, total: outcome.total, band: call?.band ?? null });
}

type Result = {
  ok?: boolean;
  intent?: string;
  total?: number | null;
  band?: string | null;
  error?: string;
  errors?: Record<string, string>;
};

export default function ScoreCall() {
  const { call, survey, data } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<Result>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const submitted = call.status === "submitted" || (result?.ok && result.intent === "submit");
  // The answer to a save lands at the top, far above the submit button on a phone: bring it into view.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!result || !notice.current) return;
    notice.current.scrollIntoView({ block: "center" });
    notice.current.focus({ preventScroll: true });
  }, [result]);
  return (
    <>
      <p>
        <Link to={`/evaluator?date=${call.scheduledDate}`}>← {t("evaluator.title")}</Link>
      </p>
      <h1>{t("evaluator.callTitle", { id: call.id })}</h1>
      <div className="card">
        <p>
          {t("evaluator.target")}：<strong>{call.officeName}</strong>・{call.unitName}
        </p>
        <p>
          {t("evaluator.dial")}：
          <a href={`tel:${call.phone.replace(/[^\d]/g, "")},${call.extension}`}>
            {call.phone} 轉 {call.extension}
          </a>
        </p>
        <p>
          {t("evaluator.slot")}：{call.scheduledDate} {call.slot}・{t("evaluator.parts")}：{call.parts.join("、")}
        </p>
        <p>
          {t("evaluator.dueDate")}：{call.dueDate}
        </p>
        {call.question && (
          <details open>
            <summary>
              {t("evaluator.question")}：{call.question.question}
            </summary>
            <p className="muted">
              {t("evaluator.expected")}：{call.question.expectedAnswer}
            </p>
          </details>
        )}
      </div>
      <div ref={notice} tabIndex={-1}>
        {result?.error && (
          <p className="error-summary" role="alert">
            {result.error}
          </p>
        )}
        {result?.ok && result.intent === "draft" && (
          <p className="ok" role="status">
            {t("evaluator.draftSaved")}
          </p>
        )}
        {submitted ? (
          <p className="ok" role="status">
            {result?.ok && result.total !== undefined && result.total !== null
              ? t("evaluator.submitted", { total: result.total, band: result.band ?? "" })
              : t("evaluator.readOnly")}
          </p>
        ) : null}
      </div>
      {call.scorable || submitted ? (
        <ScoringForm
          json={survey}
          data={data}
          readOnly={Boolean(submitted)}
          busy={fetcher.state !== "idle"}
          errors={result?.errors}
          onSave={(intent, values) => fetcher.submit({ intent, data: values } as never, { method: "post", encType: "application/json" })}
        />
      ) : (
        <p className="card" role="status">
          {t("evaluator.notYet", { date: call.scheduledDate })}
        </p>
      )}
    </>
  );
}
