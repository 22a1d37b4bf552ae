import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FollowUpTable } from "~/components/FollowUpTable";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { officeScope } from "~/modules/org/roles";
import { FOLLOW_UP_STATUSES } from "~/modules/surveys/follow-up";
import { listFollowUps } from "~/modules/surveys/follow-ups.server";
import { taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("followUp.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const scope = officeScope(user) ?? forbidden();
  const requested = new URL(request.url).searchParams.get("status") ?? "open";
  const status = (FOLLOW_UP_STATUSES as readonly string[]).includes(requested) ? requested : null;
  const cases = await listFollowUps(prisma, scope, status);
  return json({ status: status ?? "", today: taipeiDate(new Date()), cases });
}

export default function FollowUps() {
  const { status, today, cases } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("followUp.title")}</h1>
      <Form method="get" className="inline-form">
        <div>
          <label htmlFor="status">{t("followUp.filterStatus")}</label>
          <select id="status" name="status" defaultValue={status || "all"}>
            {FOLLOW_UP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`followUp.status.${s}`)}
              </option>
            ))}
            <option value="all">{t("followUp.all")}</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("office.show")}
        </button>
      </Form>
      {cases.length === 0 ? <p className="muted">{t("followUp.noCases")}</p> : <FollowUpTable cases={cases} today={today} showOffice />}
    </>
  );
}
