import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, type MessageKey } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { loadedYears } from "~/modules/calendar/calendar.server";
import { prisma } from "~/utils/db.server";
import { taipeiMonth } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: `${t("admin.home.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const month = taipeiMonth(new Date());
  const [offices, users, surveys, channels, responses, openCases, calendarYears] = await Promise.all([
    prisma.office.count({ where: { active: true } }),
    prisma.user.count({ where: { active: true } }),
    prisma.surveyDefinition.count(),
    prisma.channel.count(),
    prisma.response.count({ where: { month } }),
    prisma.followUpCase.count({ where: { status: { not: "resolved" } } }),
    loadedYears(prisma).then((years) => years.length),
  ]);
  return json({ counts: { offices, users, surveys, channels, responses, openCases, calendarYears } });
}

const CARDS: Array<{
  key: "offices" | "users" | "surveys" | "channels" | "responses" | "openCases" | "calendarYears";
  label: MessageKey;
  to: string;
}> = [
  { key: "offices", label: "admin.home.offices", to: "/admin/offices" },
  { key: "users", label: "admin.home.users", to: "/admin/users" },
  { key: "surveys", label: "admin.home.surveys", to: "/admin/surveys" },
  { key: "channels", label: "admin.home.channels", to: "/admin/channels" },
  { key: "responses", label: "admin.home.responses", to: "/offices" },
  { key: "openCases", label: "admin.home.openCases", to: "/follow-ups" },
  { key: "calendarYears", label: "calendar.years", to: "/admin/calendar" },
];

export default function AdminHome() {
  const { counts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.home.title")}</h1>
      <div className="grid">
        {CARDS.map((c) => (
          <Link key={c.key} to={c.to} className="card" style={{ textDecoration: "none", color: "inherit" }}>
            <div className="muted">{t(c.label)}</div>
            <div className="stat">{counts[c.key]}</div>
          </Link>
        ))}
      </div>
    </>
  );
}
