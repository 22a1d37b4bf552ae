import { describe, expect, it } from "vitest";
import { validateAnswers } from "~/modules/surveys/validate-answers";

// Definitions written the way the SurveyJS documentation writes them: plain column
// lists, columns with their own choices, question-level `choices` as the default, and
// ratings given by rateMin/rateMax/rateStep, rateCount or rateValues.
const agreement = {
  type: "matrix",
  name: "agree",
  title: "請問您是否同意下列敘述",
  columns: [1, 2, 3, 4, 5],
  rows: [
    { value: "signs", text: "指標清楚" },
    { value: "seats", text: "座位充足" },
  ],
};

const counters = {
  type: "matrixdropdown",
  name: "counters",
  title: "各櫃台服務評價",
  choices: [1, 2, 3, 4, 5],
  columns: [
    { name: "speed", title: "速度" },
    { name: "used", title: "是否使用", cellType: "radiogroup", choices: ["yes", "no"] },
    { name: "services", title: "辦理項目", cellType: "checkbox", choices: ["id", "tax", "other"] },
    { name: "stars", title: "星等", cellType: "rating", rateMin: 1, rateMax: 10 },
    { name: "again", title: "會再來", cellType: "boolean" },
    { name: "wait", title: "等候分鐘", cellType: "text", inputType: "number" },
    { name: "note", title: "備註", cellType: "text" },
  ],
  rows: [
    { value: "front", text: "一樓服務台" },
    { value: "social", text: "社會課" },
  ],
};

const visits = {
  type: "matrixdynamic",
  name: "visits",
  title: "本月洽公紀錄",
  rowCount: 1,
  maxRowCount: 3,
  columns: [
    { name: "purpose", title: "業務", cellType: "dropdown", choices: ["registration", "social"] },
    {
      name: "score",
      title: "評分",
      cellType: "rating",
      rateValues: [
        { value: "good", text: "好" },
        { value: "bad", text: "不好" },
      ],
    },
  ],
};

const definition = {
  pages: [
    {
      name: "page1",
      elements: [
        { type: "panel", name: "environment", title: "洽公環境", elements: [agreement] },
        counters,
        visits,
        {
          type: "paneldynamic",
          name: "family",
          title: "同行家人",
          maxPanelCount: 2,
          templateElements: [
            { type: "rating", name: "nps", title: "推薦意願", rateCount: 11, rateMax: 10 },
            { type: "matrix", name: "family_agree", title: "同意程度", columns: [1, 2, 3], rows: ["help"] },
          ],
        },
        { type: "rating", name: "stepped", title: "分數", rateMin: 0, rateMax: 10, rateStep: 2 },
        { type: "rating", name: "stars", title: "星等", rateType: "stars", rateCount: 3, rateMin: 1 },
        { type: "multipletext", name: "about", title: "基本資料", items: [{ name: "age", inputType: "number" }, { name: "city" }] },
      ],
    },
  ],
};

const valid = {
  agree: { signs: 5, seats: 1 },
  counters: { front: { speed: 3, used: "yes", services: ["id", "tax"], stars: 10, again: true, wait: 15, note: "很快" } },
  visits: [{ purpose: "social", score: "good" }],
  family: [{ nps: 0, family_agree: { help: 3 } }],
  stepped: 4,
  stars: 3,
  about: { age: 40, city: "臺北市" },
};

