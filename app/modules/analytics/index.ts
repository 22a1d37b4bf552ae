// Analytics engine for the Service Quality Platform: survey statistics that match R (stats, survey)
// and the original papers. Pure TypeScript, deterministic, no I/O. See each module for formulas.
export {
  betaQuantile,
  chiSquareCdf,
  chiSquareUpper,
  noncentralTCdf,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  tCdf,
  tQuantile,
  tTwoSidedP,
} from "./distributions";
export { finitePopulationFactor, meanInterval, proportionInterval, type Interval, type ProportionMethod } from "./intervals";
export { powerTTest, sampleSizeForMeanDifference, sampleSizeForProportion } from "./sample-size";
export { stratifiedMean, weightedMean, type Stratum } from "./design";
export { kishEffectiveSampleSize, postStratifyWeights, rakeWeights } from "./weighting";
export { chiSquareIndependence, twoProportionZTest, welchTTest } from "./comparisons";
export { linearTrend, mannKendall, senSlope } from "./trends";
export { benjaminiHochbergAdjust, holmAdjust } from "./multiplicity";
export { funnelLimits, pChartLimits } from "./control-charts";
export { cohenKappa, cronbachAlpha, fleissKappa, icc, iccMeanSquares, krippendorffAlpha, type MeasurementLevel } from "./reliability";
