import { withSurveyModel } from "./model";

/** A response as readable lines (question title, answer text) for staff handling a case. */
export function answerSummary(
  surveyJson: unknown,
  answers: Record<string, unknown>,
): Array<{ name: string; title: string; value: string }> {
  return withSurveyModel(surveyJson, (model) => {
    model.data = answers;
    return model
      .getAllQuestions()
      .filter((q) => answers[q.getValueName()] !== undefined)
      .map((q) => {
        const shown = q.displayValue as unknown;
        return { name: q.name, title: q.title, value: typeof shown === "object" && shown !== null ? JSON.stringify(shown) : String(shown) };
      });
  });
}
