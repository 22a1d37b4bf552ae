import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect";

describe("safeRedirect", () => {
  it.each(["/offices/3", "/follow-ups?status=open", "/courtesy#late", "/"])("keeps the local path %s", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["backslash after a slash", "/\\/evil.example"],
    ["tab before a slash", "/\t/evil.example"],
    ["newline before a slash", "/\n/evil.example"],
    ["space", "/ /evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["scheme", "javascript:alert(1)"],
    ["relative path", "offices"],
    ["empty", ""],
  ])("refuses a %s target", (_label, to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it("refuses non-strings", () => {
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(["/x"])).toBe("/");
  });
});
