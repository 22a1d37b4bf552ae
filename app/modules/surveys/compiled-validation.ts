import { ConditionRunner, Helpers, type Question, type SurveyValidator } from "survey-core";
import { t } from "~/locales";
import { createSurveyModel } from "./model";
import { unsupportedFeature, type Json } from "./native-subset";
import {
  answerable,
  entryProblems,
  ruleProblem,
  splitAnswers,
  storedQuestion,
  valueRule,
  type Answerable,
  type StoredQuestion,
  type ValidationResult,
  validateWithSurveyCore,
} from "./validation";

/**
 * A validator compiled once per questionnaire version. Loading answers into a
 * survey-core model costs milliseconds per citizen; for the question types and
 * properties our questionnaires use, the same verdict and the same per-question
 * messages come from rules read off the model once: offered values, required,
 * visibleIf (survey-core's own condition runner), "other" text, minimum choices, rows
 * required, and survey-core's own validator objects. A definition that uses anything
 * else is validated by survey-core itself (`null` here). survey-core stays the
 * reference: a differential test feeds both thousands of generated answer sets.
 */
export type CompiledValidator = (answers: Record<string, unknown>) => ValidationResult;

export type Compilation =
  | {
      ok: true;
      validate: CompiledValidator;
      /** The names of the questions (html blocks included) these answers leave visible. */
      visible: (answers: Record<string, unknown>) => Set<string>;
    }
  | { ok: false; reason: string };

type Rules = {
  answerable: Answerable;
  stored: StoredQuestion;
  type: string;
  visible: boolean;
  condition: ConditionRunner | null;
  required: string | null;
  /** The other choice's value and the message when it is chosen without text. */
  other: { value: unknown; message: string } | null;
  minChoices: { count: number; none: unknown; message: string } | null;
  rowsRequired: { rows: string[]; message: string } | null;
  validators: SurveyValidator[];
  validatorTitle: string;
};

/** Compiles a definition, or says what sends it to survey-core. */
export function compileValidator(definition: unknown): Compilation {
  const unsupported = unsupportedFeature(definition);
  if (unsupported) return { ok: false, reason: unsupported };
  // Kept for the life of the validator: the validators below are survey-core's own objects.
  const model = createSurveyModel(definition);
  // The model has run each visibleIf on empty answers already: take `visible` as written.
  const written = new Map(writtenQuestions(definition as Json).map((q) => [q.name, q.visible !== false]));
  const rules = model.getAllQuestions().map((q) => rulesOf(q, written.get(q.name) ?? true));
  const byName = new Map(rules.map((r) => [r.answerable.name, r]));
  return {
    ok: true,
    validate: (answers) => validateWithRules(rules, byName, answers) ?? validateWithSurveyCore(definition, answers),
    visible: (answers) => new Set([...visibleRules(rules, answers)].map((r) => r.answerable.name)),
  };
}

function writtenQuestions(definition: Json): Json[] {
  const walk = (elements: unknown): Json[] =>
    (Array.isArray(elements) ? elements : []).flatMap((e: Json) => (e.type === "panel" ? walk(e.elements) : [e]));
  return (definition.pages as Json[]).flatMap((page) => walk(page.elements));
}

function rulesOf(q: Question, visible: boolean): Rules {
  const type = q.getType();
  const text = (key: string, ...args: unknown[]) => q.getLocalizationFormatString(key, ...args);
  // The offered values are fixed for the compiled subset (no conditions on choices): read them once.
  const rule = valueRule(q);
  const base = answerable(q);
  const rows = type === "matrix" ? (q.visibleRows as Array<{ name: unknown }>).map((r) => String(r.name)) : [];
  return {
    answerable: rule ? { ...base, check: (value) => ruleProblem(rule, value) } : base,
    stored: storedQuestion(q),
    type,
    visible,
    condition: q.visibleIf ? new ConditionRunner(q.visibleIf) : null,
    required: q.isRequired ? q.requiredErrorText || text("requiredError") : null,
    other: q.hasOther ? { value: q.otherItem.value, message: q.otherErrorText || text("otherRequiredError") } : null,
    minChoices:
      type === "checkbox" && q.minSelectedChoices > 0
        ? {
            count: q.minSelectedChoices,
            none: q.showNoneItem ? q.noneItem.value : undefined,
            message: text("minSelectError", q.minSelectedChoices),
          }
        : null,
    rowsRequired: type === "matrix" && (q.eachRowRequired || q.isAllRowRequired) ? { rows, message: text("requiredInAllRowsError") } : null,
    validators: q.validators,
    validatorTitle: q.getValidatorTitle(),
  };
}

/** Empty as survey-core's question.isEmpty() sees it: strings trimmed, empty arrays and objects. */
function isEmpty(value: unknown): boolean {
  return Helpers.isValueEmpty(typeof value === "string" ? value.trim() : value);
}

/**
 * The verdict for answers whose every value is of its question's type and among its
 * offered values; null for any other, which survey-core then reports on: it first
 * coerces such values in ways (an unknown choice taken as "other" text, a rating off the
 * scale taken as none) that only it should be trusted to repeat.
 */
function validateWithRules(rules: Rules[], byName: Map<string, Rules>, answers: Record<string, unknown>): ValidationResult | null {
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);

  for (const _ of entryProblems(answers, (key) => byName.get(key)?.answerable)) return null;

  const visible = visibleRules(rules, answers);

  for (const r of rules) {
    if (!visible.has(r) || r.type === "html") continue;
    for (const message of questionErrors(r, answers)) add(r.answerable.name, message);
  }
  for (const [key, value] of Object.entries(answers)) {
    const r = byName.get(key);
    if (r && !visible.has(r) && value !== undefined) add(r.answerable.name, t("survey.error.hiddenAnswered"));
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    ...splitAnswers(
      rules.map((r) => r.stored),
      answers,
    ),
  };
}

function visibleRules(rules: Rules[], answers: Record<string, unknown>): Set<Rules> {
  const visible = new Set<Rules>();
  for (const r of rules) if (r.visible && (!r.condition || r.condition.runValues(answers))) visible.add(r);
  return visible;
}

/** What survey-core's validate() reports for one visible question: its own checks, then (only if none) its validators. */
function questionErrors(r: Rules, answers: Record<string, unknown>): string[] {
  const name = r.answerable.name;
  const value = answers[name];
  const own: string[] = [];
  if (r.required && isEmpty(value)) own.push(r.required);
  if (r.other) {
    const chosen = Array.isArray(value) ? value.includes(r.other.value) : value === r.other.value;
    if (chosen && !answers[`${name}-Comment`]) own.push(r.other.message);
  }
  if (r.minChoices) {
    const count = Array.isArray(value) ? value.length : 0;
    const onlyNone = count === 1 && r.minChoices.none !== undefined && (value as unknown[])[0] === r.minChoices.none;
    if (!onlyNone && count < r.minChoices.count) own.push(r.minChoices.message);
  }
  if (r.rowsRequired) {
    const cells = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    if (r.rowsRequired.rows.some((row) => isEmpty(cells[row]))) own.push(r.rowsRequired.message);
  }
  if (own.length > 0) return own;
  const found: string[] = [];
  for (const validator of r.validators) {
    validator.validateOnCallback(
      value,
      (result) => {
        if (result?.error) found.push(result.error.getText());
      },
      r.validatorTitle,
      {},
    );
  }
  return found;
}
