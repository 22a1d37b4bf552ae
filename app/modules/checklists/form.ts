import { t } from "~/locales";
import { CHECK_VALUES, type Check, type Checks } from "./score";
import { NOTES_FIELD, type ChecklistField, type ChecklistSection, type ChecklistTemplateDef } from "./templates";

export const NOTES_MAX = 2000;
export const NAME_MAX = 50;
/** The key for problems that belong to no single question. */
export const FORM_ERROR_KEY = "_form";

const CHECK_LABELS: Record<Check, string> = { yes: "是", no: "否", na: "不適用" };

/** SurveyJS question name of one group checked in one slot. */
export function matrixName(slotKey: string, groupKey: string): string {
  return `${slotKey}__${groupKey}`;
}

const nameKey = (i: number) => `n${i + 1}`;

/**
 * A SurveyJS definition for filling in a checklist template: an optional page of visit
 * facts, then one page per time slot with one 是/否/不適用 matrix per group (a single
 * visit has one page), then the unscored fields and the remarks. One renderer thus
 * serves every template version, as the courtesy scoring form does for scales.
 */
export function checklistSurvey(template: ChecklistTemplateDef) {
  const sections = (placement: ChecklistSection["placement"]) =>
    template.sections
      .filter((s) => s.placement === placement)
      .map((s) => ({ type: "panel", name: `section_${s.key}`, title: s.title, elements: s.fields.map(fieldQuestion) }));
  const single = template.slots.length === 1;
  const before = sections("before");
  return {
    showQuestionNumbers: "off",
    completeText: "送出紀錄",
    checkErrorsMode: "onNextPage",
    showProgressBar: single ? "off" : "top",
    pages: [
      ...(before.length ? [{ name: "before", elements: before }] : []),
      ...template.slots.map((slot) => ({
        name: `slot_${slot.key}`,
        title: single ? undefined : `巡檢時段 ${slot.label}`,
        elements: template.groups.map((group) => ({
          type: "matrix",
          name: matrixName(slot.key, group.key),
          title: group.label,
          isRequired: true,
          eachRowRequired: true,
          alternateRows: true,
          columns: CHECK_VALUES.map((value) => ({ value, text: CHECK_LABELS[value] })),
          rows: group.items.map((item) => ({ value: item.key, text: item.label })),
        })),
      })),
      {
        name: "after",
        elements: [...sections("after"), { type: "comment", name: NOTES_FIELD, title: template.notesLabel, maxLength: NOTES_MAX }],
      },
    ],
  };
}

function fieldQuestion(field: ChecklistField) {
  const base = { name: field.key, title: field.label };
  switch (field.type) {
    case "text":
      return {
        ...base,
        type: "text",
        isRequired: !!field.required,
        maxLength: field.maxLength,
        validators: [{ type: "text", maxLength: field.maxLength }],
      };
    case "number":
      return {
        ...base,
        type: "text",
        inputType: "number",
        isRequired: !!field.required,
        min: field.min,
        max: field.max,
        validators: [{ type: "numeric", minValue: field.min, maxValue: field.max }],
      };
    case "time":
      return { ...base, type: "text", inputType: "time", isRequired: !!field.required };
    case "choice":
      return {
        ...base,
        type: "radiogroup",
        isRequired: !!field.required,
        colCount: 0,
        choices: field.choices.map((c) => ({ value: c.value, text: c.label })),
      };
    case "names":
      return {
        ...base,
        type: "multipletext",
        isRequired: field.min > 0,
        items: Array.from({ length: field.max }, (_, i) => ({ name: nameKey(i), title: `第 ${i + 1} 位`, maxLength: NAME_MAX })),
      };
  }
}

export type FieldValue = string | number | string[];

export type ChecklistAnswers = { checks: Checks; fields: Record<string, FieldValue> };

export type FormResult = { ok: true; answers: ChecklistAnswers; notes: string } | { ok: false; errors: Record<string, string[]> };

/**
 * Reads SurveyJS data posted for a template into checks, fields and notes. Nothing
 * unknown is dropped silently: an unknown key, a value of the wrong type, a missing
 * check or required field is an error under the question's name, in zh-TW. Written
 * against the template rather than survey-core's validation, which lets wrong value
 * types through (a string where a number belongs passes its validation).
 */
