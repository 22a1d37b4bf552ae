import { describe, expect, it } from "vitest";
import { defaultScale, scoreCall, type Mark, type Scale } from "~/modules/courtesy";
import { AppError } from "~/utils/errors";

/** Full marks for the parts given (all parts by default). */
function fullMarks(scale: Scale, parts = scale.parts.map((p) => p.key)): Record<string, Mark> {
  return Object.fromEntries(scale.parts.filter((p) => parts.includes(p.key)).flatMap((p) => p.items.map((i) => [i.key, i.maxPoints])));
}

/** A one-part scale whose items carry the given maxima, for exact arithmetic at band edges. */
function plainScale(...maxima: number[]): Scale {
  return {
    ...defaultScale,
    parts: [{ key: "p", label: "測試", items: maxima.map((m, i) => ({ key: `i${i}`, label: `項目${i}`, maxPoints: m })) }],
  };
}

describe("scoreCall", () => {
  it("gives 100 優良 for full marks on both parts", () => {
    expect(scoreCall(defaultScale, fullMarks(defaultScale))).toEqual({
      total: 100,
      raw: 100,
      max: 100,
      band: "優良",
      needsImprovement: false,
      parts: { switchboard: { raw: 45, max: 45 }, unit: { raw: 55, max: 55 } },
    });
  });

  it("scales the switchboard tested alone by 100/45", () => {
    const marks = { ...fullMarks(defaultScale, ["switchboard"]), switchboardRings: 6 }; // 36 of 45
    const score = scoreCall(defaultScale, marks, { partsTested: ["switchboard"] });
    expect(score).toMatchObject({ total: 80, raw: 36, max: 45, band: "良好", needsImprovement: true });
    expect(score.parts).toEqual({ switchboard: { raw: 36, max: 45 } });
  });

  it("scales the unit tested alone by 100/55", () => {
    const marks = { ...fullMarks(defaultScale, ["unit"]), unitRings: 4, unitAnswerComplete: 2 }; // 44 of 55
    expect(scoreCall(defaultScale, marks, { partsTested: ["unit"] })).toMatchObject({ total: 80, raw: 44, max: 55 });
    const halfPoint = { ...fullMarks(defaultScale, ["unit"]), unitAnswerCorrect: 2.5 }; // 49.5 of 55
    expect(scoreCall(defaultScale, halfPoint, { partsTested: ["unit"] })).toMatchObject({ total: 90, band: "優良" });
    const third = { ...fullMarks(defaultScale, ["unit"]), unitAnswerCorrect: 0, unitAnswerComplete: 0, unitClosing: 0 }; // 38/55
    expect(scoreCall(defaultScale, third, { partsTested: ["unit"] }).total).toBe(69.1);
  });

  it("takes not-applicable items out of the maximum", () => {
    const noTransfer = {
      ...fullMarks(defaultScale, ["switchboard"]),
      switchboardTransferSpeed: "na" as const,
      switchboardAnnouncesTransfer: "na" as const,
    };
    expect(scoreCall(defaultScale, noTransfer, { partsTested: ["switchboard"] })).toMatchObject({
      total: 100,
      raw: 29,
      max: 29,
    });
    // 90 of 96: 93.75 rounds half up to 93.8
    const deputyNA = { ...fullMarks(defaultScale), unitDeputy: "na" as const, unitAnswerCorrect: 2 };
    expect(scoreCall(defaultScale, deputyNA)).toMatchObject({ total: 93.8, raw: 90, max: 96 });
  });

  it("makes the total 0 when an automatic-fail item scores 0, keeping the raw marks", () => {
    const unanswered = { ...fullMarks(defaultScale), unitAnswered: 0 };
    const score = scoreCall(defaultScale, unanswered);
    expect(score).toMatchObject({ total: 0, raw: 95, max: 100, band: "待改進", needsImprovement: true });
    const unitOnly = { ...fullMarks(defaultScale, ["unit"]), unitAnswered: 0 };
    expect(scoreCall(defaultScale, unitOnly, { partsTested: ["unit"] }).total).toBe(0);
  });

  it("does not fail a call on a partial automatic-fail mark or when its part is not tested", () => {
    expect(scoreCall(defaultScale, { ...fullMarks(defaultScale), unitAnswered: 2.5 }).total).toBe(97.5);
    const switchboardOnly = scoreCall(defaultScale, fullMarks(defaultScale, ["switchboard"]), {
      partsTested: ["switchboard"],
    });
    expect(switchboardOnly.total).toBe(100);
  });

  describe("band edges and rounding", () => {
    const one = plainScale(100);
    const at = (mark: number) => scoreCall(one, { i0: mark });
    it.each([
      [100, 100, "優良", false],
      [90, 90, "優良", false],
      [89.95, 90, "優良", false],
      [89.949, 89.9, "良好", true],
      [89.94, 89.9, "良好", true],
      [80, 80, "良好", true],
      [79.95, 80, "良好", true],
      [79.94, 79.9, "普通", true],
      [70, 70, "普通", true],
      [69.95, 70, "普通", true],
      [69.9, 69.9, "待改進", true],
      [0, 0, "待改進", true],
    ])("mark %d of 100 → %d %s", (mark, total, band, needsImprovement) => {
      expect(at(mark)).toMatchObject({ total, band, needsImprovement });
    });

    it("rounds a ratio that is exactly .x5 on paper up despite floating-point noise", () => {
      // 80.1 + 99.8 is 179.89999999999998 in floating point; 179.9 / 200 = 89.95 → 90.0
      expect(scoreCall(plainScale(100, 100), { i0: 80.1, i1: 99.8 })).toMatchObject({ total: 90, band: "優良" });
      // 4.1 / 8 = 51.25 (51.24999999999999 in floating point) → 51.3
      expect(scoreCall(plainScale(8), { i0: 4.1 }).total).toBe(51.3);
    });

    it("follows a scale's own bands and threshold", () => {
      const strict: Scale = {
        ...one,
        improvementBelow: 95,
        bands: [
          { min: 60, label: "及格" },
          { min: -1, label: "不及格" },
        ],
      };
      expect(scoreCall(strict, { i0: 92 })).toMatchObject({ band: "及格", needsImprovement: true });
      expect(scoreCall(strict, { i0: 59.94 })).toMatchObject({ band: "不及格", total: 59.9 });
    });
  });

  describe("refuses marks a person could send wrongly with a 400 and a zh-TW message naming the item", () => {
    const full = fullMarks(defaultScale);
    const label = (key: string) => defaultScale.parts.flatMap((p) => p.items).find((i) => i.key === key)!.label;
    const cases: [string, Record<string, Mark>, { partsTested?: string[] } | undefined, string][] = [
      ["a mark above the maximum", { ...full, unitTone: 4.5 }, undefined, `「${label("unitTone")}」的分數應介於 0 到 4 分。`],
      ["a negative mark", { ...full, switchboardRings: -1 }, undefined, `「${label("switchboardRings")}」的分數應介於 0 到 15 分。`],
      ["NaN", { ...full, unitClosing: NaN }, undefined, `「${label("unitClosing")}」的分數應為數字或「不適用」。`],
      ["Infinity", { ...full, unitClosing: Infinity }, undefined, `「${label("unitClosing")}」的分數應為數字或「不適用」。`],
      [
        "a string other than na",
        { ...full, unitClosing: "2" as unknown as number },
        undefined,
        `「${label("unitClosing")}」的分數應為數字或「不適用」。`,
      ],
      ["an unknown item", { ...full, smile: 3 }, undefined, "「smile」不是本次測試的評分項目。"],
      ["na on an item without allowNA", { ...full, unitGreeting: "na" }, undefined, `「${label("unitGreeting")}」不可標為不適用。`],
      ["a missing mark", (({ unitTone: _dropped, ...rest }) => rest)(full), undefined, `「${label("unitTone")}」尚未評分。`],
      [
        "a mark for a part not tested",
        full,
        { partsTested: ["switchboard"] },
        `「${label("unitAnswered")}」屬於本次未受測的「業務單位」，不可評分。`,
      ],
    ];
    it.each(cases)("%s", (_, marks, o, message) => {
      expect(() => scoreCall(defaultScale, marks, o)).toThrow(AppError);
      expect(() => scoreCall(defaultScale, marks, o)).toThrow(message);
    });

    it.each([
      ["an unknown part", { partsTested: ["switchboard", "counter"] }, /unknown part "counter"/],
      ["no part tested", { partsTested: [] }, /partsTested is empty/],
    ])("treats %s, which only code can send, as a defect (RangeError)", (_, o, message) => {
      expect(() => scoreCall(defaultScale, o.partsTested.length ? full : {}, o)).toThrow(RangeError);
      expect(() => scoreCall(defaultScale, o.partsTested.length ? full : {}, o)).toThrow(message);
    });

    it("rejects a call where every item is not applicable", () => {
      const allNA: Scale = {
        ...defaultScale,
        parts: [{ key: "p", label: "p", items: [{ key: "a", label: "a", maxPoints: 5, allowNA: true }] }],
      };
      expect(() => scoreCall(allNA, { a: "na" })).toThrow("受測部分的項目都標為不適用，無法計分。");
    });

    it("rejects a malformed scale with the scale editor's message", () => {
      const bad: Scale = { ...defaultScale, bands: [] };
      expect(() => scoreCall(bad, full)).toThrow("量表至少需要一個等第。");
    });
  });
});
