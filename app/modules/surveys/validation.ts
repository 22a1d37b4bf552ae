import type { Model, Question } from "survey-core";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { withSurveyModel } from "./model";

export type RatedAnswer = {
  questionName: string;
  dimension: string;
  value: number;
  scaleMin: number;
  scaleMax: number;
};

export type ValidAnswers = {
  /** The answers to store: everything but personal data. */
  data: Record<string, unknown>;
  ratings: RatedAnswer[];
  /** Answers to questions marked isPersonalData, for the follow-up case only. */
  personal: string[];
  /** True when a free-text (comment) question was answered. */
  hasComment: boolean;
};

export type ValidationResult = ({ ok: true } & ValidAnswers) | { ok: false; errors: Record<string, string[]> };

/** The general key for problems that belong to no single question. */
export const FORM_ERROR_KEY = "_form";

const MAX_TEXT = 2000;

const answersSchema = z.record(z.string().max(200), z.unknown()).refine((o) => Object.keys(o).length <= 500, { message: "too-many-keys" });

/**
 * Checks SurveyJS answers against the definition they claim to answer. survey-core
 * enforces required, visibleIf, answer counts and text/numeric validators, but not value
 * types, rating bounds or a question's own maxLength, so those are derived here from each
 * question's type: admins load arbitrary definitions, not only our templates.
 */
export function validateAnswers(surveyJson: unknown, input: unknown): ValidationResult {
  const parsed = answersSchema.safeParse(input);
  if (!parsed.success) return fail(FORM_ERROR_KEY, t("survey.error.answersShape"));
  return withSurveyModel(surveyJson, (model) => validateWith(model, parsed.data));
}

function validateWith(model: Model, answers: Record<string, unknown>): ValidationResult {
  // No prototype: an answer named "constructor" or "toString" must not find an inherited member.
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);

  const questions = new Map<string, Question>();
  for (const q of model.getAllQuestions()) questions.set(q.getValueName(), q);

  // Set first: matrix rows, dynamic panels and choice lists follow the answers given.
  model.data = answers;
  for (const p of entryProblems(answers, (key) => questions.get(key))) {
    if (p.question) add(p.question.name, p.message);
    else add(p.key, t("survey.error.unknownQuestion"));
  }

  // The model is reused: validate() skips hidden questions, so clear errors left from
  // an earlier submission first. validate(true, false) fills question.errors.
  for (const q of model.getAllQuestions()) q.errors = [];
  model.validate(true, false);
  for (const q of model.getAllQuestions()) {
    for (const e of q.errors) add(q.name, e.getText());
  }
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.get(key);
    if (q && !q.isVisible && value !== undefined) add(q.name, t("survey.error.hiddenAnswered"));
  }

  // What clearIncorrectValues drops is an answer outside the definition: report it.
  model.clearIncorrectValues(true);
  for (const key of Object.keys(answers)) {
    if (!(key in model.data)) {
      const q = questions.get(key.replace(/-Comment$/, ""));
      if (q && !errors[q.name]) add(q.name, t("survey.error.notAChoice"));
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, ...splitAnswers(model.getAllQuestions(), answers) };
}

function fail(key: string, message: string): ValidationResult {
  return { ok: false, errors: { [key]: [message] } };
}

const COMMENT_SUFFIX = "-Comment";

type EntryProblem = { key: string; question?: Question; message: string };

/**
 * The problems of an object of answers keyed by value name: the survey's own answers, a
 * matrix row, a dynamic panel entry or a multiple-text item. `find` names the question
 * each key answers; a key it does not know comes back without a question.
 */
function* entryProblems(entries: Record<string, unknown>, find: (key: string) => Question | undefined): Generator<EntryProblem> {
  for (const [key, value] of Object.entries(entries)) {
    const commentOf = key.endsWith(COMMENT_SUFFIX) ? find(key.slice(0, -COMMENT_SUFFIX.length)) : undefined;
    if (commentOf) {
      // "Other" text belongs with "other" chosen; a question's own comment box takes text any time.
      const chosen = entries[key.slice(0, -COMMENT_SUFFIX.length)];
      const otherValue = (commentOf as Question & { otherItem?: { value: unknown } }).otherItem?.value ?? "other";
      const otherChosen = chosen === otherValue || (Array.isArray(chosen) && chosen.includes(otherValue));
      if (!(commentOf.hasComment || (commentOf.hasOther && otherChosen)) || !isStringWithin(value, MAX_TEXT)) {
        yield { key, question: commentOf, message: t("survey.error.invalidOther") };
      }
      continue;
    }
    const question = find(key);
    if (!question) yield { key, message: "" };
    else {
      const message = checkValue(question, value);
      if (message) yield { key, question, message };
    }
  }
}

