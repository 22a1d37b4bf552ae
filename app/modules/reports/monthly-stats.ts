import type { RatingStats } from "./satisfaction";

type RatedItem = { dimension: string; value: number; scaleMin: number; scaleMax: number };

export type DimensionContribution = RatingStats & { dimension: string; options: Map<number, number> };

/**
 * What one respondent adds to the monthly statistics of each dimension they rated: the
 * unit is the respondent, so a dimension's items are averaged first (a person's items are
 * not independent answers), and they are satisfied when that average reaches the top two
 * boxes. `options` counts the item answers per option value for the distribution charts.
 */
export function respondentContribution(items: RatedItem[]): DimensionContribution[] {
  const byDimension = new Map<string, RatedItem[]>();
  for (const item of items) byDimension.set(item.dimension, [...(byDimension.get(item.dimension) ?? []), item]);
  return [...byDimension].map(([dimension, rated]) => {
    const average = rated.reduce((s, r) => s + r.value, 0) / rated.length;
    const scaleMin = Math.min(...rated.map((r) => r.scaleMin));
    const scaleMax = Math.max(...rated.map((r) => r.scaleMax));
    const options = new Map<number, number>();
    for (const r of rated) options.set(r.value, (options.get(r.value) ?? 0) + 1);
    return {
      dimension,
      n: 1,
      satisfied: average >= scaleMax - 1 ? 1 : 0,
      sum: average,
      sumSq: average * average,
      scaleMin,
      scaleMax,
      options,
    };
  });
}
