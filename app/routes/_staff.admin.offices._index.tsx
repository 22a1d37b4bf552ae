import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActiveBadge, OfficeFields, officeKindLabel } from "~/components/AdminOrgForms";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { runForm, type FormResult } from "~/modules/org/form-actions.server";
import { createOffice, listOffices, officeFormOptions } from "~/modules/org/offices.server";
import { officeSchema, parseForm } from "~/modules/org/validation";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.office.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [offices, options] = await Promise.all([listOffices(prisma), officeFormOptions(prisma)]);
  return json({ offices, ...options });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const form = await readForm(request);
  return runForm("create-office", async () => {
    const office = await createOffice(prisma, admin.id, parseForm(officeSchema, form));
    return redirect(`/admin/offices/${office.id}`);
  });
}

export default function AdminOffices() {
  const { offices, authorities, peerGroups } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  return (
    <>
      <h1>{t("admin.office.title")}</h1>
      <h2>{t("admin.office.list")}</h2>
      {offices.length === 0 ? (
        <p className="muted">{t("admin.office.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("admin.office.name")}</th>
                <th>{t("admin.office.kind")}</th>
                <th>{t("admin.office.location")}</th>
                <th>{t("admin.office.authority")}</th>
                <th>{t("admin.office.peerGroup")}</th>
                <th className="num">{t("admin.office.units")}</th>
                <th>{t("admin.form.active")}</th>
              </tr>
            </thead>
            <tbody>
              {offices.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/admin/offices/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>{officeKindLabel(o.kind)}</td>
                  <td>
                    {o.city}
                    {o.district}
                  </td>
                  <td>{o.authority.name}</td>
                  <td>{o.peerGroup?.name ?? t("common.none")}</td>
                  <td className="num">{o._count.units}</td>
                  <td>
                    <ActiveBadge active={o.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("admin.office.create")}</h2>
      <Form method="post" className="card">
        <OfficeFields authorities={authorities} peerGroups={peerGroups} errors={result?.errors ?? {}} />
        <p>
          <button type="submit">{t("common.create")}</button>
        </p>
      </Form>
    </>
  );
}
