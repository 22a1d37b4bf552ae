import { describe, expect, it } from "vitest";
import { questionBank, questionsForMonth, type QuestionKind } from "~/modules/courtesy";

const kinds: QuestionKind[] = ["district", "household"];
const months = Array.from({ length: 48 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
const idsOf = (kind: QuestionKind, month: string, count: number) => questionsForMonth(kind, month, count).map((q) => q.id);

describe("questionBank", () => {
  it.each(kinds)("has at least 15 complete %s questions with stable ids", (kind) => {
    const bank = questionBank[kind];
    expect(bank.length).toBeGreaterThanOrEqual(15);
    bank.forEach((q, i) => {
      expect(q.id).toBe(`${kind}-${String(i + 1).padStart(2, "0")}`);
      expect(q.kind).toBe(kind);
      for (const text of [q.topic, q.unitHint, q.question, q.expectedAnswer]) expect(text).toMatch(/\p{Script=Han}/u);
    });
    expect(new Set(bank.map((q) => q.question)).size).toBe(bank.length);
  });

  it("sends district questions to district units and household ones to registration units", () => {
    expect(new Set(questionBank.district.map((q) => q.unitHint))).toContain("社會課");
    expect(new Set(questionBank.district.map((q) => q.unitHint))).toContain("兵役課");
    expect(questionBank.household.every((q) => q.unitHint.startsWith("戶籍"))).toBe(true);
  });
});

describe("questionsForMonth", () => {
  it.each(kinds)("gives %s questions deterministically, count distinct questions", (kind) => {
    expect(idsOf(kind, "2026-03", 5)).toEqual(idsOf(kind, "2026-03", 5));
    for (const month of months) expect(new Set(idsOf(kind, month, 5)).size).toBe(5);
  });

  it.each(kinds)("never repeats the same %s set in consecutive months, across years too", (kind) => {
    const n = questionBank[kind].length;
    for (let count = 1; count < n; count++) {
      for (let i = 1; i < months.length; i++) {
        const before = [...idsOf(kind, months[i - 1], count)].sort();
        const after = [...idsOf(kind, months[i], count)].sort();
        expect(after, `${kind} ${count} ${months[i - 1]}→${months[i]}`).not.toEqual(before);
      }
    }
  });

  it.each(kinds)("brings every %s question round within ceil(bank / count) months", (kind) => {
    const n = questionBank[kind].length;
    for (const count of [1, 3, 4, 7]) {
      const span = Math.ceil(n / count);
      const seen = new Set(months.slice(5, 5 + span).flatMap((m) => idsOf(kind, m, count)));
      expect(seen.size, `count ${count}`).toBe(n);
    }
  });

  it("gives different subsets to different months", () => {
    const sets = new Set(months.slice(0, 6).map((m) => idsOf("district", m, 3).sort().join()));
    expect(sets.size).toBe(6);
  });

  it("returns the whole bank when asked for all of it", () => {
    expect(new Set(idsOf("household", "2026-01", questionBank.household.length)).size).toBe(questionBank.household.length);
  });

  it("rejects a bad month, count or kind", () => {
    expect(() => questionsForMonth("district", "2026-13", 3)).toThrow(RangeError);
    expect(() => questionsForMonth("district", "2026/03", 3)).toThrow(/YYYY-MM/);
    expect(() => questionsForMonth("district", "2026-03", 0)).toThrow(RangeError);
    expect(() => questionsForMonth("district", "2026-03", 2.5)).toThrow(RangeError);
    expect(() => questionsForMonth("district", "2026-03", questionBank.district.length + 1)).toThrow(RangeError);
    expect(() => questionsForMonth("health" as QuestionKind, "2026-03", 3)).toThrow(/health/);
  });
});
