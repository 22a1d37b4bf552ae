import { proportionInterval } from "~/modules/analytics";

/** Sufficient statistics of one group of respondents (office × month × dimension). */
export type RatingStats = { n: number; satisfied: number; sum: number; sumSq: number; scaleMin: number; scaleMax: number };

/**
 * Below this many respondents a share is shown greyed as 「樣本數不足」 and left out of
 * rankings: a Wilson interval at n = 30 is still about ±15 points wide around 70 %, and
 * smaller groups would be ordered by noise.
 */
export const MIN_RESPONDENTS = 30;

export type SatisfactionFigure = {
  n: number;
  /** Share of respondents whose dimension average reaches the top two boxes (滿意 + 非常滿意), 0-1. */
  satisfied: number;
  /** 95 % Wilson interval; asymmetric around `satisfied` except at one half, so shown as its bounds. */
  lower: number;
  upper: number;
  /** Mean mapped onto 0-100 (1 → 0, 5 → 100), as the plans report it. */
  score: number;
  /** n reaches MIN_RESPONDENTS: the figure may be ranked and compared. */
  sufficient: boolean;
};

/** Top-two-box share with its 95 % Wilson interval, from sufficient statistics. */
export function satisfactionFigure(s: RatingStats): SatisfactionFigure | null {
  if (s.n <= 0) return null;
  const ci = proportionInterval(s.satisfied, s.n, { method: "wilson" });
  const span = s.scaleMax - s.scaleMin || 1;
  return {
    n: s.n,
    satisfied: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
    score: ((s.sum / s.n - s.scaleMin) / span) * 100,
    sufficient: s.n >= MIN_RESPONDENTS,
  };
}

/**
 * Pools the statistics of disjoint groups, e.g. the months of a period: every respondent
 * belongs to exactly one month, so counts and sums simply add.
 */
export function addRatingStats(a: RatingStats, b: RatingStats): RatingStats {
  return {
    n: a.n + b.n,
    satisfied: a.satisfied + b.satisfied,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    scaleMin: Math.min(a.scaleMin, b.scaleMin),
    scaleMax: Math.max(a.scaleMax, b.scaleMax),
  };
}

/** The share a figure ranks on, or null when it must stay out of rankings. */
export function rankableShare(figure: SatisfactionFigure | null): number | null {
  return figure?.sufficient ? figure.satisfied : null;
}

export function formatPercent(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** The interval as its two bounds (84.1%–91.3%): a Wilson interval is not a ± margin. */
export function formatInterval(f: { lower: number; upper: number }): string {
  return `${formatPercent(f.lower)}–${formatPercent(f.upper)}`;
}
