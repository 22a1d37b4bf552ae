import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChannelForm } from "~/components/ChannelForm";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { channelFormOptions, channelSchema, createChannel, listChannels } from "~/modules/surveys/channel-admin.server";
import { channelState } from "~/modules/surveys/channels.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("channel.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const channels = (await listChannels(prisma)).map((c) => ({ ...c, state: channelState(c) }));
  return json({ channels, options: await channelFormOptions(prisma) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const parsed = channelSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const result = await createChannel(prisma, user.id, parsed.data);
  if (!result.ok) return json({ errors: result.errors }, { status: 400 });
  return redirect(`/admin/channels/${result.id}`);
}

export default function Channels() {
  const { channels, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("channel.title")}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("channel.code")}</th>
              <th>{t("channel.label")}</th>
              <th>{t("channel.office")}</th>
              <th>{t("channel.survey")}</th>
              <th>{t("channel.state")}</th>
              <th className="num">{t("surveyAdmin.responses")}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/admin/channels/${c.id}`}>
                    <code>{c.code}</code>
                  </Link>
                </td>
                <td>{c.label}</td>
                <td>
                  {c.office.name}
                  {c.unit ? `・${c.unit.name}` : ""}
                </td>
                <td>
                  {c.version.definition.title}（{c.version.version}）
                </td>
                <td>{t(`channel.state.${c.state}`)}</td>
                <td className="num">{c._count.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("channel.create")}</h2>
      <ChannelForm options={options} errors={result?.errors} creating />
    </>
  );
}
