// p-value adjustment. Reference: statsmodels/stats/tests/test_multi.py, res_multtest1, produced with
// R multtest::mt.rawp2adjp, whose Holm and BH columns are those of R p.adjust(p, "holm") / "BH".
import { describe, expect, it } from "vitest";
import { benjaminiHochbergAdjust, holmAdjust } from "~/modules/analytics";
import { expectClose, expectRangeError } from "./helpers";

// pval0 of test_multi.py, in its original (unsorted) order
const raw = [
  0.838541367553, 0.642193923795, 0.680845947633, 0.967833824309, 0.71626938238, 0.177096952723, 5.23656777208e-5, 0.0202732688798,
  0.00028140506198, 0.0149877310796,
];
// res_multtest1 rows are sorted by raw p: [raw, Holm, BH]
const sorted: [number, number, number][] = [
  [5.23656777208e-5, 5.23656777208e-4, 5.23656777208e-4],
  [2.8140506198e-4, 2.53264555782e-3, 1.4070253099e-3],
  [1.49877310796e-2, 1.199018486368e-1, 4.995910359866667e-2],
  [2.02732688798e-2, 1.419128821586e-1, 5.06831721995e-2],
  [1.77096952723e-1, 1, 3.54193905446e-1],
  [6.42193923795e-1, 1, 8.95336727975e-1],
  [6.80845947633e-1, 1, 8.95336727975e-1],
  [7.1626938238e-1, 1, 8.95336727975e-1],
  [8.38541367553e-1, 1, 9.317126306144445e-1],
  [9.67833824309e-1, 1, 9.67833824309e-1],
];
const expected = (column: 1 | 2) => raw.map((p) => (sorted.find((row) => row[0] === p) as [number, number, number])[column]);

describe("holmAdjust", () => {
  it("matches R (multtest / p.adjust 'holm') in input order", () => {
    holmAdjust(raw).forEach((p, i) => expectClose(p, expected(1)[i], 1e-12));
  });
  it("handles the empty and single cases", () => {
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.04])).toEqual([0.04]);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => holmAdjust([0.1, 1.2]), /pValues\[1\] must lie between 0 and 1/);
    expectRangeError(() => holmAdjust([Number.NaN]), /finite number/);
  });
});

describe("benjaminiHochbergAdjust", () => {
  it("matches R (multtest / p.adjust 'BH') in input order", () => {
    benjaminiHochbergAdjust(raw).forEach((p, i) => expectClose(p, expected(2)[i], 1e-12));
  });
  it("keeps tied p-values tied", () => {
    expect(benjaminiHochbergAdjust([0.02, 0.02, 0.5])).toEqual([0.03, 0.03, 0.5]);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => benjaminiHochbergAdjust([-0.1]), /must lie between 0 and 1/);
    expectRangeError(() => benjaminiHochbergAdjust("0.1" as unknown as number[]), /must be an array/);
  });
});
