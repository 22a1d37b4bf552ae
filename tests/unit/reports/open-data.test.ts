import { describe, expect, it } from "vitest";
import { publishedShare, suppressions } from "~/modules/reports/open-data";

const cells = (...n: number[]) => n.map((x) => ({ n: x, satisfied: 0 }));

describe("suppressions of a breakdown group", () => {
  it("publishes every cell of 5 or more", () => {
    expect(suppressions(cells(5, 12, 40))).toEqual([null, null, null]);
  });

  it("hides a cell under 5 and then the smallest other one, so the total gives neither away", () => {
    expect(suppressions(cells(30, 2, 9, 12))).toEqual([null, "n<5", "secondary", null]);
    expect(suppressions(cells(0, 7, 6))).toEqual(["n<5", null, "secondary"]);
  });

  it("needs no second cell when two are already hidden", () => {
    expect(suppressions(cells(3, 4, 50))).toEqual(["n<5", "n<5", null]);
  });

  it("hides a lone small cell and everything when all are small", () => {
    expect(suppressions(cells(4))).toEqual(["n<5"]);
    expect(suppressions(cells(1, 2))).toEqual(["n<5", "n<5"]);
  });
});

describe("publishedShare", () => {
  it("is a fraction with six decimals, empty without respondents", () => {
    expect(publishedShare(2, 3)).toBe(0.666667);
    expect(publishedShare(0, 0)).toBeNull();
  });
});
