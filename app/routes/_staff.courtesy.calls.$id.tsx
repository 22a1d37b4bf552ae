import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { z } from "~/utils/zod";
import { ScoringForm } from "~/components/ScoringForm";
import { t, type MessageKey } from "~/locales";
import { forbidden, requireUser, type SessionUser } from "~/modules/org/auth.server";
import { canSeeOffice } from "~/modules/org/roles";
import { appealDeadline, appealSchema, decideAppeal, decisionSchema, fileAppeal } from "~/modules/courtesy/appeals.server";
import { deductions, getCall, readCallForm } from "~/modules/courtesy/calls.server";
import { callToFormData, scoringSurvey } from "~/modules/courtesy/form";
import { scaleById } from "~/modules/courtesy/scales.server";
import { taipeiDate, taipeiDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { errorResponse, idParam, readJsonBody } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];
export const meta: MetaFunction = () => [{ title: `${t("nav.courtesy")}｜${t("app.name")}` }];

/** A submitted, non-calibration call the user may see, with its scale; 404 / 403 otherwise. */
async function loadScoredCall(user: SessionUser, param: string | undefined) {
  const call = await getCall(prisma, idParam(param));
  if (!call || call.status !== "submitted" || call.calibrationId !== null) throw errorResponse(404, t("error.notFound"));
  const office = await prisma.office.findUniqueOrThrow({ where: { id: call.officeId }, select: { id: true, authorityId: true } });
  if (!canSeeOffice(user, office)) forbidden();
  const stored = await scaleById(prisma, call.scaleId);
  if (!stored) throw errorResponse(404, t("error.notFound"));
  return { call, scale: stored.scale };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const { call, scale } = await loadScoredCall(user, params.id);
  const appeals = await prisma.appeal.findMany({
    where: { callId: call.id },
    orderBy: { id: "asc" },
    select: { id: true, status: true, reason: true, filedAt: true, oldTotal: true, newTotal: true, decisionReason: true, decidedAt: true },
  });
  const deadline = call.submittedAt ? appealDeadline(call.submittedAt) : null;
  const pending = appeals.some((a) => a.status === "pending");
  return json({
    role: user.role,
    call: {
      id: call.id,
      officeName: call.office.name,
      unitName: call.unit?.name ?? "",
      extension: call.extension,
      scheduledDate: call.scheduledDate,
      slot: call.slot,
      question: call.question?.question ?? null,
      rings: call.rings,
      secondsToAnswer: call.secondsToAnswer,
      total: call.total,
      band: call.band,
      comment: call.comment,
    },
    rows: deductions(scale, call),
    appeals,
    deadline,
    canAppeal: user.role === "manager" && !pending && deadline !== null && new Date() <= deadline,
    canDecide: user.role !== "manager" && pending,
    survey: scoringSurvey(scale, call.partsTested),
    data: callToFormData(call),
  });
}

const bodySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("appeal"), reason: z.string().max(4000) }),
  z.object({ intent: z.literal("reject"), reason: z.string().max(4000) }),
  z.object({ intent: z.literal("accept"), reason: z.string().max(4000), data: z.record(z.string().max(120), z.unknown()) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const { call, scale } = await loadScoredCall(user, params.id);
  const read = await readJsonBody(request, bodySchema);
  if (!read.ok) return read.response;
  const body = read.data;

  if (body.intent === "appeal") {
    if (user.role !== "manager") forbidden();
    const reason = appealSchema.safeParse({ reason: body.reason });
    if (!reason.success) return errorResponse(400, reason.error.issues[0].message);
    const outcome = await fileAppeal(prisma, user.id, call.id, reason.data.reason);
    return outcome.ok ? json({ ok: true }) : errorResponse(outcome.status, outcome.message);
  }

  if (user.role === "manager") forbidden();
  const appeal = await prisma.appeal.findFirst({ where: { callId: call.id, status: "pending" }, select: { id: true } });
  if (!appeal) return errorResponse(409, t("appeal.error.decided"));
  const decision = decisionSchema.safeParse({ decision: body.intent, reason: body.reason });
  if (!decision.success) return errorResponse(400, decision.error.issues[0].message);
  let marks = null;
  if (body.intent === "accept") {
    const itemKeys = scale.parts.filter((p) => call.partsTested.includes(p.key)).flatMap((p) => p.items.map((i) => i.key));
    try {
      marks = readCallForm(body.data, itemKeys).marks;
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e.status, e.message);
      throw e;
    }
  }
  const outcome = await decideAppeal(prisma, user.id, appeal.id, decision.data, marks);
  return outcome.ok ? json({ ok: true }) : errorResponse(outcome.status, outcome.message);
}

