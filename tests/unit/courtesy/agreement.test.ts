import { describe, expect, it } from "vitest";
import { fleissKappa, icc } from "~/modules/analytics";
import { calibrationAgreement, categoryOf, iccLevel, kappaLevel, type RaterMarks } from "~/modules/courtesy/agreement";
import type { ScaleItem } from "~/modules/courtesy";

const items: ScaleItem[] = [
  { key: "a", label: "甲", maxPoints: 10 },
  { key: "b", label: "乙", maxPoints: 4 },
  { key: "c", label: "丙", maxPoints: 2, allowNA: true },
  { key: "d", label: "丁", maxPoints: 5 },
];

// Rater 2 marks item c not applicable, so c drops out of the statistics. The complete items
// as fractions of their maxima (rows a, b, d; columns raters 1-3):
//   a: 1   1   .5     b: 1   .5   0     d: 1   1   0
const raters: RaterMarks[] = [
  { evaluatorId: 11, marks: { a: 10, b: 4, c: 2, d: 5 } },
  { evaluatorId: 12, marks: { a: 10, b: 2, c: "na", d: 5 } },
  { evaluatorId: 13, marks: { a: 5, b: 0, c: 2, d: 0 } },
];

describe("calibrationAgreement", () => {
  const result = calibrationAgreement(items, raters);

  it("summarises each item: marks in rater order, modal mark and its share, range, categories", () => {
    const [a, b, c, d] = result.items;
    expect(a).toMatchObject({
      key: "a",
      marks: [10, 10, 5],
      modal: [10],
      min: 5,
      max: 10,
      naCount: 0,
      medianFraction: 1,
      inStatistics: true,
    });
    expect(a.modalShare).toBeCloseTo(2 / 3, 12);
    expect(a.categories).toEqual({ full: 2, partial: 1, zero: 0 });
    // three different marks: every one is modal, each given by a third of the raters
    expect(b.modal).toEqual([4, 2, 0]);
    expect(b.modalShare).toBeCloseTo(1 / 3, 12);
    expect(b.medianFraction).toBe(0.5);
    expect(b.categories).toEqual({ full: 1, partial: 1, zero: 1 });
    expect(c).toMatchObject({ marks: [2, "na", 2], naCount: 1, modal: [2], min: 2, max: 2, inStatistics: false });
    expect(c.categories).toEqual({ full: 2, partial: 0, zero: 0 });
    expect(d.categories).toEqual({ full: 2, partial: 0, zero: 1 });
  });

  it("feeds ICC the complete items as fractions of each item's maximum", () => {
    expect(result.icc.ok).toBe(true);
    if (!result.icc.ok) return;
    const expected = icc([
      [1, 1, 0.5],
      [1, 0.5, 0],
      [1, 1, 0],
    ]);
    expect(result.icc.single).toBeCloseTo(expected.icc2, 12);
    expect(result.icc.average).toBeCloseTo(expected.icc2k, 12);
    // By hand: BMS = 1/12, JMS = 7/12, EMS = 1/24, so ICC(2,1) = 1/17 and ICC(2,k) = 3/19.
    expect(result.icc.single).toBeCloseTo(1 / 17, 12);
    expect(result.icc.average).toBeCloseTo(3 / 19, 12);
    expect(result.icc.items).toBe(3);
    expect(result.icc.singleLevel).toBe("poor");
  });

  it("feeds Fleiss' kappa full / partial / zero counts of the complete items", () => {
    expect(result.kappa.ok).toBe(true);
    if (!result.kappa.ok) return;
    expect(result.kappa.value).toBeCloseTo(
      fleissKappa([
        [2, 1, 0],
        [1, 1, 1],
        [2, 0, 1],
      ]),
      12,
    );
    // By hand: P̄ = 2/9, P̄e = 11/27, κ = −5/16.
    expect(result.kappa.value).toBeCloseTo(-5 / 16, 12);
    expect(result.kappa.level).toBe("poor");
  });

  it("measures deviation from the item medians and names the furthest evaluator", () => {
    // medians a 1, b .5, d 1: rater 1 is off by .5 on b, rater 3 by .5, .5 and 1
    expect(result.deviations.map((d) => d.evaluatorId)).toEqual([11, 12, 13]);
    expect(result.deviations[0].meanAbsDeviation).toBeCloseTo(1 / 6, 12);
    expect(result.deviations[1].meanAbsDeviation).toBe(0);
    expect(result.deviations[2].meanAbsDeviation).toBeCloseTo(2 / 3, 12);
    expect(result.mostDeviant).toBe(13);
  });

  it("names nobody when two evaluators share the top deviation", () => {
    const tied = calibrationAgreement(items.slice(0, 2), [
      { evaluatorId: 1, marks: { a: 10, b: 4 } },
      { evaluatorId: 2, marks: { a: 5, b: 2 } },
      { evaluatorId: 3, marks: { a: 0, b: 0 } },
    ]);
    // medians a .5, b .5: raters 1 and 3 are both .5 away everywhere
    expect(tied.deviations.map((d) => d.meanAbsDeviation)).toEqual([0.5, 0, 0.5]);
    expect(tied.mostDeviant).toBeNull();
  });

  it("names nobody with only two evaluators, who are always equally far from their midpoint", () => {
    const two = calibrationAgreement(items, raters.slice(0, 2));
    expect(two.deviations[0].meanAbsDeviation).toBe(two.deviations[1].meanAbsDeviation);
    expect(two.mostDeviant).toBeNull();
    expect(two.raters).toBe(2);
  });

  it("reports too few raters instead of statistics for a single evaluator", () => {
    const one = calibrationAgreement(items, raters.slice(0, 1));
    expect(one.icc).toEqual({ ok: false, reason: "tooFewRaters" });
    expect(one.kappa).toEqual({ ok: false, reason: "tooFewRaters" });
    expect(one.deviations).toEqual([{ evaluatorId: 11, meanAbsDeviation: null }]);
    expect(one.mostDeviant).toBeNull();
    expect(one.items[0]).toMatchObject({ marks: [10], modal: [10], modalShare: 1 });
  });

  it("explains a degenerate matrix (everyone gives full marks) instead of throwing", () => {
    const full = { a: 10, b: 4, c: 2, d: 5 };
    const same = calibrationAgreement(
      items,
      [1, 2, 3].map((evaluatorId) => ({ evaluatorId, marks: full })),
    );
    expect(same.icc).toMatchObject({ ok: false, reason: "noVariance" });
    expect(same.kappa).toMatchObject({ ok: false, reason: "noVariance" });
    expect(same.items.every((i) => i.modalShare === 1)).toBe(true);
    expect(same.mostDeviant).toBeNull();
  });

  it("needs two complete items for ICC and one for kappa", () => {
    const oneItem = calibrationAgreement(items.slice(1, 3), [
      { evaluatorId: 1, marks: { b: 4, c: "na" } },
      { evaluatorId: 2, marks: { b: 0, c: 2 } },
    ]);
    expect(oneItem.icc).toEqual({ ok: false, reason: "tooFewItems" });
    expect(oneItem.kappa).toMatchObject({ ok: true, items: 1 });
    const none = calibrationAgreement(
      [items[2]],
      [
        { evaluatorId: 1, marks: { c: "na" } },
        { evaluatorId: 2, marks: { c: 2 } },
      ],
    );
    expect(none.icc).toEqual({ ok: false, reason: "tooFewItems" });
    expect(none.kappa).toEqual({ ok: false, reason: "tooFewItems" });
    expect(none.deviations.every((d) => d.meanAbsDeviation === null)).toBe(true);
  });

  it("refuses an evaluator without a mark for a tested item", () => {
    expect(() => calibrationAgreement(items, [{ evaluatorId: 1, marks: { a: 1 } }, ...raters])).toThrow(RangeError);
  });
});

describe("categories and verdicts", () => {
  it("bins a mark as full, partial or zero against the item's maximum", () => {
    expect(categoryOf(5, 5)).toBe("full");
    expect(categoryOf(2.5, 5)).toBe("partial");
    expect(categoryOf(4, 5)).toBe("partial");
    expect(categoryOf(0, 5)).toBe("zero");
  });

  it("uses Koo & Li's bands for ICC and Landis & Koch's for kappa", () => {
    expect([0.49, 0.5, 0.75, 0.9, 0.91].map(iccLevel)).toEqual(["poor", "moderate", "good", "good", "excellent"]);
    expect([-0.1, 0.2, 0.4, 0.6, 0.8, 0.81].map(kappaLevel)).toEqual([
      "poor",
      "slight",
      "fair",
      "moderate",
      "substantial",
      "almostPerfect",
    ]);
  });
});