export function readChecklistForm(template: ChecklistTemplateDef, data: unknown): FormResult {
  if (!isPlainObject(data) || Object.keys(data).length > 1000)
    return { ok: false, errors: { [FORM_ERROR_KEY]: [t("checklist.error.shape")] } };
  // No prototype: an answer named "constructor" or "toString" must not find an inherited member.
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);

  const matrices = new Map(
    template.slots.flatMap((slot) => template.groups.map((group) => [matrixName(slot.key, group.key), { slot, group }] as const)),
  );
  const fields = new Map(template.sections.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  for (const key of Object.keys(data)) {
    if (!matrices.has(key) && !fields.has(key) && key !== NOTES_FIELD) add(key, t("checklist.error.unknown"));
  }

  const checks: Checks = Object.fromEntries(template.slots.map((s) => [s.key, {}]));
  for (const [name, { slot, group }] of matrices) {
    const value = data[name];
    if (value === undefined) {
      add(name, t("checklist.error.checksMissing"));
      continue;
    }
    if (!isPlainObject(value)) {
      add(name, t("checklist.error.checkValue"));
      continue;
    }
    for (const [row, check] of Object.entries(value)) {
      if (!group.items.some((i) => i.key === row)) add(name, t("checklist.error.unknown"));
      else if (!CHECK_VALUES.includes(check as Check)) add(name, t("checklist.error.checkValue"));
      else checks[slot.key][row] = check as Check;
    }
    if (group.items.some((i) => value[i.key] === undefined)) add(name, t("checklist.error.checksMissing"));
  }

  const fieldValues: Record<string, FieldValue> = {};
  for (const field of fields.values()) {
    const outcome = readField(field, data[field.key]);
    if ("error" in outcome) add(field.key, outcome.error);
    else if (outcome.value !== undefined) fieldValues[field.key] = outcome.value;
  }

  const notes = data[NOTES_FIELD];
  if (notes !== undefined && (typeof notes !== "string" || notes.length > NOTES_MAX))
    add(NOTES_FIELD, t("checklist.error.tooLong", { max: NOTES_MAX }));

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const applicable = Object.values(checks).some((bySlot) => Object.values(bySlot).some((c) => c !== "na"));
  if (!applicable) return { ok: false, errors: { [FORM_ERROR_KEY]: [t("checklist.error.allNotApplicable")] } };
  return { ok: true, answers: { checks, fields: fieldValues }, notes: typeof notes === "string" ? notes.trim() : "" };
}

type FieldOutcome = { value: FieldValue | undefined } | { error: string };

function readField(field: ChecklistField, value: unknown): FieldOutcome {
  const empty = value === undefined || value === null || value === "";
  if (field.type === "names") return readNames(field, value);
  if (empty) return field.required ? { error: t("checklist.error.required") } : { value: undefined };
  switch (field.type) {
    case "text":
      return typeof value === "string" && value.length <= field.maxLength
        ? { value: value.trim() }
        : { error: t("checklist.error.tooLong", { max: field.maxLength }) };
    case "number":
      return typeof value === "number" && Number.isInteger(value) && value >= field.min && value <= field.max
        ? { value }
        : { error: t("checklist.error.number", { min: field.min, max: field.max }) };
    case "time":
      return typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? { value } : { error: t("checklist.error.time") };
    case "choice":
      return field.choices.some((c) => c.value === value) ? { value: value as string } : { error: t("checklist.error.choice") };
  }
}

function readNames(field: Extract<ChecklistField, { type: "names" }>, value: unknown): FieldOutcome {
  const message = { error: t("checklist.error.names", { min: field.min, max: field.max, chars: NAME_MAX }) };
  if (value === undefined || value === null) return field.min > 0 ? message : { value: undefined };
  if (!isPlainObject(value)) return message;
  const allowed = Array.from({ length: field.max }, (_, i) => nameKey(i));
  const names: string[] = [];
  for (const [key, name] of Object.entries(value)) {
    if (!allowed.includes(key) || typeof name !== "string" || name.length > NAME_MAX) return message;
    if (name.trim()) names.push(name.trim());
  }
  if (names.length < field.min) return message;
  return { value: names.length ? names : undefined };
}

/** A stored record's answers back as SurveyJS data, e.g. to start a form from it. */
export function answersToFormData(template: ChecklistTemplateDef, answers: ChecklistAnswers, notes: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const slot of template.slots) {
    for (const group of template.groups) {
      const rows = Object.fromEntries(
        group.items.flatMap((i) => (answers.checks[slot.key]?.[i.key] ? [[i.key, answers.checks[slot.key][i.key]]] : [])),
      );
      if (Object.keys(rows).length) data[matrixName(slot.key, group.key)] = rows;
    }
  }
  for (const field of template.sections.flatMap((s) => s.fields)) {
    const value = answers.fields[field.key];
    if (value === undefined) continue;
    data[field.key] = field.type === "names" && Array.isArray(value) ? Object.fromEntries(value.map((n, i) => [nameKey(i), n])) : value;
  }
  if (notes) data[NOTES_FIELD] = notes;
  return data;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
