import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/org/auth.server";
import { requireChannel } from "~/modules/surveys/channel-admin.server";
import { qrSvg, surveyUrl } from "~/modules/surveys/qr.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const channel = await requireChannel(prisma, params.id);
  const svg = await qrSvg(surveyUrl(request, channel.code));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `inline; filename="qr-${channel.code}.svg"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
