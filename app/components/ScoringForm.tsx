import { useEffect, useMemo, useRef } from "react";
import { Survey } from "survey-react-ui";
import { t } from "~/locales";
import { createSurveyModel, reopenSurvey } from "~/modules/surveys/model";
import { CALL_FIELDS } from "~/modules/courtesy/form";
import { CallTimer } from "./CallTimer";

type Props = {
  json: object;
  data: Record<string, unknown>;
  readOnly: boolean;
  busy: boolean;
  /** The ring counter and the draft button serve the evaluator on the call, not a reviewer. */
  callTools?: boolean;
  /** The server's refusals per item key, shown at the item. */
  errors?: Record<string, string>;
  onSave: (intent: "draft" | "submit", data: Record<string, unknown>) => void;
};

/** The scoring form generated from a scale, with the ring counter, a draft button and submit. */
export function ScoringForm({ json, data, readOnly, busy, callTools = true, errors, onSave }: Props) {
  // Keyed on the definition's text: revalidation hands over equal but new objects, and a
  // new model would drop marks the server has just refused.
  const definition = JSON.stringify(json);
  // A new model takes the marks loaded at that moment; between rebuilds the marks come
  // from the person scoring, so new loader data alone must not rebuild it.
  const loaded = useRef(data);
  loaded.current = data;
  const model = useMemo(() => {
    const m = createSurveyModel(JSON.parse(definition));
    m.data = loaded.current;
    m.showCompletedPage = false;
    if (readOnly) m.mode = "display";
    // SurveyJS names a comment box only for questions without a title: give each item's
    // note box a name that says whose note it is, for screen readers and voice control.
    m.onAfterRenderQuestion.add((_, { question, htmlElement }) => {
      if (question.getType() !== "rating") return;
      htmlElement.querySelector("textarea")?.setAttribute("aria-label", t("scoring.noteFor", { item: question.title }));
    });
    return m;
  }, [definition, readOnly]);

  useEffect(() => {
    const handler = () => {
      onSave("submit", model.data);
      // Stay on the form until the server confirms; it may refuse the marks.
      reopenSurvey(model);
    };
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onSave]);

  useEffect(() => {
    for (const [name, message] of Object.entries(errors ?? {})) model.getQuestionByName(name)?.addError(message);
  }, [model, errors]);

  return (
    <>
      {!readOnly && callTools && (
        <CallTimer
          onApply={(rings, seconds) => {
            model.setValue(CALL_FIELDS.rings, rings);
            model.setValue(CALL_FIELDS.seconds, seconds);
          }}
        />
      )}
      <Survey model={model} />
      {!readOnly && callTools && (
        <p>
          <button type="button" className="secondary" disabled={busy} onClick={() => onSave("draft", model.data)}>
            {t("evaluator.saveDraft")}
          </button>
        </p>
      )}
    </>
  );
}
