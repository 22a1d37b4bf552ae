import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { requireChannel } from "~/modules/surveys/channel-admin.server";
import { qrSvg, surveyUrl } from "~/modules/surveys/qr.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${t("poster.title")}｜${data?.officeName ?? ""}` }];

/** A printable A4 poster for the counter: office, invitation, QR code and the short address. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const channel = await requireChannel(prisma, params.id);
  const url = surveyUrl(request, channel.code);
  return json({
    officeName: channel.office.name,
    unitName: channel.unit?.name ?? null,
    surveyTitle: channel.version.definition.title,
    url,
    svg: await qrSvg(url),
  });
}

export default function Poster() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <style>{"@page { size: A4 portrait; margin: 0; }"}</style>
      <p className="no-print page">
        <button type="button" onClick={() => window.print()}>
          {t("poster.print")}
        </button>
      </p>
      <article className="poster">
        <p style={{ fontSize: "16pt" }}>
          {d.officeName}
          {d.unitName ? `・${d.unitName}` : ""}
        </p>
        <h1>{t("poster.heading")}</h1>
        <p style={{ fontSize: "18pt" }}>{t("poster.invite", { title: d.surveyTitle })}</p>
        <div
          role="img"
          aria-label={t("channel.qrAlt", { url: d.url })}
          style={{ width: "120mm", margin: "10mm auto" }}
          dangerouslySetInnerHTML={{ __html: d.svg }}
        />
        <p style={{ fontSize: "14pt" }}>{d.url}</p>
        <p style={{ fontSize: "14pt" }}>{t("poster.privacy")}</p>
      </article>
    </>
  );
}
