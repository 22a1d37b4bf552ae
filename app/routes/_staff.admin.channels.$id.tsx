import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ChannelForm } from "~/components/ChannelForm";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { channelFormOptions, channelSchema, requireChannel, updateChannel } from "~/modules/surveys/channel-admin.server";
import { channelState } from "~/modules/surveys/channels.server";
import { surveyUrl } from "~/modules/surveys/qr.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.channel.code ?? ""}｜${t("channel.title")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const channel = await requireChannel(prisma, params.id);
  return json({ channel, state: channelState(channel), url: surveyUrl(request, channel.code), options: await channelFormOptions(prisma) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const channel = await requireChannel(prisma, params.id);
  const parsed = channelSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const result = await updateChannel(prisma, user.id, channel.id, parsed.data);
  if (!result.ok) return json({ ok: false, errors: result.errors }, { status: 400 });
  return json({ ok: true, errors: {} });
}

export default function ChannelPage() {
  const { channel, state, url, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/admin/channels/${channel.id}`;
  return (
    <>
      <h1>
        {channel.label}（<code>{channel.code}</code>）
      </h1>
      <p>
        {channel.office.name}
        {channel.unit ? `・${channel.unit.name}` : ""}・{channel.version.definition.title}（{channel.version.version}）・
        {t(`channel.state.${state}`)}
      </p>
      <div className="split">
        <div className="card">
          <img src={`${base}/qr.svg`} alt={t("channel.qrAlt", { url })} width={240} height={240} />
          <p>
            <a href={url}>{url}</a>
          </p>
          <p className="inline-form">
            <a className="button" href={`${base}/qr.png`} download={`qr-${channel.code}.png`}>
              {t("channel.downloadPng")}
            </a>
            <a className="button secondary" href={`${base}/qr.svg`} download={`qr-${channel.code}.svg`}>
              {t("channel.downloadSvg")}
            </a>
            <a className="button secondary" href={`${base}/poster`} target="_blank" rel="noreferrer">
              {t("channel.poster")}
            </a>
          </p>
        </div>
        <div>
          {result?.ok && (
            <p className="ok" role="status">
              {t("common.saved")}
            </p>
          )}
          <ChannelForm options={options} values={channel} errors={result?.errors} creating={false} />
        </div>
      </div>
    </>
  );
}
