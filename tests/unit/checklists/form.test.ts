import { describe, expect, it } from "vitest";
import {
  BUILTIN_TEMPLATES,
  FORM_ERROR_KEY,
  answersToFormData,
  checklistSurvey,
  dutyLogTemplate,
  matrixName,
  mysteryVisitTemplate,
  readChecklistForm,
  templateItems,
  validateTemplate,
  type Checks,
  type ChecklistAnswers,
  type ChecklistTemplateDef,
} from "~/modules/checklists";
import { createSurveyModel, definitionErrors } from "~/modules/surveys/model";

type Element = {
  type: string;
  name: string;
  rows?: Array<{ value: string }>;
  columns?: Array<{ value: string; text: string }>;
  items?: unknown[];
  elements?: Element[];
};
type Page = { name: string; title?: string; elements: Element[] };

function allYes(tpl: ChecklistTemplateDef): Checks {
  return Object.fromEntries(tpl.slots.map((s) => [s.key, Object.fromEntries(templateItems(tpl).map((i) => [i.key, "yes" as const]))]));
}

const dutyAnswers: ChecklistAnswers = {
  checks: allYes(dutyLogTemplate),
  fields: {
    recommendedStaff: ["民政課 林雅婷", "社會課 陳志明"],
    volunteerName: "王美玲",
    volunteerVest: "yes",
    volunteerMorning: "normal",
    volunteerAfternoon: "none",
    volunteerService: "good",
  },
};
const visitAnswers: ChecklistAnswers = {
  checks: allYes(mysteryVisitTemplate),
  fields: { arrivedAt: "09:40", errand: "申請戶籍謄本", waitMinutes: 12 },
};

describe("built-in templates", () => {
  it("the duty officer's log has its 47 items in three groups, five slots and the extra sections", () => {
    expect(dutyLogTemplate.groups.map((g) => g.items.length)).toEqual([14, 28, 5]);
    expect(dutyLogTemplate.slots.map((s) => s.label)).toEqual([
      "08:30 至 10:30",
      "10:30 至 12:30",
      "12:30 至 13:30",
      "13:30 至 15:30",
      "15:30 至 17:30",
    ]);
    expect(dutyLogTemplate.sections.flatMap((s) => s.fields.map((f) => f.key))).toEqual(
      expect.arrayContaining(["recommendedStaff", "volunteerName", "volunteerMorning"]),
    );
    expect(dutyLogTemplate.notesLabel).toContain("突發狀況");
  });

  it("the mystery-shopper visit has 15-20 items over arrival, waiting, counter, professionalism and environment", () => {
    const count = templateItems(mysteryVisitTemplate).length;
    expect(count).toBeGreaterThanOrEqual(15);
    expect(count).toBeLessThanOrEqual(20);
    expect(mysteryVisitTemplate.groups.map((g) => g.key)).toEqual(["arr", "wait", "ctr", "pro", "env"]);
    expect(mysteryVisitTemplate.slots).toHaveLength(1);
  });

  it("every built-in template is valid; duplicate or malformed keys are refused", () => {
    for (const tpl of BUILTIN_TEMPLATES) expect(() => validateTemplate(tpl)).not.toThrow();
    const twice = {
      ...mysteryVisitTemplate,
      groups: [...mysteryVisitTemplate.groups, { key: "x", label: "重複", items: [{ key: "arr01", label: "重複" }] }],
    };
    expect(() => validateTemplate(twice)).toThrow(/"arr01" is used twice/);
    expect(() => validateTemplate({ ...mysteryVisitTemplate, slots: [{ key: "a_b", label: "底線" }] })).toThrow(/letters and digits/);
    expect(() => validateTemplate({ ...mysteryVisitTemplate, slots: [] })).toThrow(/no time slots/);
  });
});

describe("checklistSurvey", () => {
  it("turns the duty log into one page per slot with a 是/否/不適用 matrix per group, then the extras", () => {
    const json = checklistSurvey(dutyLogTemplate);
    const pages = json.pages as Page[];
    expect(pages.map((p) => p.name)).toEqual(["slot_s0830", "slot_s1030", "slot_s1230", "slot_s1330", "slot_s1530", "after"]);
    expect(pages[2].title).toBe("巡檢時段 12:30 至 13:30");
    const matrices = pages[0].elements;
    expect(matrices.map((m) => m.name)).toEqual(["s0830__env", "s0830__fac", "s0830__etq"]);
    expect(matrices.map((m) => m.rows?.length)).toEqual([14, 28, 5]);
    expect(matrices[0]).toMatchObject({ type: "matrix", isRequired: true, eachRowRequired: true });
    expect(matrices[0].columns).toEqual([
      { value: "yes", text: "是" },
      { value: "no", text: "否" },
      { value: "na", text: "不適用" },
    ]);
    const after = pages[5].elements;
    expect(after.map((e) => e.name)).toEqual(["section_staff", "section_volunteer", "notes"]);
    expect(after[0].elements?.[0]).toMatchObject({ type: "multipletext", name: "recommendedStaff", isRequired: true });
    expect(after[0].elements?.[0].items).toHaveLength(3);
  });

  it("puts a single visit's facts first and its groups on one untitled page", () => {
    const pages = checklistSurvey(mysteryVisitTemplate).pages as Page[];
    expect(pages.map((p) => p.name)).toEqual(["before", "slot_visit", "after"]);
    expect(pages[1].title).toBeUndefined();
    expect(pages[0].elements[0].elements?.map((e) => e.name)).toEqual(["arrivedAt", "errand", "waitMinutes", "counter"]);
    expect(pages[1].elements.map((e) => e.name)).toEqual(["visit__arr", "visit__wait", "visit__ctr", "visit__pro", "visit__env"]);
  });

  it.each(BUILTIN_TEMPLATES.map((tpl) => [tpl.key, tpl] as const))(
    "SurveyJS loads %s without complaints and accepts a complete form",
    (_key, tpl) => {
      const json = checklistSurvey(tpl);
      expect(definitionErrors(json)).toEqual([]);
      const model = createSurveyModel(json);
      model.data = answersToFormData(tpl, tpl === dutyLogTemplate ? dutyAnswers : visitAnswers, "無");
      expect(model.validate(true, false)).toBe(true);
      // ...and refuses an empty one, as the server does
      const empty = createSurveyModel(json);
      expect(empty.validate(true, false)).toBe(false);
    },
  );
});

