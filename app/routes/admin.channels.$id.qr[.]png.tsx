import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/org/auth.server";
import { requireChannel } from "~/modules/surveys/channel-admin.server";
import { qrPng, surveyUrl } from "~/modules/surveys/qr.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const channel = await requireChannel(prisma, params.id);
  const png = await qrPng(surveyUrl(request, channel.code));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="qr-${channel.code}.png"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
