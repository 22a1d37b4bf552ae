// Weighting against R survey: postStratify and rake weights for apiclus1 as generated with survey 4.5 /
// R 4.6.1 in Survey.jl's test/r_reference (poststratify_weights.csv, rake_weights.csv).
import { describe, expect, it } from "vitest";
import { kishEffectiveSampleSize, postStratifyWeights, rakeWeights } from "~/modules/analytics";
import { expectClose, expectRangeError } from "./helpers";

describe("kishEffectiveSampleSize", () => {
  it("is (Σw)²/Σw² (Kish 1965): n for equal weights, 100/30 for 1..4", () => {
    expectClose(kishEffectiveSampleSize([3, 3, 3, 3, 3]), 5, 1e-15);
    expectClose(kishEffectiveSampleSize([1, 2, 3, 4]), 100 / 30, 1e-15);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => kishEffectiveSampleSize([]), /at least 1 element/);
    expectRangeError(() => kishEffectiveSampleSize([1, -2]), /weights\[1\] must not be negative/);
    expectRangeError(() => kishEffectiveSampleSize([0, 0]), /not all be zero/);
  });
});

describe("postStratifyWeights", () => {
  it("matches postStratify(dclus1, ~stype, pop.types) for apiclus1 (144 E, 14 H, 25 M schools)", () => {
    // apiclus1 has equal design weights, so every school of type h gets N_h/n_h.
    const w = postStratifyWeights([144, 14, 25], [4421, 755, 1018]);
    expectClose(w[0], 30.7013888888889, 1e-13);
    expectClose(w[1], 53.9285714285714, 1e-13);
    expectClose(w[2], 40.72, 1e-13);
  });
  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => postStratifyWeights([1, 2], [10]), /same length/);
    expectRangeError(() => postStratifyWeights([0, 2], [10, 20]), /post-stratum 0 has no respondents/);
    expectRangeError(() => postStratifyWeights([-1, 2], [10, 20]), /must not be negative/);
  });
});

describe("rakeWeights", () => {
  // rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide)) with pop.types 4421/755/1018
  // and pop.schwide No 1072 / Yes 5122. The 183 weights R returns take six values; their counts and
  // the margins they reproduce identify the cells: E 132 Yes / 12 No, H 11 / 3, M 17 / 8.
  const sample = [
    [132, 12],
    [11, 3],
    [17, 8],
  ];
  const r = [
    [29.8704638727345, 39.838509410554],
    [50.3301527726748, 67.1257826263303],
    [36.7921816646831, 49.0700673992951],
  ];

  it("matches R survey::rake exactly when stopped after the same four sweeps", () => {
    // R stops once no margin moves by 1 or more between sweeps (control epsilon = 1): after sweep 4,
    // where the largest relative row miss is 2.7e-5 (3.4e-4 after sweep 3), so tolerance 3e-5 stops there.
    const w = rakeWeights(sample, [4421, 755, 1018], [5122, 1072], { tolerance: 3e-5 });
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expectClose(w[i][j], r[i][j], 1e-12);
  });

  it("agrees with R to 5e-5 when fully converged (default tolerance 1e-10)", () => {
    const w = rakeWeights(sample, [4421, 755, 1018], [5122, 1072]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expectClose(w[i][j], r[i][j], 5e-5);
  });

  it("hits both margins to the tolerance", () => {
    const w = rakeWeights(sample, [4421, 755, 1018], [5122, 1072], { tolerance: 1e-12 });
    const cell = (i: number, j: number) => w[i][j] * sample[i][j];
    [4421, 755, 1018].forEach((t, i) => expectClose(cell(i, 0) + cell(i, 1), t, 1e-11));
    [5122, 1072].forEach((t, j) => expectClose(cell(0, j) + cell(1, j) + cell(2, j), t, 1e-11));
  });

  it("gives an empty cell weight 0", () => {
    const w = rakeWeights(
      [
        [10, 0],
        [5, 5],
      ],
      [100, 100],
      [120, 80],
    );
    expect(w[0][1]).toBe(0);
  });

  it("rejects bad arguments with RangeError", () => {
    expectRangeError(() => rakeWeights([[1, 2], [3]], [1, 2], [1, 2]), /ragged/);
    expectRangeError(() => rakeWeights(sample, [4421, 755, 1018], [5122, 1000]), /must add up to the same population/);
    expectRangeError(() => rakeWeights(sample, [4421, 755], [5122, 1072]), /same length/);
    expectRangeError(
      () =>
        rakeWeights(
          [
            [0, 0],
            [3, 4],
          ],
          [10, 20],
          [15, 15],
        ),
      /row 0 has no respondents/,
    );
    expectRangeError(
      () =>
        rakeWeights(
          [
            [5, 0],
            [0, 5],
          ],
          [10, 20],
          [20, 10],
        ),
      /did not converge/,
    );
  });
});
