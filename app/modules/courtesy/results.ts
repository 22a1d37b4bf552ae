/**
 * Pure pieces of the courtesy results: the reporting period, a mean score with its
 * interval from sufficient statistics and the items that lose the most points. No
 * database here, so each piece is tested on its own.
 */
import { meanInterval } from "~/modules/analytics";
import { isIsoMonth, lastMonths, rocMonthLabel } from "~/utils/dates";
import type { Scale } from "./scale";
import type { Mark } from "./score";

export type Period = { kind: "month"; month: string } | { kind: "year"; year: string };

/**
 * The period asked for by `?month=YYYY-MM` or `?year=YYYY`; `defaultMonth` when neither is
 * given, null when a value is malformed or both are given (the caller answers 400).
 */
export function parsePeriod(search: URLSearchParams, defaultMonth: string): Period | null {
  const month = search.get("month");
  const year = search.get("year");
  if (month !== null && year !== null) return null;
  if (year !== null) return /^\d{4}$/.test(year) && Number(year) > 1911 ? { kind: "year", year } : null;
  const m = month ?? defaultMonth;
  return isIsoMonth(m) ? { kind: "month", month: m } : null;
}

/** First and last month (YYYY-MM, inclusive) of a period. */
export function periodRange(p: Period): { from: string; to: string } {
  return p.kind === "month" ? { from: p.month, to: p.month } : { from: `${p.year}-01`, to: `${p.year}-12` };
}

/** The twelve months a trend shows: those ending with the month, or the calendar year. */
export function trendMonths(p: Period): string[] {
  return lastMonths(p.kind === "month" ? p.month : `${p.year}-12`, 12);
}

/** ROC calendar label: 115年3月 or 115年. */
export function periodLabel(p: Period): string {
  return p.kind === "month" ? rocMonthLabel(p.month) : `${Number(p.year) - 1911}年`;
}

/** The query string that selects the period again (for links and the CSV download). */
export function periodQuery(p: Period): string {
  return p.kind === "month" ? `month=${p.month}` : `year=${p.year}`;
}

/** Sufficient statistics of call totals: n, Σx and Σx², as SQL returns them. */
export type ScoreSums = { n: number; sum: number; sumSq: number };

export type ScoreFigure = { n: number; mean: number; sd: number | null; lower: number | null; upper: number | null };

/**
 * Mean score with the sample standard deviation s² = (Σx² − (Σx)²/n)/(n − 1) and the
 * t interval mean ± t(1−α/2, n−1)·s/√n (`meanInterval`, as R's t.test). Bounds are clipped
 * to 0-100, the range a total lives in; one call gives a mean without an interval.
 */
export function scoreFigure(s: ScoreSums, level = 0.95): ScoreFigure | null {
  if (s.n <= 0) return null;
  const mean = s.sum / s.n;
  if (s.n === 1) return { n: 1, mean, sd: null, lower: null, upper: null };
  // Σx² − (Σx)²/n cancels badly when totals are equal; a residue this small against Σx²
  // is rounding noise (totals have one decimal, so a real spread is far larger).
  const ss = s.sumSq - (s.sum * s.sum) / s.n;
  const sd = ss <= s.sumSq * 1e-12 ? 0 : Math.sqrt(ss / (s.n - 1));
  const ci = meanInterval({ n: s.n, mean, sd }, { level });
  return { n: s.n, mean, sd, lower: Math.max(0, ci.lower), upper: Math.min(100, ci.upper) };
}

/** Adds sufficient statistics, e.g. the per-band rows of one office. */
export function addSums(a: ScoreSums, b: ScoreSums): ScoreSums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

export const NO_SUMS: ScoreSums = { n: 0, sum: 0, sumSq: 0 };

/**
 * Fewer scored calls than this in a period give 「樣本數不足」 instead of a peer rank:
 * with two calls the t interval uses t(0.975, 1) = 12.7 and spans most of the scale, and
 * an office's place would hang on one call.
 */
export const MIN_CALLS = 3;

/** Scored, but on too few calls to be ranked: shown greyed as 「樣本數不足」. */
export function tooFewCalls(figure: ScoreFigure | null): boolean {
  return figure !== null && figure.n < MIN_CALLS;
}

/** The mean an office ranks on, or null without calls or with too few. */
export function rankableMean(figure: ScoreFigure | null): number | null {
  return figure === null || tooFewCalls(figure) ? null : figure.mean;
}

/** Band labels in the order of the scale (highest first), then labels only older versions used. */
export function bandLabels(scale: Scale, seen: Iterable<string>): string[] {
  const labels = scale.bands.map((b) => b.label);
  for (const label of seen) if (!labels.includes(label)) labels.push(label);
  return labels;
}

export type ScoredCall = { scaleId: number; partsTested: string[]; marks: Record<string, Mark> };

export type ItemLoss = {
  key: string;
  label: string;
  part: string;
  /** Calls in which the item was scored (tested part, not "na"). */
  calls: number;
  /** Σ maximum points and Σ points lost over those calls. */
  possible: number;
  lost: number;
  /** lost / possible: the share of the item's points the office gave away. */
  share: number;
};

/**
 * Points lost per item, over the calls in which it was scored: an item marked "na" or in a
 * part not tested does not count, so a rarely applicable item is not diluted by calls it
 * could not lose points in. Maxima come from each call's own scale version; labels from
 * the newest version that has the item. Sorted by share lost, then points lost.
 */
export function itemLosses(calls: ScoredCall[], scales: ReadonlyMap<number, Scale>): ItemLoss[] {
  const byKey = new Map<string, ItemLoss & { version: number }>();
  for (const call of calls) {
    const scale = scales.get(call.scaleId);
    if (!scale) continue;
    const parts = call.partsTested.length === 0 ? scale.parts : scale.parts.filter((p) => call.partsTested.includes(p.key));
    for (const part of parts) {
      for (const item of part.items) {
        const mark = call.marks[item.key];
        if (typeof mark !== "number") continue;
        const row = byKey.get(item.key) ?? {
          key: item.key,
          label: item.label,
          part: part.label,
          calls: 0,
          possible: 0,
          lost: 0,
          share: 0,
          version: scale.version,
        };
        if (scale.version > row.version) Object.assign(row, { label: item.label, part: part.label, version: scale.version });
        row.calls += 1;
        row.possible += item.maxPoints;
        row.lost += item.maxPoints - mark;
        byKey.set(item.key, row);
      }
    }
  }
  return [...byKey.values()]
    .map(({ version: _version, ...row }) => ({ ...row, share: row.possible > 0 ? row.lost / row.possible : 0 }))
    .sort((a, b) => b.share - a.share || b.lost - a.lost || a.key.localeCompare(b.key));
}
