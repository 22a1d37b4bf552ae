import {
  funnelLimits,
  holmAdjust,
  mannKendall,
  meanInterval,
  normalQuantile,
  pChartLimits,
  proportionInterval,
  sampleSizeForProportion,
  senSlope,
  twoProportionZTest,
} from "~/modules/analytics";
import { addRatingStats, satisfactionFigure, type RatingStats, type SatisfactionFigure } from "./satisfaction";

/**
 * The figures of the analysts' dashboard and of the annual report, computed in one place
 * from monthly sufficient statistics: per office × dimension a year's share with its
 * interval, the same months a year earlier, the peers' pooled share with the office's
 * funnel position, its rank, the monthly series with its p-chart and Mann–Kendall trend.
 */

export type ReportOffice = { id: number; name: string; kind: string; authorityId: number; yearlyVisitors: number | null };

export type MonthCell = RatingStats & { officeId: number; month: string; dimension: string };

export type FunnelFlag = "above99.8" | "above95" | "within" | "below95" | "below99.8";

export type MonthPoint = {
  month: string;
  n: number;
  satisfied: number;
  share: number;
  lower: number;
  upper: number;
  /** p-chart limits (centre ± 3σ for this month's n) and whether the month falls outside them. */
  controlLower: number;
  controlUpper: number;
  outOfControl: boolean;
};

export type Trend = { tau: number; p: number; s: number; senPerYear: number; verdict: "up" | "down" | "none"; months: number };

export type YearOverYear = {
  diff: number;
  /** 95 % interval of the difference (unpooled standard error). */
  lower: number;
  upper: number;
  /** Two-sided two-proportion z test with the pooled standard error; null when both years are all (or none) satisfied. */
  p: number | null;
  /** Holm-adjusted across the offices of the peer group for this dimension. */
  pHolm: number | null;
  significant: boolean;
};

export type OfficeFigure = {
  office: ReportOffice;
  dimension: string;
  /** Peer group: offices of the same authority and kind. */
  peerKey: string;
  current: SatisfactionFigure | null;
  satisfiedCount: number;
  /** Half-width of the 95 % Wilson interval. */
  margin95: number | null;
  /** t interval of the 0–100 mean. */
  scoreLower: number | null;
  scoreUpper: number | null;
  previous: SatisfactionFigure | null;
  yoy: YearOverYear | null;
  peerShare: number | null;
  peerN: number;
  funnel: (FunnelBounds & { flag: FunnelFlag }) | null;
  rank: { rank: number; of: number } | null;
  monthly: MonthPoint[];
  /** Centre line of the p-chart: the pooled share of the months in `monthly`. */
  controlCentre: number | null;
  trend: Trend | null;
  /**
   * Respondents of this dimension over the `toDate` months (e.g. the year so far), to set
   * against a sampling plan's completes; null when no such months were asked for.
   */
  toDateN: number | null;
};

export const ALPHA = 0.05;
const Z95 = normalQuantile(0.975);

export function peerKey(o: { authorityId: number; kind: string }): string {
  return `${o.authorityId}:${o.kind}`;
}

function pool(cells: MonthCell[]): RatingStats | null {
  return cells.reduce<RatingStats | null>((acc, c) => (acc ? addRatingStats(acc, c) : c), null);
}

/** 0–100 mean interval from Σx and Σx² (t interval, as R's t.test); null below two respondents. */
function scoreInterval(s: RatingStats): { lower: number; upper: number } | null {
  if (s.n < 2) return null;
  const mean = s.sum / s.n;
  const variance = Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1));
  const ci = meanInterval({ n: s.n, mean, sd: Math.sqrt(variance) });
  const to100 = (v: number) => ((v - s.scaleMin) / (s.scaleMax - s.scaleMin || 1)) * 100;
  return { lower: to100(ci.lower), upper: to100(ci.upper) };
}

export type FunnelBounds = { lower95: number; upper95: number; lower998: number; upper998: number };