describe("readChecklistForm", () => {
  it("reads SurveyJS data back into the answers it was made from, with trimmed notes", () => {
    expect(readChecklistForm(dutyLogTemplate, answersToFormData(dutyLogTemplate, dutyAnswers, "  叫號機當機 10 分鐘 "))).toEqual({
      ok: true,
      answers: dutyAnswers,
      notes: "叫號機當機 10 分鐘",
    });
    expect(readChecklistForm(mysteryVisitTemplate, answersToFormData(mysteryVisitTemplate, visitAnswers, ""))).toEqual({
      ok: true,
      answers: visitAnswers,
      notes: "",
    });
  });

  const valid = () => answersToFormData(mysteryVisitTemplate, visitAnswers, "");
  const errorsOf = (data: unknown, tpl = mysteryVisitTemplate) => {
    const r = readChecklistForm(tpl, data);
    if (r.ok) throw new Error("expected errors");
    return r.errors;
  };

  it.each<[string, (d: Record<string, unknown>) => void, string, RegExp]>([
    ["an unknown key", (d) => (d.extra = "x"), "extra", /不是本巡檢表的題目/],
    ["an unknown row in a matrix", (d) => ((d.visit__arr as Record<string, string>).zz01 = "yes"), "visit__arr", /不是本巡檢表的題目/],
    ["a check that is not 是/否/不適用", (d) => ((d.visit__arr as Record<string, unknown>).arr01 = true), "visit__arr", /是、否或不適用/],
    ["a matrix that is not an object", (d) => (d.visit__ctr = "yes"), "visit__ctr", /是、否或不適用/],
    ["a missing row", (d) => delete (d.visit__pro as Record<string, string>).pro03, "visit__pro", /每個項目都須勾選/],
    ["a missing matrix", (d) => delete d.visit__env, "visit__env", /每個項目都須勾選/],
    ["a number sent as text", (d) => (d.waitMinutes = "12"), "waitMinutes", /0 至 300 之間的整數/],
    ["a number out of range", (d) => (d.waitMinutes = 301), "waitMinutes", /0 至 300/],
    ["a malformed time", (d) => (d.arrivedAt = "25:00"), "arrivedAt", /HH:MM/],
    ["a missing required field", (d) => delete d.errand, "errand", /必填/],
    ["text over its limit", (d) => (d.counter = "櫃".repeat(51)), "counter", /最多 50 個字/],
    ["notes that are not text", (d) => (d.notes = 5), "notes", /最多 2000 個字/],
  ])("reports %s under the question's name", (_label, spoil, key, message) => {
    const data = valid();
    spoil(data);
    const errors = errorsOf(data);
    expect(Object.keys(errors)).toEqual([key]);
    expect(errors[key].join(" ")).toMatch(message);
  });

  it("checks choices and the recommended staff list of the duty log", () => {
    const data = answersToFormData(dutyLogTemplate, dutyAnswers, "");
    expect(errorsOf({ ...data, volunteerVest: "maybe" }, dutyLogTemplate)).toEqual({ volunteerVest: ["答案不在選項之中。"] });
    expect(Object.keys(errorsOf({ ...data, recommendedStaff: { n1: "甲", n4: "乙" } }, dutyLogTemplate))).toEqual(["recommendedStaff"]);
    expect(Object.keys(errorsOf({ ...data, recommendedStaff: { n1: "  " } }, dutyLogTemplate))).toEqual(["recommendedStaff"]);
    expect(Object.keys(errorsOf({ ...data, recommendedStaff: ["甲"] }, dutyLogTemplate))).toEqual(["recommendedStaff"]);
    const { recommendedStaff: _staff, ...withoutStaff } = data;
    expect(Object.keys(errorsOf(withoutStaff, dutyLogTemplate))).toEqual(["recommendedStaff"]);
    // Optional fields may be left out.
    const { volunteerName: _name, volunteerService: _service, ...optional } = data;
    expect(readChecklistForm(dutyLogTemplate, optional).ok).toBe(true);
  });

  it("refuses a body that is not an object, and a form with every check 不適用", () => {
    expect(errorsOf([1, 2])).toEqual({ [FORM_ERROR_KEY]: ["填答資料格式不正確。"] });
    expect(errorsOf(null)).toHaveProperty(FORM_ERROR_KEY);
    const allNA = valid();
    for (const group of mysteryVisitTemplate.groups)
      allNA[matrixName("visit", group.key)] = Object.fromEntries(group.items.map((i) => [i.key, "na"]));
    expect(errorsOf(allNA)).toEqual({ [FORM_ERROR_KEY]: ["所有項目皆為不適用，無法計分。"] });
  });
});
