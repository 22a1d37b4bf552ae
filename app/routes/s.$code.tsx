import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { NativeSurveyForm } from "~/components/NativeSurveyForm";
import type { SurveyForm as SurveyFormComponent } from "~/components/SurveyForm";
import { t } from "~/locales";
import { browserIdCookie, readKioskDevice } from "~/modules/surveys/browser-id.server";
import { channelState, findChannelByCode } from "~/modules/surveys/channels.server";
import { issueFillToken } from "~/modules/surveys/fill-token.server";
import { receiveResponse, type NativeState } from "~/modules/surveys/intake.server";
import { answersFromForm } from "~/modules/surveys/native-form";
import { nativeSurvey, visibleNames } from "~/modules/surveys/native-survey.server";
import { sanitizeDefinition } from "~/modules/surveys/sanitize.server";
import { deviceQuery } from "~/modules/surveys/kiosk";
import { surveyHeading } from "~/modules/surveys/definitions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? t("survey.page.title", { office: data.officeName }) : t("app.name") },
  { name: "robots", content: "noindex" },
];

// The document too, not only its data: a cached page would serve its fill token, whose
// nonce admits one response, to the next citizen at the same browser.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

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
  const { title, description } = surveyHeading(survey);
  return json(
    {
      code: channel.code,
      officeName: channel.office.name,
      unitName: channel.unit?.name ?? null,
      title,
      description,
      // The page shows the title as its own heading, so SurveyJS does not repeat it.
      survey: { ...sanitizeDefinition(survey), showTitle: false },
      // The form the phone can use at first paint and without JavaScript, when the
      // definition allows one; SurveyJS takes over once loaded.
      native: nativeSurvey(channel.version.json),
      visible: visibleNames(channel.version.json, {}),
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

type ActionError = { error?: string; errors?: Record<string, string[]> } & Partial<NativeState>;

type Enhanced = { SurveyForm: typeof SurveyFormComponent; answers: Record<string, unknown> };

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<ActionError>();
  const fetcher = useFetcher<ActionError>();
  const nativeForm = useRef<HTMLFormElement>(null);
  const [enhanced, setEnhanced] = useState<Enhanced | null>(null);
  const fillToken = posted?.fillToken ?? data.fillToken;

  // SurveyJS is most of the page's weight: fetched only after the first paint, while the
  // native form already takes taps. It takes over with what those taps answered, read
  // and swapped in one task so that no tap falls between the two.
  useEffect(() => {
    let live = true;
    void import("~/components/SurveyForm").then(async ({ SurveyForm, loadSurveyStyles }) => {
      await loadSurveyStyles();
      if (!live) return;
      flushSync(() => {
        const form = nativeForm.current;
        const answers = data.native && form ? answersFromForm(data.native, new FormData(form)) : (posted?.answers ?? {});
        setEnhanced({ SurveyForm, answers });
      });
    });
    return () => {
      live = false;
    };
    // Once per page: the answers already given are read at the moment of the swap.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
      {enhanced ? (
        <enhanced.SurveyForm
          key={data.code}
          json={data.survey}
          initialAnswers={enhanced.answers}
          busy={fetcher.state !== "idle"}
          result={fetcher.state === "idle" ? (fetcher.data ?? posted) : undefined}
          onSubmit={(answers, website) =>
            fetcher.submit({ answers, fillToken, website } as never, { method: "post", encType: "application/json" })
          }
        />
      ) : data.native ? (
        <NativeSurveyForm
          ref={nativeForm}
          survey={data.native}
          visible={posted?.visible ?? data.visible}
          answers={posted?.answers ?? {}}
          errors={posted?.errors ?? {}}
          message={posted?.error}
          fillToken={fillToken}
        />
      ) : (
        <>
          <p className="muted" role="status">
            {t("survey.page.loading")}
          </p>
          <noscript>
            <p>{t("survey.page.needsScript")}</p>
          </noscript>
        </>
      )}
    </main>
  );
}
