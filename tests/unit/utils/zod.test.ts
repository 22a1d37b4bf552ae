import { describe, expect, it } from "vitest";
import { z } from "~/utils/zod";

/** Every message a schema without messages of its own produces, for one bad input. */
function messages(schema: z.ZodTypeAny, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return result.error.issues.map((i) => i.message);
}

describe("zod messages reaching a page", () => {
  it.each([
    ["a missing field", z.object({ name: z.string() }), {}, ["此欄位為必填。"]],
    ["a number where text belongs", z.string(), 5, ["此欄位的值不正確。"]],
    ["an empty text", z.string().min(1), "", ["此欄位為必填。"]],
    ["too short a text", z.string().min(8), "abc", ["至少需要 8 個字。"]],
    ["too long a text", z.string().max(3), "abcd", ["最多 3 個字。"]],
    ["a number below the minimum", z.coerce.number().int().min(1), "0", ["不可小於 1。"]],
    ["a number above the maximum", z.coerce.number().max(4), "9", ["不可大於 4。"]],
    ["not a number", z.coerce.number(), "abc", ["此欄位的值不正確。"]],
    ["a fraction where a whole number belongs", z.coerce.number().int(), "1.5", ["此欄位的值不正確。"]],
    ["an unknown choice", z.enum(["qr", "kiosk"]), "fax", ["請從清單中選擇。"]],
    ["a wrong literal", z.literal("on"), "off", ["請從清單中選擇。"]],
    ["too many items", z.array(z.string()).max(1), ["a", "b"], ["最多 1 項。"]],
    ["a refinement without a message", z.string().refine((v) => v === "ok"), "no", ["此欄位的值不正確。"]],
  ])("answers %s in zh-TW", (_label, schema, input, expected) => {
    expect(messages(schema, input)).toEqual(expected);
  });

  it("keeps a schema's own message", () => {
    expect(messages(z.string().min(1, "請填寫名稱。"), "")).toEqual(["請填寫名稱。"]);
  });
});
