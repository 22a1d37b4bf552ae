import { describe, expect, it } from "vitest";
import { defaultScale, validateScale, type Scale } from "~/modules/courtesy";
import { AppError } from "~/utils/errors";

const copy = (): Scale => structuredClone(defaultScale);
const partMax = (scale: Scale, key: string) => scale.parts.find((p) => p.key === key)!.items.reduce((s, i) => s + i.maxPoints, 0);
/** Labels start with the aspect, e.g. "接聽速度：…". */
const aspectMax = (scale: Scale, part: string, aspect: string) =>
  scale.parts
    .find((p) => p.key === part)!
    .items.filter((i) => i.label.startsWith(`${aspect}：`))
    .reduce((s, i) => s + i.maxPoints, 0);

describe("defaultScale", () => {
  it("is a valid scale", () => {
    expect(() => validateScale(defaultScale)).not.toThrow();
    expect(defaultScale.version).toBe(1);
    expect(defaultScale.improvementBelow).toBe(90);
  });

  it("has the switchboard 45 and unit 55 parts of the award scale, split by aspect", () => {
    expect(defaultScale.parts.map((p) => [p.key, p.label])).toEqual([
      ["switchboard", "總機"],
      ["unit", "業務單位"],
    ]);
    expect(partMax(defaultScale, "switchboard")).toBe(45);
    expect(partMax(defaultScale, "unit")).toBe(55);
    expect(aspectMax(defaultScale, "switchboard", "接聽速度")).toBe(25);
    expect(aspectMax(defaultScale, "switchboard", "禮貌")).toBe(20);
    expect(aspectMax(defaultScale, "unit", "接聽速度")).toBe(15);
    expect(aspectMax(defaultScale, "unit", "禮貌")).toBe(25);
    expect(aspectMax(defaultScale, "unit", "答覆內容")).toBe(15);
  });

  it("lets only transfer and deputy handling be not applicable, and fails an unanswered unit", () => {
    const items = defaultScale.parts.flatMap((p) => p.items);
    expect(items.filter((i) => i.allowNA).map((i) => i.key)).toEqual([
      "switchboardTransferSpeed",
      "switchboardAnnouncesTransfer",
      "unitAnnouncesTransfer",
      "unitDeputy",
    ]);
    expect(items.filter((i) => i.autoFail).map((i) => i.key)).toEqual(["unitAnswered"]);
  });

  it("uses the city bands 優良/良好/普通/待改進", () => {
    expect(defaultScale.bands).toEqual([
      { min: 90, label: "優良" },
      { min: 80, label: "良好" },
      { min: 70, label: "普通" },
      { min: 0, label: "待改進" },
    ]);
  });
});

describe("validateScale", () => {
  const broken: [string, (s: Scale) => void, RegExp][] = [
    [
      "duplicate item keys across parts",
      (s) => (s.parts[1].items[0].key = s.parts[0].items[0].key),
      /評分項目代碼「switchboardRings」重複/,
    ],
    ["duplicate part keys", (s) => (s.parts[1].key = "switchboard"), /受測部分代碼「switchboard」重複/],
    ["zero maxPoints", (s) => (s.parts[0].items[0].maxPoints = 0), /的滿分應為正數/],
    ["negative maxPoints", (s) => (s.parts[0].items[0].maxPoints = -5), /的滿分應為正數/],
    ["NaN maxPoints", (s) => (s.parts[0].items[0].maxPoints = NaN), /的滿分應為正數/],
    ["bands not descending", (s) => s.bands.reverse(), /等第應由高到低排列/],
    ["equal band minimums", (s) => (s.bands[1].min = 90), /等第應由高到低排列/],
    ["lowest band above 0", (s) => s.bands.pop(), /應從 0 分起算/],
    ["no bands", (s) => (s.bands = []), /^量表至少需要一個等第。$/],
    ["no parts", (s) => (s.parts = []), /^量表至少需要一個受測部分。$/],
    ["a part without items", (s) => (s.parts[0].items = []), /「總機」至少需要一個評分項目/],
    ["an empty item key", (s) => (s.parts[0].items[0].key = " "), /「總機」有評分項目缺少代碼/],
    ["autoFail with allowNA", (s) => (s.parts[1].items[0].allowNA = true), /不可同時為「未接聽即 0 分」與「可標為不適用」/],
    ["version 0", (s) => (s.version = 0), /量表版本應為正整數/],
    ["improvementBelow above 100", (s) => (s.improvementBelow = 120), /改善門檻應介於 0 到 100 分/],
  ];
  it.each(broken)("refuses %s with a 400 and a zh-TW message", (_, breakIt, message) => {
    const scale = copy();
    breakIt(scale);
    expect(() => validateScale(scale)).toThrow(AppError);
    expect(() => validateScale(scale)).toThrow(message);
  });
});
