// Reliability coefficients against the original papers and R packages psych and irr.
import { describe, expect, it } from "vitest";
import { cohenKappa, cronbachAlpha, fleissKappa, icc, iccMeanSquares, krippendorffAlpha } from "~/modules/analytics";
import { expectAllClose, expectAllPrinted, expectClose, expectPrinted, expectRangeError } from "./helpers";

// Shrout & Fleiss (1979), Table 1: 6 targets rated by 4 judges (also psych::ICC's example data).
const shroutFleiss = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe("icc", () => {
  it("reproduces the mean squares of Shrout & Fleiss Table 2 (BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02)", () => {
    expectAllPrinted(iccMeanSquares(shroutFleiss), { bms: 11.24, wms: 6.26, jms: 32.49, ems: 1.02 }, 2);
  });
  it("matches Shrout & Fleiss Table 4 and psych::ICC: .17, .29, .71, .44, .62, .91", () => {
    expectAllPrinted(icc(shroutFleiss), { icc1: 0.17, icc2: 0.29, icc3: 0.71, icc1k: 0.44, icc2k: 0.62, icc3k: 0.91 }, 2);
  });
  it("matches the exact values from an independent numpy two-way ANOVA of the same data", () => {
    const exact = {
      icc1: 0.16574176840547553,
      icc2: 0.2897637795275592,
      icc3: 0.7148407148407154,
      icc1k: 0.4427971336792688,
      icc2k: 0.6200505475989893,
      icc3k: 0.9093155423770697,
    };
    expectAllClose(icc(shroutFleiss), exact, 1e-12);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => icc([[1, 2], [3]]), /ragged/);
    expectRangeError(() => icc([[1, 2, 3]]), /at least 2 row/);
    expectRangeError(
      () =>
        icc([
          [1, 2],
          [2, 1],
        ]),
      /same mean rating/,
    );
    expectRangeError(
      () =>
        icc([
          [1, Number.NaN],
          [2, 1],
        ]),
      /finite number/,
    );
  });
});

describe("cronbachAlpha", () => {
  it("equals ICC(3,k) (Hoyt 1941; psych::ICC documentation: 'alpha and ICC3k are identical'): .91 for Shrout & Fleiss", () => {
    expectClose(cronbachAlpha(shroutFleiss), 0.9093155423770697, 1e-12);
    expectPrinted(cronbachAlpha(shroutFleiss), 0.91, 2);
  });
  it("follows the closed form k/(k−1)(1 − Σvar_i/var_total): items (1,2,3) and (2,3,5) give 18/19", () => {
    expectClose(
      cronbachAlpha([
        [1, 2],
        [2, 3],
        [3, 5],
      ]),
      18 / 19,
      1e-14,
    );
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => cronbachAlpha([[1, 2]]), /at least 2 row/);
    expectRangeError(() => cronbachAlpha([[1], [2]]), /at least 2 column/);
    expectRangeError(
      () =>
        cronbachAlpha([
          [1, 2],
          [1, 2],
        ]),
      /no variance/,
    );
  });
});

