/**
 * Pure pieces of the analysts' dashboard (/reports): its filters' choices, the months a
 * filter covers, the answer distribution's shares and the shapes the page receives. No
 * database here, so the route component may import it and each piece is tested alone.
 */
import { STANDARD_DIMENSIONS } from "~/modules/surveys/dimensions";
import { t } from "~/locales";
import { rocMonthLabel, taipeiMonth } from "~/utils/dates";
import type { FunnelBounds, FunnelCurvePoint, FunnelFlag } from "./peer-figures";

/** Dimensions offered: the plans' four and overall, and the items of custom questionnaires. */
export const DASHBOARD_DIMENSIONS = [...STANDARD_DIMENSIONS, "untagged"] as const;

/** Margins of error (percentage points at 95 %) a sampling plan may aim at. */
export const MARGIN_CHOICES = [3, 5] as const;
export type MarginChoice = (typeof MARGIN_CHOICES)[number];

export type DashboardFilters = {
  kind: string | null;
  office: number | null;
  year: number;
  from: number;
  to: number;
  survey: number | null;
  dimension: string;
  margin: MarginChoice;
};

const pad = (m: number) => String(m).padStart(2, "0");

/** The months from..to of a year as YYYY-MM. */
export function filterMonths(f: { year: number; from: number; to: number }): string[] {
  return Array.from({ length: f.to - f.from + 1 }, (_, i) => `${f.year}-${pad(f.from + i)}`);
}

/** 115年3月, or 115年1月至115年6月 for consecutive months. */
export function monthsLabel(months: string[]): string {
  if (months.length === 1) return rocMonthLabel(months[0]);
  return t("dashboard.period", { from: rocMonthLabel(months[0]), to: rocMonthLabel(months[months.length - 1]) });
}

/** The current month's number (1-12) when `year` is the current year in Taipei, else 12: the months a year has had so far. */
export function lastMonthSoFar(year: number, now: Date): number {
  const current = taipeiMonth(now);
  const currentYear = Number(current.slice(0, 4));
  if (year > currentYear) return 0;
  return year === currentYear ? Number(current.slice(5, 7)) : 12;
}

/** January up to the current month for the current year, the whole year for a past one, nothing for a future one. */
export function yearToDateMonths(year: number, now: Date): string[] {
  const last = lastMonthSoFar(year, now);
  return last === 0 ? [] : filterMonths({ year, from: 1, to: last });
}

/** The five options of the satisfaction scale, 1 非常不滿意 … 5 非常滿意. */
export const ANSWER_OPTIONS = [1, 2, 3, 4, 5] as const;

export type AnswerDistribution = {
  dimension: string;
  /** Item answers per option 1..5 (counts[0] is option 1). */
  counts: number[];
  total: number;
  /** counts / total, 0-1. */
  shares: number[];
};

/**
 * Item answers per option of each dimension, pooled over the offices and months read,
 * in the order of `dimensions`; a dimension without answers is left out. Values outside
 * 1-5 (another scale) are not counted, since the chart has five places.
 */
export function answerDistribution(
  rows: Array<{ dimension: string; value: number; count: number }>,
  dimensions: readonly string[],
): AnswerDistribution[] {
  const out: AnswerDistribution[] = [];
  for (const dimension of dimensions) {
    const counts = ANSWER_OPTIONS.map((v) =>
      rows.filter((r) => r.dimension === dimension && r.value === v).reduce((s, r) => s + r.count, 0),
    );
    const total = counts.reduce((s, c) => s + c, 0);
    if (total > 0) out.push({ dimension, counts, total, shares: counts.map((c) => c / total) });
  }
  return out;
}

/** One office in a funnel plot or ranking; a peer the user may not see has no id and no name. */
export type PeerPoint = {
  id: number | null;
  name: string | null;
  /** One of the offices the page lists (drawn highlighted). */
  listed: boolean;
  n: number;
  share: number;
  lower: number;
  upper: number;
  sufficient: boolean;
  /** The funnel position, only for a sufficient sample: below 30 respondents no office is flagged. */
  flag: FunnelFlag | null;
  /** The funnel's limits at this office's n. */
  limits: FunnelBounds | null;
  rank: { rank: number; of: number } | null;
};

export type PeerGroupView = {
  key: string;
  kind: string;
  /** The authority's name, given only when the page spans more than one authority. */
  authority: string | null;
  peerShare: number | null;
  peerN: number;
  curve: FunnelCurvePoint[];
  points: PeerPoint[];
};

export type SamplingRow = {
  officeId: number;
  name: string;
  yearlyVisitors: number | null;
  needed: number;
  reached: number;
  done: boolean;
};

/** Percentage points with one decimal: 0.0321 → "3.2". */
export function points(x: number): string {
  return (x * 100).toFixed(1);
}

/** A p-value as reports print it: three decimals, or "< 0.001". */
export function formatP(p: number | null): string {
  if (p === null) return "—";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}
