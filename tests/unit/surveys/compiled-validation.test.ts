// The compiled validator against its reference: survey-core (validateWithSurveyCore)
// must give the same verdict and the same per-question messages for every answer set,
// generated at random around each question's offered values, types and edge cases.
import { describe, expect, it } from "vitest";
import { ConditionRunner, Model, type Question } from "survey-core";
import { compileValidator } from "~/modules/surveys/compiled-validation";
import { unsupportedFeature } from "~/modules/surveys/native-subset";
import { validateWithSurveyCore, type ValidationResult } from "~/modules/surveys/validation";
import { SURVEY_TEMPLATES } from "~/modules/surveys/templates";
import { BLANK_SURVEY } from "~/modules/surveys/templates/blank";
import { seededRandom } from "~/utils/random";

/** Definitions written elsewhere: every type and property the compiled path covers, in odd combinations. */
const WRITTEN_ELSEWHERE: Array<{ name: string; json: object }> = [
  {
    name: "choices, other, none, minimum choices",
    json: {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "checkbox",
              name: "ways",
              isRequired: true,
              choices: ["web", "phone", { value: 3, text: "三" }],
              showOtherItem: true,
              showNoneItem: true,
              minSelectedChoices: 2,
            },
            { type: "dropdown", name: "where", choices: ["a", "b"], showOtherItem: true, otherErrorText: "請說明其他地點" },
            {
              type: "radiogroup",
              name: "yes",
              choices: [
                { value: 1, text: "是" },
                { value: 0, text: "否" },
              ],
              isRequired: true,
              requiredErrorText: "必填",
            },
            { type: "checkbox", name: "opt", choices: ["x", "y", "z"], maxSelectedChoices: 2 },
          ],
        },
      ],
    },
  },
  {
    name: "text, number, validators, comment",
    json: {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "text",
              name: "code",
              isRequired: true,
              validators: [{ type: "regex", regex: "^[A-Z]{2}\\d{3}$", text: "格式為兩個大寫字母加三位數字" }],
            },
            { type: "text", name: "mail", validators: [{ type: "email" }] },
            { type: "text", name: "visits", inputType: "number", validators: [{ type: "numeric", minValue: 1, maxValue: 20 }] },
            { type: "text", name: "short", maxLength: 5, validators: [{ type: "text", minLength: 2, maxLength: 5 }] },
            { type: "text", name: "nodigits", validators: [{ type: "text", allowDigits: false }] },
            { type: "comment", name: "note", maxLength: 30, isRequired: true },
            {
              type: "text",
              name: "phone",
              inputType: "tel",
              validators: [
                { type: "text", minLength: 6 },
                { type: "numeric", minValue: 100 },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: "matrix, boolean, rating scales, panels, conditions",
    json: {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "boolean", name: "came", isRequired: true },
            { type: "rating", name: "r10", rateMin: 0, rateMax: 10, isRequired: true, visibleIf: "{came} = true", dimension: "overall" },
            { type: "rating", name: "r2", rateMin: 1, rateMax: 9, rateStep: 2 },
            {
              type: "panel",
              name: "more",
              elements: [
                {
                  type: "matrix",
                  name: "m",
                  rows: ["a", { value: "b", text: "乙" }],
                  columns: [1, 2, 3],
                  isAllRowRequired: true,
                  visibleIf: "{r10} < 5",
                },
                { type: "matrix", name: "m2", rows: ["x", "y"], columns: ["lo", "hi"] },
                { type: "comment", name: "why", visibleIf: "{r10} <= 3 or {r2} = 1", isRequired: true },
              ],
            },
          ],
        },
        {
          name: "p2",
          elements: [
            { type: "text", name: "hidden", visible: false },
            { type: "html", name: "info", html: "<p>說明</p>" },
            {
              type: "radiogroup",
              name: "age",
              choices: ["young", "old"],
              visibleIf: "{came} = false",
              isRequired: true,
              isDemographic: true,
            },
            { type: "text", name: "who", isPersonalData: true, visibleIf: "{age} notempty" },
          ],
        },
      ],
    },
  },
];

const DEFINITIONS = [
  ...SURVEY_TEMPLATES.map((t) => ({ name: t.key, json: t.json as object, sets: 10_000 })),
  { name: "blank", json: BLANK_SURVEY as object, sets: 1_000 },
  ...WRITTEN_ELSEWHERE.map((d) => ({ ...d, sets: 3_000 })),
];

