import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonthPicker } from "~/components/MonthPicker";
import { t } from "~/locales";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { officeScope } from "~/modules/org/roles";
import { mutualPairsFor } from "~/modules/courtesy/plans.server";
import { isIsoMonth, rocMonthLabel, taipeiMonth } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("mutual.title")}｜${t("app.name")}` }];

/** Who tests whom this month, and the tested office's extension list for its tester. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const scope = officeScope(user) ?? forbidden();
  const month = new URL(request.url).searchParams.get("month") ?? taipeiMonth(new Date());
  if (!isIsoMonth(month)) throw errorResponse(400, t("error.invalidMonth"));
  return json({ month, officeId: user.role === "manager" ? user.officeId : null, pairs: await mutualPairsFor(prisma, month, scope) });
}

export default function Mutual() {
  const { month, officeId, pairs } = useLoaderData<typeof loader>();
  const testedBy = officeId ? pairs.find((p) => p.tested.id === officeId) : undefined;
  return (
    <>
      <p>
        <Link to="/courtesy">← {t("nav.courtesy")}</Link>
      </p>
      <h1>
        {t("mutual.title")}（{rocMonthLabel(month)}）
      </h1>
      <MonthPicker month={month} />
      {pairs.length === 0 && <p className="muted">{t("mutual.none")}</p>}
      {testedBy && <p className="card">{t("mutual.testedBy", { office: testedBy.tester.name })}</p>}
      {pairs
        .filter((p) => officeId === null || p.tester.id === officeId)
        .map((p) => (
          <section key={p.id} className="card">
            <h2>{officeId ? t("mutual.youTest", { office: p.tested.name }) : `${p.tester.name} → ${p.tested.name}`}</h2>
            <h3>{t("mutual.extensionList", { office: p.tested.name })}</h3>
            <p>{t("mutual.switchboard", { phone: p.tested.phone })}</p>
            <div className="table-wrap">
              <table>
                <tbody>
                  {p.tested.units.map((u) => (
                    <tr key={u.name}>
                      <th scope="row">{u.name}</th>
                      <td>{u.extensions.map((x) => `${x.number}${x.label ? `（${x.label}）` : ""}`).join("、")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </>
  );
}
