/**
 * The part of SurveyJS that the compiled validator judges and the native form renders
 * (one list, so a questionnaire gets both or neither): question types, their properties,
 * validators and plain choice items. Display-only properties are listed so that
 * ordinary questionnaires qualify; anything not listed sends a definition to survey-core
 * alone. No imports: the admin's preview names the mode a definition gets.
 */
const SURVEY_KEYS = new Set([
  "title",
  "description",
  "showQuestionNumbers",
  "completeText",
  "pageNextText",
  "pagePrevText",
  "showProgressBar",
  "progressBarType",
  "showTitle",
  "pages",
  "logo",
  "logoPosition",
  "widthMode",
  "width",
  "completedHtml",
  "showCompletedPage",
  "checkErrorsMode",
  "textUpdateMode",
  "questionErrorLocation",
  "questionTitleLocation",
  "questionDescriptionLocation",
  "showPrevButton",
  "requiredMark",
]);
const PAGE_KEYS = new Set(["name", "title", "description", "elements", "navigationTitle", "navigationDescription"]);
const PANEL_KEYS = new Set(["type", "name", "title", "description", "elements", "state", "showNumber", "showQuestionNumbers"]);
const COMMON_KEYS = [
  "type",
  "name",
  "title",
  "description",
  "isRequired",
  "requiredErrorText",
  "visibleIf",
  "visible",
  "validators",
  "dimension",
  "isPersonalData",
  "isDemographic",
  "titleLocation",
  "descriptionLocation",
  "startWithNewLine",
  "width",
  "minWidth",
  "maxWidth",
  "hideNumber",
];
const CHOICE_KEYS = ["choices", "showOtherItem", "otherText", "otherPlaceholder", "otherErrorText", "showNoneItem", "noneText", "colCount"];
const QUESTION_KEYS: Record<string, Set<string>> = {
  rating: new Set([
    ...COMMON_KEYS,
    "rateValues",
    "rateMin",
    "rateMax",
    "rateStep",
    "displayMode",
    "rateType",
    "minRateDescription",
    "maxRateDescription",
    "rateColorMode",
    "scaleColorMode",
    "displayRateDescriptionsAsExtremeItems",
  ]),
  radiogroup: new Set([...COMMON_KEYS, ...CHOICE_KEYS, "showClearButton"]),
  dropdown: new Set([...COMMON_KEYS, ...CHOICE_KEYS, "placeholder", "allowClear", "searchEnabled"]),
  checkbox: new Set([...COMMON_KEYS, ...CHOICE_KEYS, "minSelectedChoices", "maxSelectedChoices"]),
  boolean: new Set([...COMMON_KEYS, "labelTrue", "labelFalse", "renderAs"]),
  text: new Set([...COMMON_KEYS, "inputType", "maxLength", "placeholder", "autocomplete", "size"]),
  comment: new Set([...COMMON_KEYS, "maxLength", "placeholder", "rows", "autoGrow", "allowResize"]),
  matrix: new Set([...COMMON_KEYS, "rows", "columns", "isAllRowRequired", "eachRowRequired", "alternateRows", "columnMinWidth"]),
  html: new Set(["type", "name", "html", "visibleIf", "visible"]),
};
const TEXT_INPUT_TYPES = new Set(["text", "tel", "number"]);
const VALIDATOR_KEYS: Record<string, Set<string>> = {
  text: new Set(["type", "minLength", "maxLength", "allowDigits", "text"]),
  numeric: new Set(["type", "minValue", "maxValue", "text"]),
  regex: new Set(["type", "regex", "text"]),
  email: new Set(["type", "text"]),
};

export type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first thing in a definition the compiled path does not cover, named for the admin, or null. */
export function unsupportedFeature(definition: unknown): string | null {
  if (!isObject(definition)) return "definition";
  for (const key of Object.keys(definition)) if (!SURVEY_KEYS.has(key)) return key;
  if (!Array.isArray(definition.pages)) return "pages";
  for (const page of definition.pages) {
    if (!isObject(page)) return "pages";
    for (const key of Object.keys(page)) if (!PAGE_KEYS.has(key)) return `page.${key}`;
    const problem = elementsProblem(page.elements);
    if (problem) return problem;
  }
  return null;
}

function elementsProblem(elements: unknown): string | null {
  if (elements === undefined) return null;
  if (!Array.isArray(elements)) return "elements";
  for (const element of elements) {
    if (!isObject(element) || typeof element.type !== "string") return "elements";
    if (element.type === "panel") {
      for (const key of Object.keys(element)) if (!PANEL_KEYS.has(key)) return `panel.${key}`;
      const problem = elementsProblem(element.elements);
      if (problem) return problem;
      continue;
    }
    const allowed = QUESTION_KEYS[element.type];
    if (!allowed) return element.type;
    for (const key of Object.keys(element)) if (!allowed.has(key)) return `${element.type}.${key}`;
    const problem = valuesProblem(element);
    if (problem) return `${element.type}.${problem}`;
  }
  return null;
}

function valuesProblem(q: Json): string | null {
  if (q.type === "text" && q.inputType !== undefined && !TEXT_INPUT_TYPES.has(String(q.inputType))) return "inputType";
  if (q.visible !== undefined && typeof q.visible !== "boolean") return "visible";
  // Choice items with their own conditions or properties are survey-core's to judge.
  for (const key of ["choices", "rateValues", "rows", "columns"]) {
    const items = q[key];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return key;
    for (const item of items) {
      if (isObject(item) ? Object.keys(item).some((k) => k !== "value" && k !== "text") : !["string", "number"].includes(typeof item))
        return key;
    }
  }
  if (q.validators !== undefined) {
    if (!Array.isArray(q.validators)) return "validators";
    for (const v of q.validators) {
      const allowed = isObject(v) && typeof v.type === "string" ? VALIDATOR_KEYS[v.type] : undefined;
      if (!allowed || Object.keys(v).some((k) => !allowed.has(k))) return "validators";
    }
  }
  return null;
}
