import { t } from "~/locales";
import { isIsoMonth, lastMonths, rocMonthLabel, taipeiMonth } from "~/utils/dates";

/** Spans a satisfaction period may have: one month, or the three months ending with it. */
export const PERIOD_SPANS = [1, 3] as const;
export type PeriodSpan = (typeof PERIOD_SPANS)[number];

/** The months a satisfaction figure covers, ending with `month` (YYYY-MM). */
export type SurveyPeriod = { month: string; span: PeriodSpan };

/** The last month that has ended in Taipei: the current one still fills up day by day. */
export function lastCompleteMonth(now: Date): string {
  return lastMonths(taipeiMonth(now), 2)[0];
}

/**
 * The period asked for by `?month=YYYY-MM&span=1|3`. Without a month it is the last
 * complete month, so early in a month offices are not compared on a handful of answers.
 * Null when a value is malformed (the caller answers 400).
 */
export function parseSurveyPeriod(search: URLSearchParams, now: Date): SurveyPeriod | null {
  const month = search.get("month") || lastCompleteMonth(now);
  const span = Number(search.get("span") || "1");
  if (!isIsoMonth(month) || !(PERIOD_SPANS as readonly number[]).includes(span)) return null;
  return { month, span: span as PeriodSpan };
}

export function periodMonths(p: SurveyPeriod): string[] {
  return lastMonths(p.month, p.span);
}

/** 115年11月, or 115年9月至115年11月（近 3 個月）. */
export function surveyPeriodLabel(p: SurveyPeriod): string {
  if (p.span === 1) return rocMonthLabel(p.month);
  const months = periodMonths(p);
  return t("period.range", { from: rocMonthLabel(months[0]), to: rocMonthLabel(p.month), span: p.span });
}

/** True when the period reaches into the month now running, whose figures are still partial. */
export function periodIsPartial(p: SurveyPeriod, now: Date): boolean {
  return p.month >= taipeiMonth(now);
}
