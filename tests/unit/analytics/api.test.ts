// The public surface: every function is exported from ~/modules/analytics.
import { describe, expect, it } from "vitest";
import * as analytics from "~/modules/analytics";

const promised = [
  "normalQuantile",
  "normalCdf",
  "tCdf",
  "tQuantile",
  "chiSquareCdf",
  "proportionInterval",
  "meanInterval",
  "sampleSizeForProportion",
  "sampleSizeForMeanDifference",
  "powerTTest",
  "stratifiedMean",
  "weightedMean",
  "kishEffectiveSampleSize",
  "postStratifyWeights",
  "rakeWeights",
  "welchTTest",
  "twoProportionZTest",
  "chiSquareIndependence",
  "mannKendall",
  "senSlope",
  "linearTrend",
  "holmAdjust",
  "benjaminiHochbergAdjust",
  "pChartLimits",
  "funnelLimits",
  "cronbachAlpha",
  "icc",
  "cohenKappa",
  "fleissKappa",
  "krippendorffAlpha",
] as const;

describe("analytics API", () => {
  it.each(promised)("exports %s as a function", (name) => {
    expect(typeof analytics[name]).toBe("function");
  });
  it("is deterministic: the same input gives the same output", () => {
    const a = analytics.proportionInterval(37, 52, { method: "clopper-pearson", level: 0.9 });
    const b = analytics.proportionInterval(37, 52, { method: "clopper-pearson", level: 0.9 });
    expect(a).toEqual(b);
  });
});