const ODD_VALUES: unknown[] = [
  null,
  "",
  "   ",
  0,
  -1,
  99,
  3.5,
  "5",
  true,
  false,
  [],
  {},
  [1],
  { a: 1 },
  "other",
  "none",
  "zzz",
  "x".repeat(600),
  "AB123",
  "a@b.tw",
  "12",
  "abc",
  7,
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function offered(q: Question): unknown[] {
  const items = q.getType() === "rating" ? q.visibleRateValues : q.visibleChoices;
  return (items ?? []).map((i: { value: unknown }) => i.value);
}

/** A plausible value for the question, right more often than wrong. */
function plausible(random: () => number, q: Question): unknown {
  const values = offered(q);
  switch (q.getType()) {
    case "rating":
    case "radiogroup":
    case "dropdown":
      return pick(random, values);
    case "checkbox":
      return values.filter(() => random() < 0.4);
    case "boolean":
      return random() < 0.5;
    case "text":
      if (q.inputType === "number") return Math.floor(random() * 30) - 3;
      return pick(random, ["王", "AB123", "ab12", "0912345678", "a@b.tw", "無", "  ", "abcdef", "x".repeat(45)]);
    case "comment":
      return pick(random, ["很好", "", "等很久".repeat(3), "x".repeat(40), " \n "]);
    case "matrix": {
      const rows = (q.visibleRows as Array<{ name: unknown }>).map((r) => String(r.name));
      const columns = (q.visibleColumns as Array<{ value: unknown }>).map((c) => c.value);
      const cells: Record<string, unknown> = {};
      for (const row of [...rows, "ghost"])
        if (random() < (row === "ghost" ? 0.05 : 0.7)) cells[row] = random() < 0.9 ? pick(random, columns) : pick(random, ODD_VALUES);
      return cells;
    }
    default:
      return pick(random, ODD_VALUES);
  }
}

/**
 * One answer set in one of three styles: complete (every visible question answered
 * plausibly, so some sets are accepted), partial (questions skipped, plausible values,
 * stray comments), or odd (values of other types, unknown keys), which the compiled
 * path hands to survey-core whole.
 */
function answerSet(random: () => number, questions: Question[], writtenHidden: Set<string>): Record<string, unknown> {
  const style = random();
  const answers: Record<string, unknown> = {};
  if (style < 0.4) {
    for (const q of questions) if (random() < 0.97) answers[q.name] = plausible(random, q);
    for (const q of questions) if (q.hasOther && answers[q.name] !== undefined && random() < 0.8) answers[`${q.name}-Comment`] = "其他說明";
    dropHidden(questions, writtenHidden, answers);
    return answers;
  }
  const odd = style >= 0.9;
  for (const q of questions) {
    const roll = random();
    if (roll < 0.25) continue;
    answers[q.name] = odd && roll > 0.8 ? pick(random, ODD_VALUES) : plausible(random, q);
    if (random() < 0.12) answers[`${q.name}-Comment`] = pick(random, ["其他說明", "", "  ", 5, "x".repeat(2100)]);
  }
  if (odd && random() < 0.3) answers[pick(random, ["ghost", "constructor", "toString"])] = 1;
  return answers;
}

/** Questions written `visible: false`: the model's own flag follows visibleIf too. */
function writtenHidden(json: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      const o = node as Record<string, unknown>;
      if (o.visible === false && typeof o.name === "string") names.add(o.name);
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return names;
}

/** Removes the answers of questions the other answers hide, until none is left. */
function dropHidden(questions: Question[], writtenHidden: Set<string>, answers: Record<string, unknown>): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const q of questions) {
      const hidden = writtenHidden.has(q.name) || (q.visibleIf && !new ConditionRunner(q.visibleIf).runValues(answers));
      if (hidden && q.name in answers) {
        delete answers[q.name];
        delete answers[`${q.name}-Comment`];
        changed = true;
      }
    }
  }
}

describe("the compiled validator gives survey-core's verdict and messages", () => {
  for (const definition of DEFINITIONS) {
    it(`${definition.name}: ${definition.sets.toLocaleString("en")} generated answer sets`, async () => {
      const compiled = compileValidator(definition.json);
      expect(compiled, `${definition.name} falls back because of ${compiled.ok ? "" : compiled.reason}`).toMatchObject({ ok: true });
      if (!compiled.ok) return;
      const questions = new Model(definition.json).getAllQuestions();
      const hidden = writtenHidden(definition.json);
      const random = seededRandom(definition.name.length * 7919);
      let accepted = 0;
      const seenErrors = new Set<string>();
      for (let i = 0; i < definition.sets; i++) {
        // survey-core's timers hold each disposed model until they run: let them.
        if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        const answers = answerSet(random, questions, hidden);
        const expected: ValidationResult = validateWithSurveyCore(definition.json, answers);
        const got = compiled.validate(answers);
        if (JSON.stringify(normalise(got)) !== JSON.stringify(normalise(expected))) {
          expect({ answers, got: normalise(got) }).toEqual({ answers, got: normalise(expected) });
        }
        if (expected.ok) accepted += 1;
        else for (const messages of Object.values(expected.errors)) for (const m of messages) seenErrors.add(m);
      }
      // Not a vacuous comparison: both verdicts occur, and many kinds of message.
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(definition.sets);
      expect(seenErrors.size).toBeGreaterThan(3);
      // survey-core, the reference, takes about 10 ms per set.
    }, 600_000);
  }
});

/** Errors compared by question, keys in order; accepted answers compared whole. */
function normalise(r: ValidationResult) {
  if (!r.ok) return { ok: false, errors: Object.fromEntries(Object.entries(r.errors).sort(([a], [b]) => a.localeCompare(b))) };
  return r;
}

describe("definitions the compiled path leaves to survey-core", () => {
  it.each([
    [{ pages: [{ elements: [{ type: "matrixdynamic", name: "m" }] }] }, "matrixdynamic"],
    [{ pages: [{ elements: [{ type: "text", name: "d", inputType: "date" }] }] }, "text.inputType"],
    [{ pages: [{ elements: [{ type: "radiogroup", name: "r", choices: [{ value: 1, visibleIf: "{x} = 1" }] }] }] }, "radiogroup.choices"],
    [{ pages: [{ visibleIf: "{a} = 1", elements: [] }] }, "page.visibleIf"],
    [
      { pages: [{ elements: [{ type: "text", name: "t", validators: [{ type: "expression", expression: "{t} > 1" }] }] }] },
      "text.validators",
    ],
    [{ calculatedValues: [], pages: [] }, "calculatedValues"],
    [{ pages: [{ elements: [{ type: "panel", name: "p", visibleIf: "{a} = 1", elements: [] }] }] }, "panel.visibleIf"],
  ])("%j goes to survey-core (%s)", (json, reason) => {
    expect(unsupportedFeature(json)).toBe(reason);
    expect(compileValidator(json)).toEqual({ ok: false, reason });
  });
});