describe("cohenKappa", () => {
  it("matches SAS PROC FREQ kappa 0.4842 for [[0,4,1],[0,8,0],[0,1,5]] (statsmodels test_inter_rater.py), = 107/221", () => {
    const table = [
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ];
    expectPrinted(cohenKappa(table), 0.4842, 4);
    expectClose(cohenKappa(table), 107 / 221, 1e-14);
  });
  it("matches R irr::kappa2(anxiety[, 2:3]) = -0.006289308 (statsmodels test_inter_rater.py)", () => {
    // irr::anxiety, raters 2 and 3, cross-tabulated over the levels they use (1, 2, 3, 4, 6)
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    const levels = [1, 2, 3, 4, 6];
    const table = levels.map((a) => levels.map((b) => rater2.filter((v, i) => v === a && rater3[i] === b).length));
    expectClose(cohenKappa(table), -0.006289308, 1e-7);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(
      () =>
        cohenKappa([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      /must be square/,
    );
    expectRangeError(
      () =>
        cohenKappa([
          [0, 0],
          [0, 0],
        ]),
      /empty/,
    );
    expectRangeError(
      () =>
        cohenKappa([
          [5, 0],
          [0, 0],
        ]),
      /single category/,
    );
    expectRangeError(
      () =>
        cohenKappa([
          [1, -1],
          [0, 2],
        ]),
      /must not be negative/,
    );
  });
});

describe("fleissKappa", () => {
  it("gives 0.210 on the Wikipedia 10 subjects × 5 categories × 14 raters example (statsmodels test)", () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expectPrinted(fleissKappa(counts), 0.21, 3);
  });
  it("matches R irr::kappam.fleiss(diagnoses) = 0.4302445 on Fleiss (1971)'s 30 patients × 6 psychiatrists", () => {
    // irr::diagnoses coded 1–5 (statsmodels test_inter_rater.py); counts per patient and category.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const counts = diagnoses.map((row) => [1, 2, 3, 4, 5].map((c) => row.filter((v) => v === c).length));
    expectClose(fleissKappa(counts), 0.4302445, 2e-7);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(
      () =>
        fleissKappa([
          [1, 2],
          [2, 2],
        ]),
      /subject 1 has 4 ratings but subject 0 has 3/,
    );
    expectRangeError(
      () =>
        fleissKappa([
          [1, 0],
          [0, 1],
        ]),
      /at least 2 ratings/,
    );
    expectRangeError(
      () =>
        fleissKappa([
          [3, 0],
          [3, 0],
        ]),
      /one category/,
    );
    expectRangeError(
      () =>
        fleissKappa([
          [3, -1],
          [2, 0],
        ]),
      /must not be negative/,
    );
  });
});

describe("krippendorffAlpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units
  const k2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("gives the published %s alpha %f", (level, published) => {
    expectPrinted(krippendorffAlpha(k2011, level), published, 3);
  });
  it("gives the nominal alpha as the exact fraction 113/152 from the coincidence matrix", () => {
    expectClose(krippendorffAlpha(k2011, "nominal"), 113 / 152, 1e-14);
  });
  it("matches fast-krippendorff's tests on the Wikipedia example: nominal 0.691358, interval 0.810845", () => {
    const wiki = [
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ];
    expectPrinted(krippendorffAlpha(wiki, "nominal"), 0.691358, 6);
    expectPrinted(krippendorffAlpha(wiki, "interval"), 0.810845, 6);
  });
  it("is 1 for perfect agreement", () => {
    expect(
      krippendorffAlpha(
        [
          [1, 2, 3],
          [1, 2, 3],
        ],
        "interval",
      ),
    ).toBe(1);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => krippendorffAlpha([[1, 2], [1]], "nominal"), /ragged/);
    expectRangeError(
      () =>
        krippendorffAlpha(
          [
            [1, null],
            [null, 2],
          ],
          "nominal",
        ),
      /no unit was coded by two or more coders/,
    );
    expectRangeError(
      () =>
        krippendorffAlpha(
          [
            [1, 1],
            [1, 1],
          ],
          "nominal",
        ),
      /all pairable values are identical/,
    );
    expectRangeError(
      () =>
        krippendorffAlpha(
          [
            [1, -2],
            [1, 2],
          ],
          "ratio",
        ),
      /ratio data cannot be negative/,
    );
    expectRangeError(
      () =>
        krippendorffAlpha(
          [
            [1, 2],
            [1, 2],
          ],
          "cardinal" as "nominal",
        ),
      /level must be nominal/,
    );
    expectRangeError(
      () =>
        krippendorffAlpha(
          [
            [1, Number.NaN],
            [1, 2],
          ],
          "nominal",
        ),
      /finite number or null/,
    );
  });
});
