// The native form's reader: form fields named and valued by position, read back into the
// answers SurveyJS would send. The encoder here is the test's own, written from the
// field-naming rule, so a reader that mislabels a field or a choice fails.
import { describe, expect, it } from "vitest";
import { answersFromForm, nativeQuestions, type NativeSurvey } from "~/modules/surveys/native-form";
import { nativeAnswers, nativeSurvey, visibleNames } from "~/modules/surveys/native-survey.server";
import { validateAnswers } from "~/modules/surveys/validate-answers";
import { SURVEY_TEMPLATES } from "~/modules/surveys/templates";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";

const text = (json: unknown) => JSON.stringify(json);

/** Form fields for answers, as a browser would post the native form's choices. */
function encode(survey: NativeSurvey, answers: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const q of nativeQuestions(survey)) {
    const value = answers[q.name];
    if (value === undefined) continue;
    const at = (v: unknown) => String(q.choices.findIndex((c) => c.value === v));
    if (q.type === "matrix")
      (q.rows ?? []).forEach(
        (row, i) => row.value in (value as object) && form.append(`q${q.index}.r${i}`, at((value as Record<string, unknown>)[row.value])),
      );
    else if (q.type === "checkbox") for (const v of value as unknown[]) form.append(`q${q.index}`, at(v));
    else if (q.type === "text" || q.type === "comment") form.append(`q${q.index}`, String(value));
    else form.append(`q${q.index}`, at(value));
    if (answers[`${q.name}-Comment`] !== undefined) form.append(`q${q.index}.other`, String(answers[`${q.name}-Comment`]));
  }
  return form;
}

const MATRIX = {
  pages: [
    {
      name: "p",
      elements: [
        { type: "matrix", name: "m", rows: ["a", { value: "b", text: "乙" }], columns: [1, 2, 3] },
        { type: "checkbox", name: "ways", choices: ["web", { value: 2, text: "電話" }], showOtherItem: true },
        { type: "dropdown", name: "where", choices: ["x", "y"] },
        { type: "boolean", name: "ok" },
        { type: "text", name: "n", inputType: "number" },
        { type: "comment", name: "why" },
      ],
    },
  ],
};

describe("the native form of a questionnaire", () => {
  it.each(SURVEY_TEMPLATES.map((t) => [t.key, t.json] as const))("%s has one: every question, in order", (_key, json) => {
    const survey = nativeSurvey(text(json));
    expect(survey).not.toBeNull();
    const walk = (elements: Array<{ type: string; name: string; elements?: unknown }>): string[] =>
      elements.flatMap((e) => (e.type === "panel" ? walk(e.elements as typeof elements) : e.type === "html" ? [] : [e.name]));
    const written = (json as { pages: Array<{ elements: Parameters<typeof walk>[0] }> }).pages.flatMap((p) => walk(p.elements));
    expect(nativeQuestions(survey!).map((q) => q.name)).toEqual(written);
    expect(nativeQuestions(survey!).length).toBeGreaterThan(5);
  });

  it("is null for a definition the native form cannot render, which SurveyJS then serves alone", () => {
    expect(nativeSurvey(text({ pages: [{ elements: [{ type: "matrixdynamic", name: "m" }] }] }))).toBeNull();
    expect(nativeSurvey(text({ pages: [{ elements: [{ type: "text", name: "d", inputType: "date" }] }] }))).toBeNull();
  });

  it("reads answers of every control type back as SurveyJS sends them", () => {
    const survey = nativeSurvey(text(MATRIX))!;
    const answers = { m: { a: 3, b: 1 }, ways: [2, "other"], "ways-Comment": "臨櫃", where: "y", ok: false, n: 12.5, why: "等候太久" };
    expect(answersFromForm(survey, encode(survey, answers))).toEqual(answers);
    expect(validateAnswers(text(MATRIX), answersFromForm(survey, encode(survey, answers)))).toMatchObject({ ok: true });
  });

  it("leaves empty fields out and passes a position the question does not offer on as text, for the validator to refuse", () => {
    const survey = nativeSurvey(text(MATRIX))!;
    const form = new FormData();
    for (const [k, v] of [
      ["q0.r0", ""],
      ["q2", "7"],
      ["q4", "十二"],
      ["q5", "  "],
      ["q1.other", ""],
    ])
      form.append(k, v);
    const answers = answersFromForm(survey, form);
    expect(answers).toEqual({ where: "7", n: "十二" });
    const verdict = validateAnswers(text(MATRIX), answers);
    expect(verdict).toEqual({ ok: false, errors: { where: ["答案不在選項之中。"], n: ["請輸入數字。"] } });
  });

  it("drops the answers of questions the other answers hide, and names the questions they show", () => {
    const definition = text(citizenSatisfaction);
    const survey = nativeSurvey(definition)!;
    const consent = nativeQuestions(survey).find((q) => q.name === "contact_consent")!;
    const form = encode(survey, { overall: 2, contact_name: "王小明", contact_phone: "0912345678" });
    form.append(`q${consent.index}`, String(consent.choices.findIndex((c) => c.value === false)));
    expect(nativeAnswers(definition, survey, form)).toEqual({ overall: 2, contact_consent: false });
    expect(visibleNames(definition, {})).not.toContain("contact_name");
    expect(visibleNames(definition, { contact_consent: true })).toEqual(expect.arrayContaining(["contact_name", "contact_phone"]));
  });
});
