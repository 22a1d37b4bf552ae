import type { Model, Question } from "survey-core";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { createSurveyModel } from "./model";

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

/** The answers object a request claims to send, or null when its shape is wrong. */
export function parseAnswers(input: unknown): Record<string, unknown> | null {
  const parsed = answersSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

export const shapeError = (): ValidationResult => fail(FORM_ERROR_KEY, t("survey.error.answersShape"));

/**
 * Checks SurveyJS answers against the definition they claim to answer with survey-core
 * itself: the reference, and the path of definitions the compiled validator does not
 * cover. survey-core enforces required, visibleIf, answer counts and text/numeric
 * validators, but not value types, rating bounds or a question's own maxLength, so those
 * are derived here from each question's type: admins load arbitrary definitions.
 */
export function validateWithSurveyCore(surveyJson: unknown, input: unknown): ValidationResult {
  const answers = parseAnswers(input);
  if (!answers) return shapeError();
  // A fresh model each time: loaded into a reused one, answers leak into the next run, as
  // survey-core keeps an old value it deems equal to the new one ([] and false, 1 and "1").
  const model = createSurveyModel(surveyJson);
  try {
    return validateWith(model, answers);
  } finally {
    model.dispose();
  }
}

function validateWith(model: Model, answers: Record<string, unknown>): ValidationResult {
  // No prototype: an answer named "constructor" or "toString" must not find an inherited member.
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);

  const questions = new Map<string, Question>();
  for (const q of model.getAllQuestions()) questions.set(q.getValueName(), q);

  // Set first: matrix rows, dynamic panels and choice lists follow the answers given.
  model.data = answers;
  const find = (key: string) => {
    const q = questions.get(key);
    return q && answerable(q);
  };
  for (const p of entryProblems(answers, find)) {
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
  return { ok: true, ...splitAnswers(model.getAllQuestions().map(storedQuestion), answers) };
}

function fail(key: string, message: string): ValidationResult {
  return { ok: false, errors: { [key]: [message] } };
}

const COMMENT_SUFFIX = "-Comment";

/** What checking one answer needs of its question; made from a survey-core question or compiled once. */
export type Answerable = {
  name: string;
  title: string;
  /** The question's own comment box, which takes text any time. */
  hasComment: boolean;
  /** The value of its "other" choice, when it has one. */
  otherValue: unknown;
  check(value: unknown): string | null;
};

export function answerable(q: Question): Answerable {
  return {
    name: q.name,
    title: q.title,
    hasComment: Boolean(q.hasComment),
    otherValue: q.hasOther ? ((q as Question & { otherItem?: { value: unknown } }).otherItem?.value ?? "other") : undefined,
    check: (value) => checkValue(q, value),
  };
}

type EntryProblem = { key: string; question?: Answerable; message: string };

/**
 * The problems of an object of answers keyed by value name: the survey's own answers, a
 * matrix row, a dynamic panel entry or a multiple-text item. `find` names the question
 * each key answers; a key it does not know comes back without a question.
 */
export function* entryProblems(entries: Record<string, unknown>, find: (key: string) => Answerable | undefined): Generator<EntryProblem> {
  for (const [key, value] of Object.entries(entries)) {
    const commentOf = key.endsWith(COMMENT_SUFFIX) ? find(key.slice(0, -COMMENT_SUFFIX.length)) : undefined;
    if (commentOf) {
      // "Other" text belongs with "other" chosen; a question's own comment box takes text any time.
      const chosen = entries[key.slice(0, -COMMENT_SUFFIX.length)];
      const other = commentOf.otherValue;
      const otherChosen = other !== undefined && (chosen === other || (Array.isArray(chosen) && chosen.includes(other)));
      if (!(commentOf.hasComment || otherChosen) || !isStringWithin(value, MAX_TEXT)) {
        yield { key, question: commentOf, message: t("survey.error.invalidOther") };
      }
      continue;
    }
    const question = find(key);
    if (!question) yield { key, message: "" };
    else {
      const message = question.check(value);
      if (message) yield { key, question, message };
    }
  }
}

/** The first problem of a nested object of answers, told with where it is (`where` names the row or entry). */
function nestedProblem(where: string, entries: unknown, find: (key: string) => Question | undefined): string | null {
  if (!isPlainObject(entries)) return t("survey.error.at", { where, message: t("survey.error.matrix") });
  for (const p of entryProblems(entries, (key) => {
    const q = find(key);
    return q && answerable(q);
  })) {
    const part = `${where}「${shortLabel(p.question?.title || p.key)}」`;
    return p.question ? t("survey.error.at", { where: part, message: p.message }) : t("survey.error.unknownPart", { where: part });
  }
  return null;
}

/** Keys come from the citizen's request: keep them short when echoed back. */
function shortLabel(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isStringWithin(value: unknown, max: number): boolean {
  return typeof value === "string" && value.length <= max;
}

/**
 * What the value of a question of a simple type may be: its offered values (a rating's
 * rateValues or rateMin..rateMax, choices with "other" and "none" when enabled, a
 * matrix's rows and columns) and text limits, as survey-core derives them. Read from the
 * model per request here, and once per questionnaire version by the compiled validator.
 */
export type ValueRule =
  | { kind: "rating" | "boolean" | "choice" | "choices"; offered: unknown[] }
  | { kind: "number" }
  | { kind: "text"; max: number }
  | { kind: "matrix"; rows: Map<string, string>; columns: unknown[]; multi: boolean };

export function valueRule(q: Question): ValueRule | null {
  const values = (items: Array<{ value: unknown }> | undefined) => (items ?? []).map((i) => i.value);
  switch (q.getType()) {
    case "rating":
      return { kind: "rating", offered: values(q.visibleRateValues) };
    case "boolean":
      return { kind: "boolean", offered: [true, false, q.valueTrue, q.valueFalse].filter((v) => v !== undefined) };
    case "text":
      return ["number", "range"].includes(q.inputType) ? { kind: "number" } : { kind: "text", max: textLimit(q) };
    case "comment":
      return { kind: "text", max: textLimit(q) };
    case "checkbox":
    case "tagbox":
    case "ranking":
      return { kind: "choices", offered: values(q.visibleChoices) };
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return { kind: "choice", offered: values(q.visibleChoices) };
    case "matrix":
      return {
        kind: "matrix",
        rows: new Map<string, string>(q.visibleRows.map((r: { name: unknown; text: string }) => [String(r.name), r.text])),
        columns: values(q.visibleColumns),
        multi: Boolean(q.isMultiSelect),
      };
    default:
      return null;
  }
}

/** The message for a value its rule does not allow, or null. */
export function ruleProblem(rule: ValueRule, value: unknown): string | null {
  switch (rule.kind) {
    case "rating":
      return rule.offered.includes(value) ? null : t("survey.error.ratingRange");
    case "boolean":
      return rule.offered.includes(value) ? null : t("survey.error.boolean");
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : t("survey.error.number");
    case "text":
      return isStringWithin(value, rule.max) ? null : t("survey.error.textTooLong", { max: rule.max });
    case "choices":
      return isChoiceList(value, rule.offered);
    case "choice":
      return isOffered(rule.offered, value) ? null : t("survey.error.notAChoice");
    case "matrix":
      return matrixProblem(rule, value);
  }
}

function textLimit(q: Question): number {
  const own = typeof q.getMaxLength === "function" ? q.getMaxLength() : -1;
  return own > 0 ? own : MAX_TEXT;
}

/** A value among the offered ones. survey-core would otherwise take an unknown value as "other" text. */
function isOffered(offered: unknown[], value: unknown): boolean {
  return isChoiceValue(value) && offered.includes(value);
}

function isChoiceValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isChoiceList(value: unknown, offered: unknown[]): string | null {
  if (!Array.isArray(value) || value.length > 200) return t("survey.error.choiceList");
  return value.every((v) => isOffered(offered, v)) ? null : t("survey.error.notAChoice");
}

/** The message for a value its question cannot take (type, scale, choices, rows, columns), or null. */
function checkValue(q: Question, value: unknown): string | null {
  const rule = valueRule(q);
  if (rule) return ruleProblem(rule, value);
  switch (q.getType()) {
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
function matrixProblem(rule: Extract<ValueRule, { kind: "matrix" }>, value: unknown): string | null {
  if (!isPlainObject(value)) return t("survey.error.matrix");
  for (const [key, cell] of Object.entries(value)) {
    const text = rule.rows.get(key);
    if (text === undefined) return t("survey.error.unknownPart", { where: t("survey.where.row", { row: shortLabel(key) }) });
    const problem = rule.multi ? isChoiceList(cell, rule.columns) : isOffered(rule.columns, cell) ? null : t("survey.error.notAChoice");
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

/** What storing an answer needs to know of its question: where it goes and which scale it is on. */
export type StoredQuestion = {
  name: string;
  questionName: string;
  type: string;
  isPersonalData: boolean;
  dimension: string;
  scale: number[];
};

export function storedQuestion(q: Question): StoredQuestion {
  const scale = q.getType() === "rating" ? (q.visibleRateValues ?? []).map((v: { value: unknown }) => v.value) : [];
  return {
    name: q.getValueName(),
    questionName: q.name,
    type: q.getType(),
    isPersonalData: Boolean(q.isPersonalData),
    dimension: String(q.dimension ?? "") || "untagged",
    scale: scale.filter((v: unknown): v is number => typeof v === "number"),
  };
}

/** Separates personal data and derives one numeric row per answered rating question. */
export function splitAnswers(questions: StoredQuestion[], answers: Record<string, unknown>): ValidAnswers {
  const data = { ...answers };
  const ratings: RatedAnswer[] = [];
  const personal: string[] = [];
  let hasComment = false;
  for (const q of questions) {
    const value = answers[q.name];
    if (value === undefined) continue;
    if (q.isPersonalData) {
      if (typeof value === "string" && value.trim()) personal.push(value.trim());
      delete data[q.name];
    } else if (q.type === "rating" && typeof value === "number") {
      ratings.push({
        questionName: q.questionName,
        dimension: q.dimension,
        value,
        scaleMin: Math.min(...q.scale),
        scaleMax: Math.max(...q.scale),
      });
    } else if (q.type === "comment" && typeof value === "string" && value.trim()) {
      hasComment = true;
    }
  }
  return { data, ratings, personal, hasComment };
}
