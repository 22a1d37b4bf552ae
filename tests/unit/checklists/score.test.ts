import { describe, expect, it } from "vitest";
import { bandOf, roundHalfUp1, scoreChecklist, type Check, type Checks, type ChecklistTemplateDef } from "~/modules/checklists";
import { defaultScale } from "~/modules/courtesy";

/** A one-group template of `count` items checked in the given slots. */
function template(count: number, slots = ["s1"]): ChecklistTemplateDef {
  return {
    key: "t",
    version: 1,
    title: "測試",
    kind: "checklist",
    slots: slots.map((key) => ({ key, label: key })),
    groups: [{ key: "g", label: "組", items: Array.from({ length: count }, (_, i) => ({ key: `i${i}`, label: `項目${i}` })) }],
    sections: [],
    notesLabel: "備註",
  };
}

/** `yes` passed, `no` failed and `na` not applicable checks in every slot, in that order. */
function checks(tpl: ChecklistTemplateDef, yes: number, no: number, na = 0): Checks {
  const values: Check[] = [...Array<Check>(yes).fill("yes"), ...Array<Check>(no).fill("no"), ...Array<Check>(na).fill("na")];
  const items = tpl.groups[0].items;
  if (values.length !== items.length) throw new Error("counts must cover every item");
  return Object.fromEntries(tpl.slots.map((s) => [s.key, Object.fromEntries(items.map((item, i) => [item.key, values[i]]))]));
}

describe("scoreChecklist", () => {
  it("is 100 × passed / applicable, and 不適用 leaves the maximum", () => {
    const tpl = template(4);
    expect(scoreChecklist(tpl, checks(tpl, 4, 0), defaultScale)).toMatchObject({
      score: 100,
      obtained: 4,
      applicable: 4,
      band: "優良",
      needsImprovement: false,
      failed: [],
    });
    expect(scoreChecklist(tpl, checks(tpl, 2, 2), defaultScale)).toMatchObject({ score: 50, obtained: 2, applicable: 4 });
    // Two N/A: 2 of the 2 applicable checks pass, not 2 of 4.
    expect(scoreChecklist(tpl, checks(tpl, 2, 0, 2), defaultScale)).toMatchObject({ score: 100, obtained: 2, applicable: 2 });
    expect(scoreChecklist(tpl, checks(tpl, 1, 1, 2), defaultScale)).toMatchObject({ score: 50, applicable: 2 });
  });

  it("counts every item in every slot and lists the failed checks in template order", () => {
    const tpl = template(3, ["am", "pm"]);
    const c = checks(tpl, 3, 0);
    c.pm.i1 = "no";
    c.am.i2 = "no";
    const s = scoreChecklist(tpl, c, defaultScale);
    expect(s).toMatchObject({ obtained: 4, applicable: 6, score: 66.7 });
    expect(s.failed).toEqual([
      { slot: "am", item: "i2" },
      { slot: "pm", item: "i1" },
    ]);
  });

  it.each([
    // [passed, failed, expected]: half-up to one decimal, including binary-noise cases
    [2, 1, 66.7],
    [1, 2, 33.3],
    [357, 43, 89.3], // 89.25: half up, where banker's rounding would give 89.2
    [359, 41, 89.8], // 89.75
    [1799, 201, 90], // 89.95 rounds up into 優良
    [1, 7, 12.5],
  ])("%i passed and %i failed score %f", (yes, no, expected) => {
    const tpl = template(yes + no);
    expect(scoreChecklist(tpl, checks(tpl, yes, no), defaultScale).score).toBe(expected);
  });

  it.each([
    [90, "優良", false],
    [89.9, "良好", true],
    [80, "良好", true],
    [79.9, "普通", true],
    [70, "普通", true],
    [69.9, "待改進", true],
    [0, "待改進", true],
  ])("a score of %f is %s (improvement needed: %s)", (score, band, needs) => {
    expect(bandOf(defaultScale, score)).toBe(band);
    // The same edges reached through scoring: score × 10 passed out of 1000 checks.
    const tpl = template(1000);
    const passed = Math.round(score * 10);
    expect(scoreChecklist(tpl, checks(tpl, passed, 1000 - passed), defaultScale)).toMatchObject({ score, band, needsImprovement: needs });
  });

  it("uses whatever bands and threshold it is given", () => {
    const tpl = template(10);
    const banding = {
      bands: [
        { min: 95, label: "特優" },
        { min: 0, label: "其他" },
      ],
      improvementBelow: 80,
    };
    expect(scoreChecklist(tpl, checks(tpl, 9, 1), banding)).toMatchObject({ score: 90, band: "其他", needsImprovement: false });
  });

  it("refuses missing, unknown and malformed checks, and a form that is all 不適用", () => {
    const tpl = template(3, ["am", "pm"]);
    const missing = checks(tpl, 3, 0);
    delete missing.pm.i1;
    expect(() => scoreChecklist(tpl, missing, defaultScale)).toThrow(/missing check for item "i1" in slot "pm"/);
    expect(() => scoreChecklist(tpl, { ...checks(tpl, 3, 0), night: {} }, defaultScale)).toThrow(/unknown slot/);
    const extra = checks(tpl, 3, 0);
    extra.am.zz = "yes";
    expect(() => scoreChecklist(tpl, extra, defaultScale)).toThrow(/unknown item "zz"/);
    const bad = checks(tpl, 3, 0) as Record<string, Record<string, unknown>>;
    bad.am.i0 = true;
    expect(() => scoreChecklist(tpl, bad as Checks, defaultScale)).toThrow(/yes, no or na/);
    expect(() => scoreChecklist(tpl, checks(tpl, 0, 0, 3), defaultScale)).toThrow(RangeError);
    expect(() => bandOf({ bands: [{ min: 50, label: "及格" }], improvementBelow: 0 }, 10)).toThrow(/no band/);
  });
});

describe("roundHalfUp1", () => {
  it.each([
    [0.05, 0.1],
    [1.25, 1.3],
    [2.675, 2.7],
    [89.94, 89.9],
    [89.94999999999999, 90], // binary noise of 89.95 is stripped first
    [(1799 * 100) / 2000, 90],
    [100, 100],
  ])("rounds %f to %f", (x, expected) => expect(roundHalfUp1(x)).toBe(expected));
});
