import { t } from "~/locales";
import { AppError } from "~/utils/errors";
import { validateScale, type Scale, type ScaleItem, type ScalePart } from "./scale";

export type Mark = number | "na";

export type CallScore = {
  /** 0-100, one decimal, rounded half up. */
  total: number;
  raw: number;
  max: number;
  band: string;
  needsImprovement: boolean;
  /** Only the parts tested. */
  parts: Record<string, { raw: number; max: number }>;
};

/**
 * Scores one test call. The total is raw / max × 100 over the parts tested, so a part
 * tested alone is scaled to 100 (×100/45 for the default switchboard) and "na" items drop
 * out of the maximum. An automatic-fail item marked 0 makes the total 0; raw and the parts
 * keep the marks as given, so reports can still show where points were lost.
 * Every mark of a tested part is required: a silently missing mark would read as 0.
 * Marks a person could send wrongly are refused with an AppError (400, zh-TW); a malformed
 * scale or parts list is a defect of the caller and stays a RangeError.
 */
export function scoreCall(scale: Scale, marks: Record<string, Mark>, o: { partsTested?: string[] } = {}): CallScore {
  validateScale(scale);
  const tested = testedParts(scale, o.partsTested);
  checkMarkKeys(scale, marks, tested);

  let raw = 0;
  let max = 0;
  let failed = false;
  const parts: CallScore["parts"] = {};
  for (const part of tested) {
    const sub = { raw: 0, max: 0 };
    for (const item of part.items) {
      const mark = checkedMark(item, marks);
      if (mark === "na") continue;
      sub.raw += mark;
      sub.max += item.maxPoints;
      if (item.autoFail && mark === 0) failed = true;
    }
    parts[part.key] = sub;
    raw += sub.raw;
    max += sub.max;
  }
  if (max === 0) throw new AppError(400, t("score.error.allNA"));

  const total = failed ? 0 : roundHalfUp1((raw * 100) / max);
  const band = scale.bands.find((b) => b.min <= total);
  // validateScale guarantees a band starting at 0 or below, and total is never negative.
  if (!band) throw new RangeError(`scale ${scale.key} has no band for ${total}`);
  return { total, raw, max, band: band.label, needsImprovement: total < scale.improvementBelow, parts };
}

function testedParts(scale: Scale, keys: string[] | undefined): ScalePart[] {
  if (keys === undefined) return scale.parts;
  if (keys.length === 0) throw new RangeError("partsTested is empty: test at least one part");
  for (const key of keys) {
    if (!scale.parts.some((p) => p.key === key)) {
      throw new RangeError(`unknown part "${key}" in partsTested (scale ${scale.key} has ${scale.parts.map((p) => p.key).join(", ")})`);
    }
  }
  return scale.parts.filter((p) => keys.includes(p.key));
}

function labelOf(part: ScalePart, key: string): string {
  return part.items.find((i) => i.key === key)?.label ?? key;
}

function checkMarkKeys(scale: Scale, marks: Record<string, Mark>, tested: ScalePart[]): void {
  for (const key of Object.keys(marks)) {
    const part = scale.parts.find((p) => p.items.some((i) => i.key === key));
    if (!part) throw new AppError(400, t("courtesy.error.unknownItem", { item: key }));
    if (!tested.includes(part)) throw new AppError(400, t("score.error.partNotTested", { item: labelOf(part, key), part: part.label }));
  }
}

function checkedMark(item: ScaleItem, marks: Record<string, Mark>): Mark {
  if (!Object.hasOwn(marks, item.key)) throw new AppError(400, t("score.error.missing", { item: item.label }));
  const mark: unknown = marks[item.key];
  if (mark === "na") {
    if (!item.allowNA) throw new AppError(400, t("score.error.naNotAllowed", { item: item.label }));
    return mark;
  }
  if (typeof mark !== "number" || !Number.isFinite(mark)) throw new AppError(400, t("courtesy.error.mark", { item: item.label }));
  if (mark < 0 || mark > item.maxPoints) throw new AppError(400, t("score.error.outOfRange", { item: item.label, max: item.maxPoints }));
  return mark;
}

/**
 * Half up to one decimal. toPrecision(12) first strips binary noise, so a ratio that is
 * 89.95 on paper but 89.94999… in floating point still rounds to 90.0 as a clerk would.
 */
function roundHalfUp1(x: number): number {
  return Math.round(Number((x * 10).toPrecision(12))) / 10;
}
