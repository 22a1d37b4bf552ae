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

/** Frames SurveyJS's hidden render must keep its height before it is shown. */
const STEADY_FRAMES = 3;

/** What ends a press: its click, or the browser giving it up (a scroll). */
const RELEASES = ["click", "pointercancel"] as const;
/** A press whose finger lifted without a click (a long press) ends this long after. */
const CLICKLESS_RELEASE_MS = 300;

/** SurveyJS once loaded: staged (rendered hidden, behind the native form) and then shown. */
type Enhanced = { SurveyForm: typeof SurveyFormComponent; answers: Record<string, unknown>; staged: boolean; round: number };

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<ActionError>();
  const fetcher = useFetcher<ActionError>();
  const nativeForm = useRef<HTMLFormElement>(null);
  const staged = useRef<HTMLDivElement>(null);
  const pressing = useRef(false);
  const [enhanced, setEnhanced] = useState<Enhanced | null>(null);
  const fillToken = posted?.fillToken ?? data.fillToken;
  const nativeAnswers = () => {
    const form = nativeForm.current;
    return data.native && form ? answersFromForm(data.native, new FormData(form)) : (posted?.answers ?? {});
  };

  // SurveyJS is most of the page's weight: fetched only after the first paint, while the
  // native form already takes taps. Its first render is a long task on a cheap phone (a
  // second or more), and a tap made meanwhile is hit-tested only after it, against whatever
  // layout is there then: so SurveyJS first renders hidden, behind the native form, which
  // keeps those taps; then, once queued input has run, it takes over the answers given in
  // one short task.
  useEffect(() => {
    let live = true;
    void import("~/components/SurveyForm").then(async ({ SurveyForm, loadSurveyStyles }) => {
      await loadSurveyStyles();
      if (live) setEnhanced({ SurveyForm, answers: nativeAnswers(), staged: Boolean(nativeForm.current), round: 0 });
    });
    return () => {
      live = false;
    };
    // Once per page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Whether a finger is down anywhere on the page, from the first effect on: a press that
  // began before SurveyJS arrived holds its takeover too.
  useEffect(() => {
    const press = () => (pressing.current = true);
    const release = () => (pressing.current = false);
    document.addEventListener("pointerdown", press, true);
    const lifted = () => setTimeout(release, CLICKLESS_RELEASE_MS);
    for (const type of RELEASES) document.addEventListener(type, release, true);
    document.addEventListener("pointerup", lifted, true);
    return () => {
      document.removeEventListener("pointerdown", press, true);
      for (const type of RELEASES) document.removeEventListener(type, release, true);
      document.removeEventListener("pointerup", lifted, true);
    };
  }, []);

  useEffect(() => {
    if (!enhanced?.staged) return;
    // SurveyJS lays itself out again over the next frames (its phone mode, wrapped rating
    // buttons): shown before that ends, a tap aimed at a button would land beside it. So
    // the swap waits until the hidden render's height has held for a few frames. Input is
    // handled before a frame's callbacks, and those run before the next timer: by then the
    // taps made meanwhile are in the native form. SurveyJS shows only answers it was
    // rendered with (set later, its rating buttons keep their old look), so answers that
    // changed meanwhile mean one more hidden render.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    let height = -1;
    let steady = 0;
    const swap = () => {
      const answers = nativeAnswers();
      if (JSON.stringify(answers) !== JSON.stringify(enhanced.answers)) setEnhanced({ ...enhanced, answers, round: enhanced.round + 1 });
      else flushSync(() => setEnhanced({ ...enhanced, staged: false }));
    };
    const watch = () => {
      const now = staged.current?.scrollHeight ?? 0;
      steady = now === height ? steady + 1 : 0;
      height = now;
      // Nor while a finger is down: its click, which checks the option, is still to come.
      if (steady >= STEADY_FRAMES && !pressing.current) timer = setTimeout(swap);
      else frame = requestAnimationFrame(watch);
    };
    frame = requestAnimationFrame(watch);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enhanced]);

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
      {(!enhanced || enhanced.staged) &&
        (data.native ? (
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
        ))}
      {/* After the native form: a page reading the form in document order meets it first. */}
      {enhanced && (
        <div ref={staged} className={enhanced.staged ? "survey-staged" : undefined} aria-hidden={enhanced.staged || undefined}>
          <enhanced.SurveyForm
            key={`${data.code}:${enhanced.round}`}
            json={data.survey}
            initialAnswers={enhanced.answers}
            busy={fetcher.state !== "idle"}
            result={fetcher.state === "idle" ? (fetcher.data ?? posted) : undefined}
            onSubmit={(answers, website) =>
              fetcher.submit({ answers, fillToken, website } as never, { method: "post", encType: "application/json" })
            }
          />
        </div>
      )}
    </main>
  );
}
