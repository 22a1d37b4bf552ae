import { useMemo } from "react";
import { Survey } from "survey-react-ui";
import { t } from "~/locales";
import { createSurveyModel, definitionErrors } from "~/modules/surveys/model";
import { unsupportedFeature } from "~/modules/surveys/native-subset";
import { jsonSyntaxMessage } from "~/utils/json-text";

/**
 * Live preview of a SurveyJS definition being edited; shows SurveyJS's own complaints
 * (`jsonErrors`) instead of a half-rendered form when the JSON is not right yet.
 */
export function SurveyPreview({ text }: { text: string }) {
  const state = useMemo(() => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { errors: [jsonSyntaxMessage(text, e)] };
    }
    const errors = definitionErrors(json);
    if (errors.length > 0) return { errors };
    const model = createSurveyModel(json);
    model.showCompletedPage = false;
    return { model, unsupported: unsupportedFeature(json) };
  }, [text]);

  if ("errors" in state) {
    return (
      <div className="error-summary" role="status" data-testid="preview-errors">
        <p>{t("surveyAdmin.previewInvalid")}</p>
        <ul>
          {state.errors?.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div data-testid="survey-preview">
      {/* Which page the citizen's phone gets: named so an admin can keep a questionnaire within the native form. */}
      <p className="muted" data-survey-mode-note={state.unsupported ? "surveyjs" : "native"}>
        {state.unsupported ? t("surveyAdmin.modeSurveyJs", { feature: state.unsupported }) : t("surveyAdmin.modeNative")}
      </p>
      <Survey model={state.model} />
    </div>
  );
}