export default function CallDetail() {
  const d = useLoaderData<typeof loader>();
  const fetcher = useFetcher<{ ok?: boolean; error?: string }>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const [reason, setReason] = useState("");
  const send = (payload: object) => fetcher.submit(payload as never, { method: "post", encType: "application/json" });
  const markText = (mark: number | "na" | null) => (mark === "na" ? t("courtesy.na") : mark === null ? "—" : String(mark));
  return (
    <>
      <p>
        <Link to="/courtesy">← {t("nav.courtesy")}</Link>
      </p>
      <h1>{t("courtesy.callDetail", { id: d.call.id })}</h1>
      <div className="card">
        <p>
          <strong>{d.call.officeName}</strong>・{d.call.unitName}（{d.call.extension}）
        </p>
        <p>
          {d.call.scheduledDate} {d.call.slot}
        </p>
        {d.call.question && (
          <p>
            {t("evaluator.question")}：{d.call.question}
          </p>
        )}
        <p>{t("courtesy.ringsSeconds", { rings: d.call.rings ?? "—", seconds: d.call.secondsToAnswer ?? "—" })}</p>
        <p className="stat">
          {d.call.total}{" "}
          <span className="muted" style={{ fontSize: "1rem" }}>
            {d.call.band}
          </span>
        </p>
        {d.call.comment && (
          <p>
            {t("courtesy.comment")}：{d.call.comment}
          </p>
        )}
      </div>
      <h2>{t("courtesy.deductions")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("courtesy.item")}</th>
              <th className="num">{t("courtesy.mark")}</th>
              <th>{t("courtesy.note")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.key} className={typeof r.mark === "number" && r.mark < r.max ? "deducted" : undefined}>
                <td>
                  {r.part}：{r.label}
                </td>
                <td className="num">
                  {markText(r.mark)} / {r.max}
                </td>
                <td>{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("appeal.history")}</h2>
      {d.appeals.length === 0 && <p className="muted">{t("courtesy.noAppeals")}</p>}
      {d.appeals.map((a) => (
        <div key={a.id} className="card">
          <p>
            {t(`appeal.status.${a.status}` as MessageKey)}・{taipeiDate(new Date(a.filedAt))}
          </p>
          <p>
            {t("appeal.reason")}：{a.reason}
          </p>
          {a.status !== "pending" && (
            <p>
              {t("appeal.decisionReason")}：{a.decisionReason}（{t("appeal.oldTotal")} {a.oldTotal}
              {a.newTotal !== null ? ` → ${t("appeal.newTotal")} ${a.newTotal}` : ""}）
            </p>
          )}
        </div>
      ))}
      {result?.error && (
        <p className="error-summary" role="alert">
          {result.error}
        </p>
      )}
      {result?.ok && (
        <p className="ok" role="status">
          {t("common.saved")}
        </p>
      )}

      {d.canAppeal && (
        <div className="card">
          <h2>{t("appeal.file")}</h2>
          {d.deadline && <p className="muted">{t("appeal.deadline", { date: taipeiDateTime(d.deadline) })}</p>}
          <label htmlFor="appeal-reason">{t("appeal.reason")}</label>
          <textarea id="appeal-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          <p>
            <button type="button" onClick={() => send({ intent: "appeal", reason })}>
              {t("appeal.file")}
            </button>
          </p>
        </div>
      )}

      {d.canDecide && (
        <div className="card">
          <h2>{t("appeal.decide")}</h2>
          <label htmlFor="decision-reason">{t("appeal.decisionReason")}</label>
          <textarea id="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          <p>
            <button type="button" className="secondary" onClick={() => send({ intent: "reject", reason })}>
              {t("appeal.reject")}
            </button>
          </p>
          <p className="muted">{t("appeal.acceptHelp")}</p>
          <ScoringForm
            json={d.survey}
            data={d.data}
            readOnly={false}
            busy={fetcher.state !== "idle"}
            callTools={false}
            onSave={(intent, data) => intent === "submit" && send({ intent: "accept", reason, data })}
          />
        </div>
      )}
    </>
  );
}
