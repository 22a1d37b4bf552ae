import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { createMonthlyPlan, createMutualPairs, monthPlanSummary, ownOfficeCalls, planAuthority } from "~/modules/courtesy/plans.server";
import { AppError } from "~/utils/errors";
import { isIsoMonth, rocMonthLabel, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("courtesy.plans")}｜${t("app.name")}` }];

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Plans belong to one authority: an analyst's own, or the one an admin picks on the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst"]);
  const url = new URL(request.url);
  const month = url.searchParams.get("month") ?? nextMonth(taipeiMonth(new Date()));
  if (!isIsoMonth(month)) throw errorResponse(400, t("error.invalidMonth"));
  const { authorityId, authorities } = await planAuthority(prisma, user, url.searchParams.get("authority"));
  if (authorityId === null)
    return json({ month, authorityId, authorities, summary: null, ownOffice: 0, groups: [] as { id: number; name: string }[] });
  const groups = await prisma.peerGroup.findMany({
    where: { offices: { some: { authorityId } } },
    orderBy: { id: "asc" },
    select: { id: true, name: true },
  });
  return json({
    month,
    authorityId,
    authorities,
    summary: await monthPlanSummary(prisma, authorityId, month),
    ownOffice: await ownOfficeCalls(prisma, authorityId, month),
    groups,
  });
}

const mutualSchema = z.object({
  month: z.string().refine(isIsoMonth, t("error.invalidMonth")),
  group: z.coerce.number().int().positive(),
  seed: z.coerce.number().int().min(0).max(2_147_483_647),
  replace: z.literal("on").optional(),
});

const planSchema = z.object({
  month: z.string().refine(isIsoMonth, t("error.invalidMonth")),
  callsPerTarget: z.coerce.number().int().min(1, t("plan.error.calls")).max(4, t("plan.error.calls")),
  seed: z.coerce.number().int().min(0).max(2_147_483_647),
  replace: z.literal("on").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst"]);
  const form = Object.fromEntries(await readForm(request));
  const { authorityId } = await planAuthority(prisma, user, typeof form.authority === "string" ? form.authority : null);
  if (authorityId === null) return json({ error: t("plan.error.noAuthority") }, { status: 400 });
  if (form.intent === "mutual") return pairOffices(user.id, authorityId, form);
  const parsed = planSchema.safeParse(form);
  if (!parsed.success) return json({ error: parsed.error.issues[0].message }, { status: 400 });
  try {
    const created = await createMonthlyPlan(prisma, user.id, { ...parsed.data, authorityId, replace: parsed.data.replace === "on" });
    return json({ ok: t("plan.created", { calls: created.calls, month: rocMonthLabel(parsed.data.month) }) });
  } catch (e) {
    if (e instanceof AppError) return json({ error: e.message }, { status: e.status });
    throw e;
  }
}

async function pairOffices(actorId: number, authorityId: number, form: Record<string, unknown>) {
  const parsed = mutualSchema.safeParse(form);
  if (!parsed.success) return json({ error: parsed.error.issues[0].message }, { status: 400 });
  try {
    const count = await createMutualPairs(prisma, actorId, {
      ...parsed.data,
      authorityId,
      peerGroupId: parsed.data.group,
      replace: parsed.data.replace === "on",
    });
    return json({ ok: t("mutual.created", { count, month: rocMonthLabel(parsed.data.month) }) });
  } catch (e) {
    if (e instanceof AppError) return json({ error: e.message }, { status: e.status });
    throw e;
  }
}

export default function Plans() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // The form posts to the month it plans, so the summary below shows that month afterwards.
  const [planMonth, setPlanMonth] = useState(d.month);
  useEffect(() => setPlanMonth(d.month), [d.month]);
  const planTarget = `?${new URLSearchParams({
    month: isIsoMonth(planMonth) ? planMonth : d.month,
    ...(d.authorityId ? { authority: String(d.authorityId) } : {}),
  })}`;
  return (
    <>
      <p>
        <Link to="/courtesy">← {t("nav.courtesy")}</Link>
      </p>
      <h1>{t("courtesy.plans")}</h1>
      {d.authorities.length > 1 && (
        <Form method="get" className="inline-form">
          <input type="hidden" name="month" value={d.month} />
          <label htmlFor="authority">{t("plan.authority")}</label>
          <select id="authority" name="authority" defaultValue={d.authorityId ?? undefined}>
            {d.authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            {t("plan.showAuthority")}
          </button>
        </Form>
      )}
      <p>{t("plan.forAuthority", { authority: d.authorities.find((a) => a.id === d.authorityId)?.name ?? t("common.none") })}</p>
      <Form method="post" action={planTarget} className="card">
        <input type="hidden" name="intent" value="plan" />
        <input type="hidden" name="authority" value={d.authorityId ?? ""} />
        <h2>{t("plan.generate")}</h2>
        <p className="muted">{t("plan.help")}</p>
        <label htmlFor="month">{t("office.month")}</label>
        <input id="month" name="month" type="month" value={planMonth} onChange={(e) => setPlanMonth(e.target.value)} required />
        <label htmlFor="callsPerTarget">{t("plan.callsPerTarget")}</label>
        <input id="callsPerTarget" name="callsPerTarget" type="number" min={1} max={4} defaultValue={1} required />
        <label htmlFor="seed">{t("plan.seed")}</label>
        <input id="seed" name="seed" type="number" min={0} defaultValue={Number(d.month.replace("-", ""))} required />
        <label>
          <input type="checkbox" name="replace" /> {t("plan.replace")}
        </label>
        {result && "error" in result && (
          <p className="error" role="alert">
            {result.error}
          </p>
        )}
        {result && "ok" in result && (
          <p className="ok" role="status">
            {result.ok}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {t("plan.generate")}
          </button>
        </p>
      </Form>

      <h2>{t("plan.summary", { month: rocMonthLabel(d.month) })}</h2>
      {d.summary?.plan ? (
        <>
          <p>
            {t("plan.seedUsed", { seed: d.summary.plan.seed })}・
            {Object.entries(d.summary.byStatus)
              .map(([s, n]) => `${t(`call.status.${s}` as "call.status.planned")} ${n}`)
              .join("、")}
          </p>
          <p className={d.ownOffice === 0 ? "ok" : "error"}>{t("plan.ownOfficeCheck", { count: d.ownOffice })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("courtesy.evaluator")}</th>
                  <th>{t("office.office")}</th>
                  <th className="num">{t("plan.calls")}</th>
                </tr>
              </thead>
              <tbody>
                {d.summary.evaluators.map((e) => (
                  <tr key={e.id}>
                    <td>{e.name}</td>
                    <td>{e.office?.name}</td>
                    <td className="num">{e.calls}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">{t("plan.none")}</p>
      )}

      <Form method="post" className="card">
        <input type="hidden" name="intent" value="mutual" />
        <input type="hidden" name="authority" value={d.authorityId ?? ""} />
        <h2>{t("plan.mutual")}</h2>
        <p className="muted">{t("mutual.help")}</p>
        <label htmlFor="mutual-month">{t("mutual.month")}</label>
        <input id="mutual-month" name="month" type="month" defaultValue={d.month} required />
        <label htmlFor="group">{t("office.list.peerGroup")}</label>
        <select id="group" name="group">
          {d.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label htmlFor="pairSeed">{t("plan.seed")}</label>
        <input id="pairSeed" name="seed" type="number" min={0} defaultValue={Number(d.month.replace("-", ""))} required />
        <label>
          <input type="checkbox" name="replace" /> {t("mutual.replace")}
        </label>
        <p className="inline-form">
          <button type="submit" className="secondary" disabled={busy}>
            {t("plan.pair")}
          </button>
          <Link to={`/courtesy/mutual?month=${d.month}`}>{t("mutual.view")}</Link>
        </p>
      </Form>
    </>
  );
}
