import { Model, Serializer, type JsonError } from "survey-core";
import "survey-core/i18n/traditional-chinese";
import { t } from "~/locales";

// Rated questions carry the dimension (構面) they measure; registering the property keeps
// SurveyJS from reporting it as an unknown property in `jsonErrors`.
if (!Serializer.findProperty("question", "dimension")) {
  Serializer.addProperty("question", { name: "dimension", category: "general" });
}
// Personal data (a citizen's name or phone, given with consent) is kept only on the
// follow-up case, never in the stored response, so responses stay anonymous.
if (!Serializer.findProperty("question", "isPersonalData")) {
  Serializer.addProperty("question", { name: "isPersonalData:boolean", category: "general", default: false });
}

// Demographic questions (gender, age) may be broken down in the open data, with small cells
// suppressed; the flag says which questions a definition offers for that.
if (!Serializer.findProperty("question", "isDemographic")) {
  Serializer.addProperty("question", { name: "isDemographic:boolean", category: "general", default: false });
}

export const SURVEY_LOCALE = "zh-tw";

/** A SurveyJS model in Traditional Chinese; the same call serves the browser and the server. */
export function createSurveyModel(json: unknown): Model {
  const model = new Model(json);
  model.locale = SURVEY_LOCALE;
  // The progress bar and table of contents name each page by its navigation title, then
  // its title, then its internal name ("page1"): give untitled pages a readable step name.
  model.pages.forEach((page, i) => {
    if (!page.navigationTitle && !page.title) page.navigationTitle = t("survey.progress.page", { n: i + 1 });
  });
  return model;
}

// Building a Model costs milliseconds, so the server keeps one per definition text for
// reading a definition's structure (titles, questions, choices). Never for answers:
// survey-core keeps a question's old value when it deems the new one equal ([] and
// false), so answers loaded into a reused model leak from one run into the next.
const MODEL_CACHE_SIZE = 32;
const cache = new Map<string, Model>();

/** Runs `run` with a cached model of this definition, to read its structure only. */
export function withSurveyModel<T>(json: unknown, run: (model: Model) => T): T {
  const key = JSON.stringify(json);
  let model = cache.get(key);
  if (model) {
    cache.delete(key);
  } else {
    model = createSurveyModel(json);
    if (cache.size >= MODEL_CACHE_SIZE) {
      const oldest = cache.keys().next().value as string;
      cache.get(oldest)?.dispose();
      cache.delete(oldest);
    }
  }
  cache.set(key, model);
  return run(model);
}

/** SurveyJS's complaint about a definition, in zh-TW: its own text is English. */
function surveyJsComplaint(e: JsonError): string {
  // The subclasses name the property and the class; the base class declares neither.
  const named = e as JsonError & { propertyName?: string; className?: string; baseClassName?: string };
  const params = { property: named.propertyName ?? "", className: named.className ?? named.baseClassName ?? "" };
  switch (e.type) {
    case "unknownproperty":
      return t("surveyAdmin.error.unknownProperty", params);
    case "incorrecttypeproperty":
      return t("surveyAdmin.error.incorrectType", params);
    case "missingtypeproperty":
      return t("surveyAdmin.error.missingType", params);
    case "requiredproperty":
      return t("surveyAdmin.error.requiredProperty", params);
    default:
      return t("surveyAdmin.error.surveyjs", params);
  }
}

/** What is wrong with a definition, in zh-TW: SurveyJS's own complaints (`jsonErrors`) and no questions. */
export function definitionErrors(json: unknown): string[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [t("surveyAdmin.error.notObject")];
  const model = new Model(json);
  const errors = (model.jsonErrors ?? []).map(surveyJsComplaint);
  if (model.getAllQuestions().length === 0) errors.push(t("surveyAdmin.error.noQuestions"));
  return errors;
}

/** Takes a completed survey back to its first page with every answer kept, for a resend. */
export function reopenSurvey(model: Model): void {
  // clear(false, …) still drops the values of a completed survey, so restore them.
  const data = model.data;
  model.clear(false, true);
  model.data = data;
}
