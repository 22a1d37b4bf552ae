import { templateItems, type ChecklistTemplateDef } from "./templates";

/** One item checked in one slot: 是, 否 or 不適用. */
export type Check = "yes" | "no" | "na";
export const CHECK_VALUES: readonly Check[] = ["yes", "no", "na"];

/** Checks per slot key, then per item key. */
export type Checks = Record<string, Record<string, Check>>;

/** Grade bands as the courtesy scale defines them: highest first, the lowest from 0. */
export type Banding = { bands: ReadonlyArray<{ min: number; label: string }>; improvementBelow: number };

export type ChecklistScore = {
  /** 0-100, one decimal, rounded half up. */
  score: number;
  obtained: number;
  applicable: number;
  band: string;
  needsImprovement: boolean;
  /** The checks answered 否, in template order. */
  failed: Array<{ slot: string; item: string }>;
};

/**
 * Scores a checklist: score = 100 × checks passed / checks applicable, where every item
 * in every slot is one check and 不適用 leaves the maximum, as the paper logs count it.
 * The band and the improvement threshold are the courtesy scale's, so on-site and
 * telephone results read on one scale. Every check must be present: a silently missing
 * one would read as neither passed nor failed. Throws RangeError on anything else.
 */
export function scoreChecklist(template: ChecklistTemplateDef, checks: Checks, banding: Banding): ChecklistScore {
  const items = templateItems(template);
  for (const slot of Object.keys(checks)) {
    if (!template.slots.some((s) => s.key === slot)) throw new RangeError(`unknown slot "${slot}" in template ${template.key}`);
    for (const item of Object.keys(checks[slot])) {
      if (!items.some((i) => i.key === item)) throw new RangeError(`unknown item "${item}" in template ${template.key}`);
    }
  }
  let obtained = 0;
  let applicable = 0;
  const failed: ChecklistScore["failed"] = [];
  for (const slot of template.slots) {
    for (const item of items) {
      const check: unknown = checks[slot.key]?.[item.key];
      if (check === undefined) throw new RangeError(`missing check for item "${item.key}" in slot "${slot.key}"`);
      if (!CHECK_VALUES.includes(check as Check))
        throw new RangeError(`check for "${item.key}" must be yes, no or na, got ${String(check)}`);
      if (check === "na") continue;
      applicable += 1;
      if (check === "yes") obtained += 1;
      else failed.push({ slot: slot.key, item: item.key });
    }
  }
  if (applicable === 0) throw new RangeError("every check is marked not applicable: nothing to score");
  const score = roundHalfUp1((obtained * 100) / applicable);
  return { score, obtained, applicable, band: bandOf(banding, score), needsImprovement: score < banding.improvementBelow, failed };
}

/** The label of the highest band whose minimum the score reaches. */
export function bandOf(banding: Banding, score: number): string {
  const band = banding.bands.find((b) => b.min <= score);
  if (!band) throw new RangeError(`no band for score ${score}`);
  return band.label;
}

/**
 * Half up to one decimal. toPrecision(12) first strips binary noise, so 2 of 3 checks
 * (66.666…) gives 66.7 and a ratio that is x.x5 on paper rounds up as a clerk would.
 */
export function roundHalfUp1(x: number): number {
  return Math.round(Number((x * 10).toPrecision(12))) / 10;
}
