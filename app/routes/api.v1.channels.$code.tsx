import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { sanitizeDefinition } from "~/modules/surveys/sanitize.server";
import { t } from "~/locales";
import { channelState, findChannelByCode } from "~/modules/surveys/channels.server";
import { prisma } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";

/** Public: what a kiosk or partner app needs to render a channel's questionnaire. */
export async function loader({ params }: LoaderFunctionArgs) {
  const channel = await findChannelByCode(prisma, params.code ?? "");
  if (!channel) return errorResponse(404, t("survey.error.channelNotFound"));
  const state = channelState(channel);
  if (state !== "open") return errorResponse(410, t(state === "closed" ? "survey.error.channelClosed" : "survey.error.channelNotOpen"));
  return json(
    {
      code: channel.code,
      office: channel.office,
      unit: channel.unit,
      version: channel.version.version,
      survey: sanitizeDefinition(JSON.parse(channel.version.json)),
    },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" } },
  );
}