/** The first problem of a nested object of answers, told with where it is (`where` names the row or entry). */
function nestedProblem(where: string, entries: unknown, find: (key: string) => Question | undefined): string | null {
  if (!isPlainObject(entries)) return t("survey.error.at", { where, message: t("survey.error.matrix") });
  for (const p of entryProblems(entries, find)) {
    const part = `${where}「${shortLabel(p.question?.title || p.key)}」`;
    return p.question ? t("survey.error.at", { where: part, message: p.message }) : t("survey.error.unknownPart", { where: part });
  }
  return null;
}

/** Keys come from the citizen's request: keep them short when echoed back. */
function shortLabel(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The values a rating question offers, as SurveyJS renders them (rateValues, or rateMin..rateMax by rateStep, or rateCount). */
function rateValues(q: Question): unknown[] {
  return (q.visibleRateValues ?? []).map((v: { value: unknown }) => v.value);
}

function isStringWithin(value: unknown, max: number): boolean {
  return typeof value === "string" && value.length <= max;
}

function textLimit(q: Question): number {
  const own = typeof q.getMaxLength === "function" ? q.getMaxLength() : -1;
  return own > 0 ? own : MAX_TEXT;
}

/**
 * A value among the offered items (choices with "other" and "none" when enabled, a
 * matrix's columns). survey-core would otherwise take an unknown value as "other" text.
 */
function isOffered(offered: Array<{ value: unknown }> | undefined, value: unknown): boolean {
  return isChoiceValue(value) && (offered ?? []).some((c) => c.value === value);
}

function isChoiceValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isChoiceList(value: unknown, offered: Array<{ value: unknown }> | undefined): string | null {
  if (!Array.isArray(value) || value.length > 200) return t("survey.error.choiceList");
  return value.every((v) => isOffered(offered, v)) ? null : t("survey.error.notAChoice");
}

/** The message for a value its question cannot take (type, scale, choices, rows, columns), or null. */
function checkValue(q: Question, value: unknown): string | null {
  switch (q.getType()) {
    case "rating":
      return rateValues(q).includes(value) ? null : t("survey.error.ratingRange");
    case "boolean": {
      const allowed = [true, false, q.valueTrue, q.valueFalse].filter((v) => v !== undefined);
      return allowed.includes(value) ? null : t("survey.error.boolean");
    }
    case "text": {
      if (["number", "range"].includes(q.inputType)) {
        return typeof value === "number" && Number.isFinite(value) ? null : t("survey.error.number");
      }
      return isStringWithin(value, textLimit(q)) ? null : t("survey.error.textTooLong", { max: textLimit(q) });
    }
    case "comment":
      return isStringWithin(value, textLimit(q)) ? null : t("survey.error.textTooLong", { max: textLimit(q) });
    case "checkbox":
    case "tagbox":
    case "ranking":
      return isChoiceList(value, q.visibleChoices);
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return isOffered(q.visibleChoices, value) ? null : t("survey.error.notAChoice");
    case "matrix":
      return checkMatrix(q, value);
    case "matrixdropdown":
      return checkMatrixDropdown(q, value);
    case "matrixdynamic":
      return checkMatrixDynamic(q, value);
    case "paneldynamic":
      return checkPanels(q, value);
    case "multipletext":
      if (!isPlainObject(value)) return t("survey.error.answersShape");
      return nestedProblem("", value, (key) => q.items.find((i: { name: string }) => i.name === key)?.editor);
    default:
      return JSON.stringify(value ?? null).length <= MAX_TEXT * 5 ? null : t("survey.error.tooLarge");
  }
}

/** A single-choice (or checkbox) matrix: `{ row: column }`, both from the definition. */
function checkMatrix(q: Question, value: unknown): string | null {
  if (!isPlainObject(value)) return t("survey.error.matrix");
  const rows = new Map<string, string>(q.visibleRows.map((r: { name: unknown; text: string }) => [String(r.name), r.text]));
  for (const [key, cell] of Object.entries(value)) {
    const text = rows.get(key);
    if (text === undefined) return t("survey.error.unknownPart", { where: t("survey.where.row", { row: shortLabel(key) }) });
    const problem = q.isMultiSelect
      ? isChoiceList(cell, q.visibleColumns)
      : isOffered(q.visibleColumns, cell)
        ? null
        : t("survey.error.notAChoice");
    if (problem) return t("survey.error.at", { where: t("survey.where.row", { row: text }), message: problem });
  }
  return null;
}

type MatrixRow = { rowName: unknown; text: string; getQuestionByColumnName(name: string): Question | undefined };

/** A cell's own question (its column's type and choices, or the matrix's default choices), or a detail-panel question. */
function cellFinder(q: Question, row: MatrixRow): (key: string) => Question | undefined {
  const columns = new Set<string>(q.visibleColumns.map((c: { name: string }) => c.name));
  return (key) =>
    columns.has(key)
      ? row.getQuestionByColumnName(key)
      : q.detailPanelMode !== "none"
        ? q.detailPanel?.getQuestionByValueName(key)
        : undefined;
}

/** `{ row: { column: cell } }`, each cell checked as the question its column makes. */
function checkMatrixDropdown(q: Question, value: unknown): string | null {
  if (!isPlainObject(value)) return t("survey.error.matrix");
  const rows = new Map<string, MatrixRow>(q.visibleRows.map((r: MatrixRow) => [String(r.rowName), r]));
  for (const [key, cells] of Object.entries(value)) {
    const row = rows.get(key);
    if (!row) return t("survey.error.unknownPart", { where: t("survey.where.row", { row: shortLabel(key) }) });
    const problem = nestedProblem(t("survey.where.row", { row: row.text }), cells, cellFinder(q, row));
    if (problem) return problem;
  }
  return null;
}

/** `[{ column: cell }, …]`: at most maxRowCount rows; SurveyJS makes one row per entry. */
function checkMatrixDynamic(q: Question, value: unknown): string | null {
  if (!Array.isArray(value)) return t("survey.error.matrix");
  if (value.length > q.maxRowCount) return t("survey.error.tooManyRows", { max: q.maxRowCount });
  const rows: MatrixRow[] = q.visibleRows;
  for (const [i, cells] of value.entries()) {
    const problem = nestedProblem(t("survey.where.rowNumber", { n: i + 1 }), cells, cellFinder(q, rows[i]));
    if (problem) return problem;
  }
  return null;
}

/** `[{ question: answer }, …]`: at most maxPanelCount entries, each answer checked by its panel's question. */
function checkPanels(q: Question, value: unknown): string | null {
  if (!Array.isArray(value)) return t("survey.error.matrix");
  if (value.length > q.maxPanelCount) return t("survey.error.tooManyPanels", { max: q.maxPanelCount });
  for (const [i, entry] of value.entries()) {
    const panel = q.panels[i];
    const problem = nestedProblem(t("survey.where.panel", { n: i + 1 }), entry, (key) =>
      panel?.questions.find((p: Question) => p.getValueName() === key),
    );
    if (problem) return problem;
  }
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Separates personal data and derives one numeric row per answered rating question. */
function splitAnswers(questions: Question[], answers: Record<string, unknown>): ValidAnswers {
  const data = { ...answers };
  const ratings: RatedAnswer[] = [];
  const personal: string[] = [];
  let hasComment = false;
  for (const q of questions) {
    const key = q.getValueName();
    const value = answers[key];
    if (value === undefined) continue;
    if (q.isPersonalData) {
      if (typeof value === "string" && value.trim()) personal.push(value.trim());
      delete data[key];
    } else if (q.getType() === "rating" && typeof value === "number") {
      const scale = rateValues(q).filter((v): v is number => typeof v === "number");
      ratings.push({
        questionName: q.name,
        dimension: String(q.dimension ?? "") || "untagged",
        value,
        scaleMin: Math.min(...scale),
        scaleMax: Math.max(...scale),
      });
    } else if (q.getType() === "comment" && typeof value === "string" && value.trim()) {
      hasComment = true;
    }
  }
  return { data, ratings, personal, hasComment };
}
