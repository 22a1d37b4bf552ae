/**
 * Agreement between evaluators who scored the same calibration call (校準). Pure: the
 * caller passes the scale items tested and each evaluator's marks; nothing here reads the
 * database. The statistics come from the analytics module, this file only builds their
 * input matrices:
 * - ICC: subjects = items, raters = evaluators, rating = mark / item maximum, so a 25-point
 *   item does not outweigh a 2-point one. Shrout & Fleiss ICC(2,1) and ICC(2,k): evaluators
 *   are a sample of all evaluators, and absolute agreement matters (a lenient evaluator is
 *   a problem even if they rank items the same way).
 * - Fleiss' kappa: subjects = items, categories = full / partial / zero marks.
 * - Deviation: each evaluator's mean absolute distance from the item medians.
 * Items anyone marked "na" are left out of all three: the matrices need every cell, and a
 * fraction of "not applicable" means nothing. They still appear in the per-item table.
 */
import { fleissKappa, icc } from "~/modules/analytics";
import type { ScaleItem } from "./scale";
import type { Mark } from "./score";

export type RaterMarks = { evaluatorId: number; marks: Record<string, Mark> };

export const MARK_CATEGORIES = ["full", "partial", "zero"] as const;
export type MarkCategory = (typeof MARK_CATEGORIES)[number];

export type ItemAgreement = {
  key: string;
  label: string;
  maxPoints: number;
  /** One mark per evaluator, in the order the evaluators were given. */
  marks: Mark[];
  naCount: number;
  /** The most frequent marks ("na" counts as a mark here); several when tied. */
  modal: Mark[];
  /** Share (0-1) of evaluators who gave the modal mark. */
  modalShare: number;
  /** Lowest and highest numeric mark; null when everyone marked "na". */
  min: number | null;
  max: number | null;
  medianFraction: number | null;
  categories: Record<MarkCategory, number>;
  /** False when someone marked "na": the item is left out of ICC, kappa and deviations. */
  inStatistics: boolean;
};

/** Why a statistic could not be computed; the page explains each in zh-TW. */
export type Unavailable = { ok: false; reason: "tooFewRaters" | "tooFewItems" | "noVariance"; detail?: string };

/** Koo & Li (2016): < 0.5 poor, 0.5-0.75 moderate, 0.75-0.9 good, > 0.9 excellent. */
export type IccLevel = "poor" | "moderate" | "good" | "excellent";
/** Landis & Koch (1977) bands for kappa. */
export type KappaLevel = "poor" | "slight" | "fair" | "moderate" | "substantial" | "almostPerfect";

export type IccResult =
  { ok: true; single: number; average: number; singleLevel: IccLevel; averageLevel: IccLevel; items: number } | Unavailable;
export type KappaResult = { ok: true; value: number; level: KappaLevel; items: number } | Unavailable;

export type Deviation = { evaluatorId: number; meanAbsDeviation: number | null };

export type CalibrationAgreement = {
  raters: number;
  items: ItemAgreement[];
  icc: IccResult;
  kappa: KappaResult;
  /** In the order the evaluators were given. */
  deviations: Deviation[];
  /**
   * The evaluator furthest from the item medians, or null when nobody stands out: fewer
   * than 3 evaluators (with 2, both are equally far from their own midpoint), no item
   * to compare on, everyone on the medians, or a tie at the top.
   */
  mostDeviant: number | null;
};

export function categoryOf(mark: number, maxPoints: number): MarkCategory {
  if (mark >= maxPoints) return "full";
  return mark <= 0 ? "zero" : "partial";
}

export function iccLevel(value: number): IccLevel {
  if (value < 0.5) return "poor";
  if (value < 0.75) return "moderate";
  return value <= 0.9 ? "good" : "excellent";
}

export function kappaLevel(value: number): KappaLevel {
  if (value < 0) return "poor";
  if (value <= 0.2) return "slight";
  if (value <= 0.4) return "fair";
  if (value <= 0.6) return "moderate";
  return value <= 0.8 ? "substantial" : "almostPerfect";
}

