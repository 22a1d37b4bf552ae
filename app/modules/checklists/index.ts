// On-site checklists and mystery-shopper visits (巡檢表, 神秘客): pure templates, forms and
// scoring here; database functions in records.server.ts.
export {
  BUILTIN_TEMPLATES,
  CHECKLIST_KINDS,
  NOTES_FIELD,
  dutyLogTemplate,
  mysteryVisitTemplate,
  templateItems,
  validateTemplate,
} from "./templates";
export type {
  ChecklistField,
  ChecklistGroup,
  ChecklistItem,
  ChecklistKind,
  ChecklistSection,
  ChecklistSlot,
  ChecklistTemplateDef,
} from "./templates";
export { CHECK_VALUES, bandOf, roundHalfUp1, scoreChecklist } from "./score";
export type { Banding, Check, Checks, ChecklistScore } from "./score";
export { FORM_ERROR_KEY, answersToFormData, checklistSurvey, matrixName, readChecklistForm } from "./form";
export type { ChecklistAnswers, FieldValue, FormResult } from "./form";
export { scoreTrend } from "./stats";
export type { MonthScoreStats, TrendMonth } from "./stats";
export { READING_ROLES, RECORDING_ROLES, canReadRecord, recordingRefusal } from "./access";
