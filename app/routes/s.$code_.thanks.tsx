import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { t } from "~/locales";
import { readKioskDevice } from "~/modules/surveys/browser-id.server";
import { findChannelByCode } from "~/modules/surveys/channels.server";
import { deviceQuery, KIOSK_RESET_SECONDS } from "~/modules/surveys/kiosk";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: t("survey.thanks.title") }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const channel = await findChannelByCode(prisma, params.code ?? "");
  if (!channel) throw json({ error: t("survey.error.channelNotFound") }, { status: 404 });
  const kiosk = channel.kind === "kiosk";
  return json({ officeName: channel.office.name, kiosk, again: `/s/${channel.code}${kiosk ? deviceQuery(readKioskDevice(request)) : ""}` });
}

/** On a shared tablet the next citizen must find a fresh questionnaire, not this page. */
function KioskReset({ to }: { to: string }) {
  const navigate = useNavigate();
  const [left, setLeft] = useState(KIOSK_RESET_SECONDS);
  useEffect(() => {
    // Counted against a deadline, not by ticks: a throttled tab still resets on time.
    const deadline = Date.now() + KIOSK_RESET_SECONDS * 1000;
    const timer = setInterval(() => {
      const remaining = Math.ceil((deadline - Date.now()) / 1000);
      if (remaining > 0) return setLeft(remaining);
      clearInterval(timer);
      navigate(to, { replace: true });
    }, 250);
    return () => clearInterval(timer);
  }, [navigate, to]);
  return (
    <>
      <p role="timer">{t("survey.thanks.resetIn", { seconds: left })}</p>
      <p>
        <Link className="button" to={to} replace>
          {t("survey.thanks.next")}
        </Link>
      </p>
    </>
  );
}

export default function Thanks() {
  const { officeName, kiosk, again } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow">
      <div className="card">
        <h1>{t("survey.thanks.title")}</h1>
        <p>{t("survey.thanks.body", { office: officeName })}</p>
        <p className="muted">{t("survey.thanks.followUp")}</p>
        {kiosk ? (
          <KioskReset to={again} />
        ) : (
          <p>
            <Link to={again}>{t("survey.thanks.again")}</Link>
          </p>
        )}
      </div>
    </main>
  );
}
