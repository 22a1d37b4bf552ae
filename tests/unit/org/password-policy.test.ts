import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/modules/org/password-policy";

describe("passwordProblem", () => {
  it.each(["Admin#2026", "櫃台服務品質第一名!", "correct horse battery", "Tz9!kq2#Lm"])("accepts %s", (password) => {
    expect(passwordProblem(password, "lin.yanzhi@demo.gov.tw")).toBeNull();
  });

  it.each([
    ["too short", "Ab#12345", /至少需要 10 個字元/],
    ["one repeated character", "aaaaaaaaaa", /太常見或是連續字元|不同的字元/],
    ["a run of digits", "1234567890", /太常見或是連續字元/],
    ["a run backwards", "9876543210", /太常見或是連續字元/],
    ["a run of letters", "abcdefghijk", /太常見或是連續字元/],
    ["a leaked password in capitals", "PASSWORD123", /太常見/],
    ["a keyboard row", "QwertyUiop", /太常見/],
    ["few different characters", "abababab12", /至少要有 5 種不同的字元/],
    ["the e-mail's name", "Lin.Yanzhi#2026", /電子郵件/],
  ])("refuses %s", (_label, password, message) => {
    expect(passwordProblem(password, "lin.yanzhi@demo.gov.tw")).toMatch(message);
  });

  it("checks the e-mail rule only when an e-mail is given", () => {
    expect(passwordProblem("Lin.Yanzhi#2026")).toBeNull();
  });
});