/** Throws a RangeError when an evaluator lacks a mark for an item (scoreCall never lets that through). */
export function calibrationAgreement(items: ScaleItem[], raters: RaterMarks[]): CalibrationAgreement {
  const perItem = items.map((item) => itemAgreement(item, raters));
  const complete = perItem.filter((i) => i.inStatistics);
  // rows = items, columns = evaluators, cells = fraction of the item's maximum
  const fractions = complete.map((i) => i.marks.map((m) => (m as number) / i.maxPoints));
  const deviations = deviationsFrom(raters, complete, fractions);
  return {
    raters: raters.length,
    items: perItem,
    icc: iccOf(raters.length, fractions),
    kappa: kappaOf(raters.length, complete),
    deviations,
    mostDeviant: mostDeviantOf(raters.length, deviations),
  };
}

function itemAgreement(item: ScaleItem, raters: RaterMarks[]): ItemAgreement {
  const marks = raters.map((r) => {
    if (!Object.hasOwn(r.marks, item.key)) throw new RangeError(`evaluator ${r.evaluatorId} has no mark for item "${item.key}"`);
    return r.marks[item.key];
  });
  const numeric = marks.filter((m): m is number => m !== "na");
  const counts = new Map<Mark, number>();
  for (const m of marks) counts.set(m, (counts.get(m) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const categories: Record<MarkCategory, number> = { full: 0, partial: 0, zero: 0 };
  for (const m of numeric) categories[categoryOf(m, item.maxPoints)] += 1;
  return {
    key: item.key,
    label: item.label,
    maxPoints: item.maxPoints,
    marks,
    naCount: marks.length - numeric.length,
    modal: [...counts].filter(([, n]) => n === top).map(([m]) => m),
    modalShare: marks.length ? top / marks.length : 0,
    min: numeric.length ? Math.min(...numeric) : null,
    max: numeric.length ? Math.max(...numeric) : null,
    medianFraction: numeric.length ? median(numeric.map((m) => m / item.maxPoints)) : null,
    categories,
    inStatistics: numeric.length === marks.length && marks.length > 0,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function iccOf(raters: number, fractions: number[][]): IccResult {
  if (raters < 2) return { ok: false, reason: "tooFewRaters" };
  if (fractions.length < 2) return { ok: false, reason: "tooFewItems" };
  try {
    const r = icc(fractions);
    return {
      ok: true,
      single: r.icc2,
      average: r.icc2k,
      singleLevel: iccLevel(r.icc2),
      averageLevel: iccLevel(r.icc2k),
      items: fractions.length,
    };
  } catch (e) {
    // The sizes are checked above, so what is left is a degenerate matrix (every item with the same mean).
    if (e instanceof RangeError) return { ok: false, reason: "noVariance", detail: e.message };
    throw e;
  }
}

function kappaOf(raters: number, complete: ItemAgreement[]): KappaResult {
  if (raters < 2) return { ok: false, reason: "tooFewRaters" };
  if (complete.length < 1) return { ok: false, reason: "tooFewItems" };
  try {
    const value = fleissKappa(complete.map((i) => MARK_CATEGORIES.map((c) => i.categories[c])));
    return { ok: true, value, level: kappaLevel(value), items: complete.length };
  } catch (e) {
    // Every mark in one category: agreement is complete but kappa's chance term is 1.
    if (e instanceof RangeError) return { ok: false, reason: "noVariance", detail: e.message };
    throw e;
  }
}

function deviationsFrom(raters: RaterMarks[], complete: ItemAgreement[], fractions: number[][]): Deviation[] {
  return raters.map((r, j) => {
    if (raters.length < 2 || complete.length === 0) return { evaluatorId: r.evaluatorId, meanAbsDeviation: null };
    let sum = 0;
    complete.forEach((item, i) => (sum += Math.abs(fractions[i][j] - (item.medianFraction as number))));
    return { evaluatorId: r.evaluatorId, meanAbsDeviation: sum / complete.length };
  });
}

function mostDeviantOf(raters: number, deviations: Deviation[]): number | null {
  if (raters < 3) return null;
  const ranked = deviations
    .filter((d) => d.meanAbsDeviation !== null)
    .sort((a, b) => (b.meanAbsDeviation as number) - (a.meanAbsDeviation as number));
  if (ranked.length === 0) return null;
  const [first, second] = ranked;
  const top = first.meanAbsDeviation as number;
  // Compare with a tolerance: equal sums of fractions can differ in the last bit.
  if (top < 1e-12 || (second && top - (second.meanAbsDeviation as number) < 1e-12)) return null;
  return first.evaluatorId;
}