/** The funnel's 95 % and 99.8 % limits around `target` for a sample of n (Spiegelhalter 2005). */
function funnelBounds(target: number, n: number): FunnelBounds {
  const l95 = funnelLimits(target, n, { level: 0.95 });
  const l998 = funnelLimits(target, n, { level: 0.998 });
  return { lower95: l95.lower, upper95: l95.upper, lower998: l998.lower, upper998: l998.upper };
}

export function funnelFlag(share: number, target: number, n: number) {
  const b = funnelBounds(target, n);
  const flag: FunnelFlag =
    share > b.upper998
      ? "above99.8"
      : share > b.upper95
        ? "above95"
        : share < b.lower998
          ? "below99.8"
          : share < b.lower95
            ? "below95"
            : "within";
  return { flag, ...b };
}

function yearOverYear(now: SatisfactionFigure & { count: number }, before: SatisfactionFigure & { count: number }): YearOverYear {
  const diff = now.satisfied - before.satisfied;
  const se = Math.sqrt((now.satisfied * (1 - now.satisfied)) / now.n + (before.satisfied * (1 - before.satisfied)) / before.n);
  const pooled = (now.count + before.count) / (now.n + before.n);
  const p = pooled > 0 && pooled < 1 ? twoProportionZTest(now.count, now.n, before.count, before.n).p : null;
  return { diff, lower: diff - Z95 * se, upper: diff + Z95 * se, p, pHolm: null, significant: false };
}

/** The monthly series with its p-chart limits and centre line; months without respondents are left out. */
export function monthlySeries(cells: Array<{ month: string; n: number; satisfied: number }>): {
  points: MonthPoint[];
  centre: number | null;
} {
  const months = cells.filter((c) => c.n > 0).sort((a, b) => a.month.localeCompare(b.month));
  if (months.length === 0) return { points: [], centre: null };
  const limits = pChartLimits(
    months.map((c) => c.satisfied),
    months.map((c) => c.n),
  );
  const points = months.map((c, i) => {
    const ci = proportionInterval(c.satisfied, c.n, { method: "wilson" });
    return {
      month: c.month,
      n: c.n,
      satisfied: c.satisfied,
      share: ci.estimate,
      lower: ci.lower,
      upper: ci.upper,
      controlLower: limits.lower[i],
      controlUpper: limits.upper[i],
      outOfControl: ci.estimate < limits.lower[i] || ci.estimate > limits.upper[i],
    };
  });
  return { points, centre: limits.center };
}

/** Mann–Kendall over the monthly shares, with Sen's slope in share per year; needs three months. */
export function monthlyTrend(points: Array<{ share: number }>): Trend | null {
  if (points.length < 3) return null;
  const shares = points.map((p) => p.share);
  const mk = mannKendall(shares);
  const verdict = mk.p < ALPHA && mk.s !== 0 ? (mk.s > 0 ? "up" : "down") : "none";
  return { tau: mk.tau, p: mk.p, s: mk.s, senPerYear: senSlope(shares) * 12, verdict, months: points.length };
}

/** Competition ranks (1, 2, 2, 4), highest share first, among the sufficient figures of one peer group. */
function ranks(rows: OfficeFigure[]): void {
  const ranked = rows.filter((r) => r.current?.sufficient);
  for (const r of ranked)
    r.rank = { rank: 1 + ranked.filter((x) => x.current!.satisfied > r.current!.satisfied).length, of: ranked.length };
}

function holm(rows: OfficeFigure[]): void {
  const tested = rows.filter((r) => r.yoy?.p != null);
  const adjusted = tested.length ? holmAdjust(tested.map((r) => r.yoy!.p!)) : [];
  tested.forEach((r, i) => {
    r.yoy!.pHolm = adjusted[i];
    // Only a difference between two sufficient samples is called significant.
    r.yoy!.significant = adjusted[i] < ALPHA && !!r.current?.sufficient && !!r.previous?.sufficient;
  });
}

