import { t } from "~/locales";
import type { Mark } from "./score";
import type { Scale } from "./scale";

/** Field names of the call's own facts on the scoring form, beside the scale's items. */
export const CALL_FIELDS = { rings: "rings", seconds: "secondsToAnswer", comment: "comment" } as const;

/**
 * A SurveyJS definition for scoring one call on a scale: one panel per tested part, one
 * dropdown per item (its maximum down to 0, plus 不適用 where allowed) with a deduction
 * note. One renderer thus serves every scale version an admin creates.
 */
export function scoringSurvey(scale: Scale, partsTested: string[]) {
  const parts = scale.parts.filter((p) => partsTested.includes(p.key));
  return {
    showQuestionNumbers: "off",
    completeText: t("scoring.submit"),
    checkErrorsMode: "onComplete",
    pages: [
      {
        name: "call",
        elements: [
          {
            type: "text",
            name: CALL_FIELDS.rings,
            title: t("scoring.rings"),
            inputType: "number",
            min: 0,
            max: 50,
            validators: [{ type: "numeric", minValue: 0, maxValue: 50 }],
          },
          {
            type: "text",
            name: CALL_FIELDS.seconds,
            title: t("scoring.seconds"),
            inputType: "number",
            min: 0,
            max: 600,
            validators: [{ type: "numeric", minValue: 0, maxValue: 600 }],
          },
          ...parts.map((part) => ({
            type: "panel",
            name: `part_${part.key}`,
            title: t("scoring.part", { part: part.label, points: part.items.reduce((n, i) => n + i.maxPoints, 0) }),
            elements: part.items.map((item) => ({
              type: "rating",
              name: item.key,
              title: t(item.autoFail ? "scoring.itemAutoFail" : "scoring.item", { item: item.label, points: item.maxPoints }),
              isRequired: true,
              // Buttons, not a dropdown: one tap per item on a phone while the call is fresh.
              displayMode: "buttons",
              rateValues: [
                ...Array.from({ length: item.maxPoints + 1 }, (_, i) => ({ value: item.maxPoints - i, text: String(item.maxPoints - i) })),
                ...(item.allowNA ? [{ value: "na", text: t("courtesy.na") }] : []),
              ],
              showCommentArea: true,
              commentText: t("courtesy.note"),
            })),
          })),
          { type: "comment", name: CALL_FIELDS.comment, title: t("scoring.comment"), maxLength: 2000 },
        ],
      },
    ],
  };
}

export type CallInput = {
  marks: Record<string, Mark>;
  notes: Record<string, string>;
  rings: number | null;
  secondsToAnswer: number | null;
  comment: string;
};

/** The stored form of a call, back as SurveyJS data so a draft reopens where it was left. */
export function callToFormData(call: CallInput): Record<string, unknown> {
  const data: Record<string, unknown> = { ...call.marks };
  for (const [key, note] of Object.entries(call.notes)) if (note) data[`${key}-Comment`] = note;
  if (call.rings !== null) data[CALL_FIELDS.rings] = call.rings;
  if (call.secondsToAnswer !== null) data[CALL_FIELDS.seconds] = call.secondsToAnswer;
  if (call.comment) data[CALL_FIELDS.comment] = call.comment;
  return data;
}

/**
 * Every deduction (an item marked below its maximum) needs the evaluator's note: the office
 * reads it to see what went wrong and to decide whether to appeal. Returns a message per
 * item key that lacks one.
 */
export function notesMissing(scale: Scale, partsTested: string[], input: Pick<CallInput, "marks" | "notes">): Record<string, string> {
  const items = scale.parts.filter((p) => partsTested.includes(p.key)).flatMap((p) => p.items);
  const deducted = items.filter((item) => {
    const mark = input.marks[item.key];
    return typeof mark === "number" && mark < item.maxPoints && !input.notes[item.key];
  });
  return Object.fromEntries(deducted.map((item) => [item.key, t("evaluator.error.noteRequired", { item: item.label })]));
}
