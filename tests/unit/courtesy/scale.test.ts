import { describe, expect, it } from "vitest";
import { defaultScale, validateScale, type Scale } from "~/modules/courtesy";

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

  it("has the switchboard 45 and unit 55 parts of DOMAIN.md, split by aspect", () => {
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
      /duplicate item key "switchboardRings"/,
    ],
    ["duplicate part keys", (s) => (s.parts[1].key = "switchboard"), /duplicate part key/],
    ["zero maxPoints", (s) => (s.parts[0].items[0].maxPoints = 0), /positive maxPoints/],
    ["negative maxPoints", (s) => (s.parts[0].items[0].maxPoints = -5), /positive maxPoints/],
    ["NaN maxPoints", (s) => (s.parts[0].items[0].maxPoints = NaN), /positive maxPoints/],
    ["bands not descending", (s) => s.bands.reverse(), /highest first/],
    ["equal band minimums", (s) => (s.bands[1].min = 90), /highest first/],
    ["lowest band above 0", (s) => s.bands.pop(), /must start at 0/],
    ["no bands", (s) => (s.bands = []), /no bands/],
    ["no parts", (s) => (s.parts = []), /no parts/],
    ["a part without items", (s) => (s.parts[0].items = []), /part "switchboard" has no items/],
    ["an empty item key", (s) => (s.parts[0].items[0].key = " "), /empty key/],
    ["autoFail with allowNA", (s) => (s.parts[1].items[0].allowNA = true), /both autoFail and allowNA/],
    ["version 0", (s) => (s.version = 0), /version/],
    ["improvementBelow above 100", (s) => (s.improvementBelow = 120), /improvementBelow/],
  ];
  it.each(broken)("rejects %s", (_, breakIt, message) => {
    const scale = copy();
    breakIt(scale);
    expect(() => validateScale(scale)).toThrow(RangeError);
    expect(() => validateScale(scale)).toThrow(message);
  });
});