/**
 * Figures for every office × dimension given. `current` and `previous` are monthly cells
 * of the period and of the same months a year earlier; they must cover every office of
 * each peer group (also offices the user may not see), since peers' pooled share, ranks
 * and Holm's adjustment are taken over the whole group.
 */
export function peerFigures(input: {
  offices: ReportOffice[];
  dimensions: string[];
  current: MonthCell[];
  previous: MonthCell[];
  /** Cells of the months a sampling plan counts completes over; see `toDateN`. */
  toDate?: MonthCell[];
}): OfficeFigure[] {
  const cellsOf = (cells: MonthCell[]) => {
    const map = new Map<string, MonthCell[]>();
    for (const c of cells) {
      const key = `${c.officeId}|${c.dimension}`;
      map.set(key, [...(map.get(key) ?? []), c]);
    }
    return map;
  };
  const current = cellsOf(input.current);
  const previous = cellsOf(input.previous);
  const toDate = input.toDate ? cellsOf(input.toDate) : null;
  const rows: OfficeFigure[] = [];
  for (const dimension of input.dimensions) {
    for (const office of input.offices) {
      const cells = current.get(`${office.id}|${dimension}`) ?? [];
      const stats = pool(cells);
      const before = pool(previous.get(`${office.id}|${dimension}`) ?? []);
      const now = stats ? satisfactionFigure(stats) : null;
      const then = before ? satisfactionFigure(before) : null;
      const interval = stats ? scoreInterval(stats) : null;
      const series = monthlySeries(cells);
      rows.push({
        office,
        dimension,
        peerKey: peerKey(office),
        current: now,
        satisfiedCount: stats?.satisfied ?? 0,
        margin95: now ? (now.upper - now.lower) / 2 : null,
        scoreLower: interval?.lower ?? null,
        scoreUpper: interval?.upper ?? null,
        previous: then,
        yoy: now && then && stats && before ? yearOverYear({ ...now, count: stats.satisfied }, { ...then, count: before.satisfied }) : null,
        peerShare: null,
        peerN: 0,
        funnel: null,
        rank: null,
        monthly: series.points,
        controlCentre: series.centre,
        trend: monthlyTrend(series.points),
        toDateN: toDate ? (toDate.get(`${office.id}|${dimension}`) ?? []).reduce((s, c) => s + c.n, 0) : null,
      });
    }
  }
  const groups = new Map<string, OfficeFigure[]>();
  for (const r of rows) {
    const key = `${r.peerKey}|${r.dimension}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const n = group.reduce((s, r) => s + (r.current?.n ?? 0), 0);
    const satisfied = group.reduce((s, r) => s + r.satisfiedCount, 0);
    const share = n > 0 ? satisfied / n : null;
    for (const r of group) {
      r.peerShare = share;
      r.peerN = n;
      if (share !== null && r.current) r.funnel = funnelFlag(r.current.satisfied, share, r.current.n);
    }
    ranks(group);
    holm(group);
  }
  return rows;
}

export const MARGINS = [0.03, 0.05] as const;

/** Completes an office needs for ±margin at 95 %, corrected for a finite population where its yearly visitors are recorded. */
export function completesNeeded(margin: number, yearlyVisitors: number | null): number {
  return sampleSizeForProportion({ margin, level: 0.95, populationSize: yearlyVisitors ?? undefined });
}

export type FunnelCurvePoint = FunnelBounds & { n: number };

/**
 * The funnel's limits around the peers' pooled share at `steps` sample sizes spread evenly
 * on a log scale from `from` to `to`, to draw them as curves; the limits at each office's
 * own n are in `OfficeFigure.funnel`.
 */
export function funnelCurve(target: number, from: number, to: number, steps = 40): FunnelCurvePoint[] {
  const lo = Math.max(1, from);
  const hi = Math.max(lo, to);
  return Array.from({ length: steps }, (_, i) => {
    const n = lo * (hi / lo) ** (steps > 1 ? i / (steps - 1) : 0);
    return { n, ...funnelBounds(target, n) };
  });
}
