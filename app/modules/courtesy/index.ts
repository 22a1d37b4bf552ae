export { defaultScale, validateScale } from "./scale";
export type { Scale, ScaleBand, ScaleItem, ScalePart } from "./scale";
export { scoreCall } from "./score";
export type { CallScore, Mark } from "./score";
export { questionBank, questionsForMonth } from "./question-bank";
export type { Question, QuestionKind } from "./question-bank";
export { CALL_SLOTS, generateCallPlan, pairMutualTesting } from "./plan";
export type { CallPlanInput, CallSlot, CallTarget, Evaluator, Id, PlannedCall } from "./plan";
