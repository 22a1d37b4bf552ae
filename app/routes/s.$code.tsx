import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { SurveyForm } from "~/components/SurveyForm";
import { t } from "~/locales";
import { browserIdCookie, readKioskDevice } from "~/modules/surveys/browser-id.server";
import { channelState, findChannelByCode } from "~/modules/surveys/channels.server";
import { issueFillToken } from "~/modules/surveys/fill-token.server";
import { receiveResponse } from "~/modules/surveys/intake.server";
import { sanitizeDefinition } from "~/modules/surveys/sanitize.server";
import { deviceQuery } from "~/modules/surveys/kiosk";
import { withSurveyModel } from "~/modules/surveys/model";
import { prisma } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? t("survey.page.title", { office: data.officeName }) : t("app.name") },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  const channel = await findChannelByCode(prisma, code);
  if (!channel) throw json({ error: t("survey.error.channelNotFound") }, { status: 404 });
  const state = channelState(channel);
  if (state !== "open") {
    const key = state === "closed" ? "survey.error.channelClosed" : "survey.error.channelNotOpen";
    throw json({ error: t(key) }, { status: 410 });
  }
  const kiosk = channel.kind === "kiosk";
  const device = kiosk ? readKioskDevice(request) : null;
  // A kiosk's browser serves everyone at the counter: a per-browser id would say nothing.
  const cookie = kiosk ? null : browserIdCookie(request);
  const survey = JSON.parse(channel.version.json) as object;
  const { title, description } = withSurveyModel(survey, (m) => ({ title: m.title, description: m.description }));
  return json(
    {
      code: channel.code,
      officeName: channel.office.name,
      unitName: channel.unit?.name ?? null,
      title,
      description,
      // The page shows the title as its own heading, so SurveyJS does not repeat it.
      survey: { ...sanitizeDefinition(survey), showTitle: false },
      // Every load is a new serving with a new nonce: the next citizen at a kiosk included.
      fillToken: issueFillToken(channel.code, Date.now(), device),
    },
    { headers: { "Cache-Control": "no-store", ...(cookie ? { "Set-Cookie": cookie } : {}) } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const outcome = await receiveResponse(request, context, code, "page");
  if (!outcome.ok) return outcome.response;
  return redirect(`/s/${code}/thanks${deviceQuery(outcome.device)}`);
}

/**
 * A refused submission must not reload the page's data: the fill token would restart the
 * minimum fill time and the citizen would be refused again for resending at once.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? false : defaultShouldRevalidate;

type ActionError = { error?: string; errors?: Record<string, string[]> };

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionError>();
  return (
    <main className="survey-page">
      <header className="survey-header">
        <h1>{data.title || t("survey.page.title", { office: data.officeName })}</h1>
        <p>
          {data.officeName}
          {data.unitName ? `・${data.unitName}` : ""}
        </p>
        {data.description && <p>{data.description}</p>}
      </header>
      <SurveyForm
        key={data.code}
        json={data.survey}
        busy={fetcher.state !== "idle"}
        result={fetcher.state === "idle" ? fetcher.data : undefined}
        onSubmit={(answers, website) =>
          fetcher.submit({ answers, fillToken: data.fillToken, website } as never, { method: "post", encType: "application/json" })
        }
      />
    </main>
  );
}
