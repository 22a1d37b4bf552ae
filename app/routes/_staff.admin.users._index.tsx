import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActiveBadge, ScopeFields, TextField, roleLabel } from "~/components/AdminOrgForms";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { runForm, type FormResult } from "~/modules/org/form-actions.server";
import { createUser, listUsers, userFormOptions } from "~/modules/org/users.server";
import { parseForm, userCreateSchema } from "~/modules/org/validation";
import { prisma } from "~/utils/db.server";
import { z } from "~/utils/zod";
import { ROLES } from "~/modules/org/roles";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.user.title")}｜${t("app.name")}` }];

const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, options] = await Promise.all([listUsers(prisma, filter), userFormOptions(prisma)]);
  return json({ ...list, filter, ...options });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const form = await readForm(request);
  return runForm("create-user", async () => {
    const user = await createUser(prisma, admin.id, parseForm(userCreateSchema, form));
    return redirect(`/admin/users/${user.id}`);
  });
}

type ScopeRow = { authority: { name: string } | null; office: { name: string } | null; unit: { name: string } | null; role: string };

/** Who the account may see: an authority, an office (and unit), or everything for admins. */
function scopeLabel(u: ScopeRow): string {
  if (u.role === "admin") return t("admin.user.scopeAll");
  if (u.office) return u.unit ? `${u.office.name}／${u.unit.name}` : u.office.name;
  return u.authority?.name ?? t("common.none");
}

export default function AdminUsers() {
  const { users, total, page, pages, filter, authorities, offices, units } = useLoaderData<typeof loader>();
  const pageLink = (n: number) =>
    `?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), ...(filter.role ? { role: filter.role } : {}), page: String(n) })}`;
  const result = useActionData<FormResult>();
  const errors = result?.errors ?? {};
  return (
    <>
      <h1>{t("admin.user.title")}</h1>
      <h2>{t("admin.user.list")}</h2>
      <Form method="get" className="inline-form">
        <div>
          <label htmlFor="q">{t("admin.user.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <div>
          <label htmlFor="filter-role">{t("admin.user.role")}</label>
          <select id="filter-role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">{t("followUp.all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("office.show")}
        </button>
      </Form>
      <p className="muted">{t("admin.user.count", { total, page, pages })}</p>
      {users.length === 0 ? (
        <p className="muted">{t("admin.user.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("admin.user.email")}</th>
                <th>{t("admin.user.name")}</th>
                <th>{t("admin.user.role")}</th>
                <th>{t("admin.user.scope")}</th>
                <th>{t("admin.form.active")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                  </td>
                  <td>{u.name}</td>
                  <td>{roleLabel(u.role)}</td>
                  <td>{scopeLabel(u)}</td>
                  <td>
                    <ActiveBadge active={u.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="inline-form" aria-label={t("admin.user.pages")}>
          {page > 1 && <Link to={pageLink(page - 1)}>{t("admin.user.prev")}</Link>}
          {page < pages && <Link to={pageLink(page + 1)}>{t("admin.user.next")}</Link>}
        </nav>
      )}
      <h2>{t("admin.user.create")}</h2>
      <Form method="post" className="card">
        <TextField name="email" label="admin.user.email" type="email" errors={errors} required maxLength={200} />
        <TextField name="name" label="admin.user.name" errors={errors} required maxLength={100} />
        <TextField
          name="password"
          label="admin.user.password"
          hint="admin.user.passwordHint"
          type="password"
          autoComplete="new-password"
          errors={errors}
          required
        />
        <ScopeFields authorities={authorities} offices={offices} units={units} errors={errors} />
        <p>
          <button type="submit">{t("common.create")}</button>
        </p>
      </Form>
    </>
  );
}
