import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { t, type MessageKey } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import type { Role } from "~/modules/org/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, role: user.role, officeId: user.officeId } });
}

const NAV: Array<{ to: string; label: MessageKey; roles: Role[] }> = [
  { to: "/offices", label: "nav.offices", roles: ["admin", "analyst", "manager"] },
  { to: "/reports", label: "nav.reports", roles: ["admin", "analyst", "manager"] },
  { to: "/follow-ups", label: "nav.followUps", roles: ["admin", "analyst", "manager"] },
  { to: "/responses/duplicates", label: "nav.duplicates", roles: ["admin", "analyst", "manager"] },
  { to: "/evaluator", label: "nav.evaluator", roles: ["evaluator"] },
  { to: "/courtesy/calibration", label: "nav.calibration", roles: ["evaluator"] },
  { to: "/courtesy", label: "nav.courtesy", roles: ["admin", "analyst", "manager"] },
  { to: "/courtesy/results", label: "nav.courtesyResults", roles: ["admin", "analyst", "manager"] },
  { to: "/reports/annual", label: "nav.annualReport", roles: ["admin", "analyst", "manager"] },
  { to: "/checklists", label: "nav.checklists", roles: ["admin", "analyst", "manager", "evaluator"] },
  { to: "/admin", label: "nav.admin", roles: ["admin"] },
  { to: "/admin/offices", label: "nav.adminOffices", roles: ["admin"] },
  { to: "/admin/users", label: "nav.users", roles: ["admin"] },
  { to: "/admin/surveys", label: "nav.surveys", roles: ["admin"] },
  { to: "/admin/channels", label: "nav.channels", roles: ["admin"] },
  { to: "/admin/scales", label: "nav.scales", roles: ["admin"] },
  { to: "/admin/calendar", label: "nav.calendar", roles: ["admin"] },
];

export default function StaffLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="topbar no-print">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          {NAV.filter((n) => n.roles.includes(user.role)).map((n) => (
            <NavLink key={n.to} to={n.to} end={n.to === "/admin"}>
              {t(n.label)}
            </NavLink>
          ))}
        </nav>
        <span className="muted">
          {user.name}（{t(`role.${user.role}`)}）
        </span>
        <NavLink to="/account">{t("account.link")}</NavLink>
        <Form method="post" action="/logout">
          <button type="submit" className="secondary">
            {t("auth.logout")}
          </button>
          <button type="submit" name="scope" value="everywhere" className="secondary">
            {t("auth.logoutEverywhere")}
          </button>
        </Form>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
