import { useEffect, useMemo, useRef, useState } from "react";
import { Survey } from "survey-react-ui";
import { t } from "~/locales";
import { createSurveyModel, reopenSurvey } from "~/modules/surveys/model";

type Props = {
  json: object;
  busy: boolean;
  /** The server's answer to the last submission: its errors, if it refused it. */
  result?: { error?: string; errors?: Record<string, string[]> };
  onSubmit: (answers: Record<string, unknown>, honeypot: string) => void;
};

/**
 * Renders a questionnaire with SurveyJS and hands the answers to the server on completion.
 * If the server refuses them, the citizen is taken back to the form with their answers
 * kept and the server's message per question shown above it.
 */
export function SurveyForm({ json, busy, result, onSubmit }: Props) {
  const honeypot = useRef<HTMLInputElement>(null);
  // Keyed on the definition's text: revalidation after a refused submission hands over
  // an equal but new object, and a new model would throw the citizen's answers away.
  const definition = JSON.stringify(json);
  const model = useMemo(() => {
    const m = createSurveyModel(JSON.parse(definition));
    m.showCompletedPage = false;
    return m;
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
    <>
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
      <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
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
    </>
  );
}
