import { useEffect, useMemo, useRef, useState } from "react";
import { Version } from "survey-core";
import { Survey } from "survey-react-ui";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { t } from "~/locales";
import { createSurveyModel, reopenSurvey } from "~/modules/surveys/model";

type Props = {
  json: object;
  /** What the citizen already answered in the native form, before this took over. */
  initialAnswers?: Record<string, unknown>;
  busy: boolean;
  /** The server's answer to the last submission: its errors, if it refused it. */
  result?: { error?: string; errors?: Record<string, string[]> };
  onSubmit: (answers: Record<string, unknown>, honeypot: string) => void;
};

/** SurveyJS's stylesheet and its theme's variables (cached, keyed on survey-core's version): a page that renders SurveyForm links them. */
export const SURVEY_STYLESHEETS = [surveyStyles, `/survey-theme.css?v=${Version}`];

/** The same stylesheets added to a page that loads SurveyForm later; resolves once they apply. */
export function loadSurveyStyles(): Promise<void> {
  return Promise.all(
    SURVEY_STYLESHEETS.map(
      (href) =>
        new Promise<void>((resolve) => {
          if (document.querySelector(`link[href="${href}"]`)) return resolve();
          const link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          // A stylesheet that fails to load leaves the form plain, not missing.
          link.onload = link.onerror = () => resolve();
          document.head.append(link);
        }),
    ),
  ).then(() => undefined);
}

/**
 * Renders a questionnaire with SurveyJS and hands the answers to the server on completion.
 * If the server refuses them, the citizen is taken back to the form with their answers
 * kept and the server's message per question shown above it. Loaded after the page's
 * first paint (its chunk is most of the page's weight), it starts from the answers the
 * citizen gave the native form meanwhile.
 */
export function SurveyForm({ json, initialAnswers, busy, result, onSubmit }: Props) {
  const honeypot = useRef<HTMLInputElement>(null);
  // Keyed on the definition's text: revalidation after a refused submission hands over
  // an equal but new object, and a new model would throw the citizen's answers away.
  const definition = JSON.stringify(json);
  const model = useMemo(() => {
    const m = createSurveyModel(JSON.parse(definition));
    m.showCompletedPage = false;
    // The theme's variables come from the cached stylesheet above, not an inline <style>.
    m.generateStylesheet = false;
    if (initialAnswers) m.data = initialAnswers;
    return m;
    // The answers given before takeover seed the model once; later ones live in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition]);
  const [shown, setShown] = useState<{ message: string; questions: Array<[string, string[]]> } | null>(null);

  useEffect(() => {
    const handler = (sender: typeof model) => onSubmit(sender.data, honeypot.current?.value ?? "");
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onSubmit]);

  useEffect(() => {
    if (!result?.error) return;
    setShown({ message: result.error, questions: Object.entries(result.errors ?? {}) });
    // Back to the form, answers kept, so the citizen can correct and resend.
    reopenSurvey(model);
    window.scrollTo({ top: 0 });
  }, [result, model]);

  const titleOf = (name: string) => model.getQuestionByName(name)?.title ?? name;

  return (
    <div data-survey-mode="surveyjs">
      {shown && (
        <div className="error-summary" role="alert">
          <p>{shown.message}</p>
          {shown.questions.length > 0 && (
            <ul>
              {shown.questions.map(([name, messages]) => (
                <li key={name}>
                  {titleOf(name)}：{messages.join("、")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div aria-hidden="true" className="honeypot">
        <label htmlFor="website">{t("survey.page.honeypot")}</label>
        <input ref={honeypot} id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {busy && (
        <p className="muted" role="status">
          {t("survey.page.submitting")}
        </p>
      )}
      {/* Kept mounted while sending: unmounting the SurveyJS view loses the answers. */}
      <Survey model={model} />
    </div>
  );
}