function errorsFor(answers: Record<string, unknown>) {
  const r = validateAnswers(definition, answers);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(answers)}`);
  return r.errors;
}

describe("matrix, dynamic panel and rating answers are checked against the definition", () => {
  it("accepts answers that fit every row, column and scale", () => {
    const r = validateAnswers(definition, valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toEqual(valid);
    // Only top-level ratings become numeric rows; their scale comes from the definition.
    expect(r.ratings).toEqual([
      { questionName: "stepped", dimension: "untagged", value: 4, scaleMin: 0, scaleMax: 10 },
      { questionName: "stars", dimension: "untagged", value: 3, scaleMin: 1, scaleMax: 3 },
    ]);
  });

  it("refuses a matrix cell outside the 1–5 columns, naming the row", () => {
    const errors = errorsFor({ ...valid, agree: { signs: 7 } });
    expect(errors).toEqual({ agree: ["「指標清楚」列：答案不在選項之中。"] });
  });

  it.each([
    ["an unknown matrix row", { agree: { lobby: 3 } }, "agree", "本題沒有可填答的「lobby」列。"],
    ["a matrix cell given as text", { agree: { signs: "5" } }, "agree", "「指標清楚」列：答案不在選項之中。"],
    ["a matrix that is a list", { agree: [5] }, "agree", "表格題答案格式不正確。"],
    ["an unknown dropdown-matrix row", { counters: { third: { speed: 3 } } }, "counters", "本題沒有可填答的「third」列。"],
    ["an unknown dropdown-matrix column", { counters: { front: { price: 3 } } }, "counters", "本題沒有可填答的「一樓服務台」列「price」。"],
    [
      "a cell outside the matrix's default choices",
      { counters: { front: { speed: 6 } } },
      "counters",
      "「一樓服務台」列「速度」：答案不在選項之中。",
    ],
    [
      "a cell outside its column's own choices",
      { counters: { front: { used: 3 } } },
      "counters",
      "「一樓服務台」列「是否使用」：答案不在選項之中。",
    ],
    [
      "a checkbox cell with an unknown choice",
      { counters: { social: { services: ["id", "bribe"] } } },
      "counters",
      "「社會課」列「辦理項目」：答案不在選項之中。",
    ],
    [
      "a checkbox cell that is not a list",
      { counters: { social: { services: "id" } } },
      "counters",
      "「社會課」列「辦理項目」：複選答案格式不正確。",
    ],
    [
      "a rating cell above rateMax",
      { counters: { front: { stars: 11 } } },
      "counters",
      "「一樓服務台」列「星等」：請從量表中選擇一個分數。",
    ],
    ["text in a boolean cell", { counters: { front: { again: "yes" } } }, "counters", "「一樓服務台」列「會再來」：請選擇是或否。"],
    ["text in a numeric cell", { counters: { front: { wait: "15" } } }, "counters", "「一樓服務台」列「等候分鐘」：請輸入數字。"],
    ["a row that is not an object", { counters: { front: 5 } }, "counters", "「一樓服務台」列：表格題答案格式不正確。"],
    ["more dynamic rows than maxRowCount", { visits: [{}, {}, {}, {}] }, "visits", "最多只能填 3 列。"],
    [
      "a dynamic-matrix cell outside its choices",
      { visits: [{ purpose: "social" }, { purpose: "tax" }] },
      "visits",
      "第 2 列「業務」：答案不在選項之中。",
    ],
    [
      "a dynamic-matrix rating outside its rateValues",
      { visits: [{ score: "ok" }] },
      "visits",
      "第 1 列「評分」：請從量表中選擇一個分數。",
    ],
    ["an unknown dynamic-matrix column", { visits: [{ cost: 1 }] }, "visits", "本題沒有可填答的第 1 列「cost」。"],
    ["a rating in a dynamic panel above rateMax", { family: [{ nps: 11 }] }, "family", "第 1 組「推薦意願」：請從量表中選擇一個分數。"],
    [
      "a matrix in a dynamic panel with an unknown column value",
      { family: [{ family_agree: { help: 4 } }] },
      "family",
      "第 1 組「同意程度」：「help」列：答案不在選項之中。",
    ],
    ["an unknown question in a dynamic panel", { family: [{ spouse: "x" }] }, "family", "本題沒有可填答的第 1 組「spouse」。"],
    ["more panels than maxPanelCount", { family: [{}, {}, {}] }, "family", "最多只能填 2 組。"],
    ["a rating off its rateStep", { stepped: 3 }, "stepped", "請從量表中選擇一個分數。"],
    ["a rating beyond rateCount", { stars: 4 }, "stars", "請從量表中選擇一個分數。"],
    ["an unknown multiple-text item", { about: { phone: "0912" } }, "about", "本題沒有可填答的「phone」。"],
    ["text in a numeric multiple-text item", { about: { age: "forty" } }, "about", "「age」：請輸入數字。"],
  ])("refuses %s", (_label, bad, key, message) => {
    const errors = errorsFor({ ...valid, ...bad });
    expect(Object.keys(errors)).toEqual([key]);
    expect(errors[key]).toContain(message);
  });

  it("accepts the scale ends SurveyJS derives: rateCount with rateMax starts at 0, rateCount with rateMin ends at rateMin + count − 1", () => {
    expect(validateAnswers(definition, { ...valid, family: [{ nps: 10 }], stars: 1 }).ok).toBe(true);
    expect(validateAnswers(definition, { ...valid, family: [{ nps: -1 }] }).ok).toBe(false);
  });
});
