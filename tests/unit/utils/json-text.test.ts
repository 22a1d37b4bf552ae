import { describe, expect, it } from "vitest";
import { definitionErrors } from "~/modules/surveys/model";
import { jsonSyntaxMessage } from "~/utils/json-text";

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (e) {
    return e;
  }
  throw new Error("expected a syntax error");
}

describe("messages about JSON an admin typed, in zh-TW", () => {
  it("names the line of a syntax error, not the parser's English", () => {
    const text = '{\n  "title": "問卷",\n  pages: []\n}';
    expect(jsonSyntaxMessage(text, parseError(text))).toBe("JSON 格式錯誤，請檢查第 3 行附近的括號、引號與逗號。");
  });

  it("falls back to a plain message when the parser names no position", () => {
    expect(jsonSyntaxMessage("", new SyntaxError("Unexpected end of JSON input"))).toBe("JSON 格式錯誤，請檢查括號、引號與逗號。");
  });

  it.each([
    [
      "an unknown question type",
      { pages: [{ elements: [{ type: "ratingz", name: "a" }] }] },
      "SurveyJS 不認得「elements」中某個元素的 type（題型）。",
    ],
    ["an element without a type", { pages: [{ elements: [{ name: "a" }] }] }, "SurveyJS：「elements」中有元素缺少 type（題型）。"],
    [
      "an unknown property",
      { pages: [{ elements: [{ type: "rating", name: "a", colour: 1 }] }] },
      "SurveyJS 不認得「rating」的屬性「colour」。",
    ],
  ])("says what SurveyJS rejects in %s", (_label, json, message) => {
    expect(definitionErrors(json)).toContain(message);
    expect(definitionErrors(json).join("")).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
  });
});
