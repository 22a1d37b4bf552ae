import { describe, expect, it } from "vitest";
import { createTally, mergeQuestions, type CountedQuestion } from "~/modules/reports/question-distribution";

const radio: CountedQuestion = {
  key: "heard",
  title: "得知管道",
  type: "radiogroup",
  options: [
    { value: "web", label: "網站" },
    { value: "poster", label: "海報" },
  ],
};
const boxes: CountedQuestion = {
  key: "topics",
  title: "主題",
  type: "checkbox",
  options: [
    { value: "x", label: "甲" },
    { value: "y", label: "乙" },
  ],
};

describe("createTally", () => {
  it("counts respondents per option, checkbox answers once per option, unknown values kept", () => {
    const tally = createTally([radio, boxes]);
    for (const a of [{ heard: "web", topics: ["x", "y"] }, { heard: "web", topics: ["x", "x"] }, { heard: "gone", topics: [] }, {}])
      tally.add(a);
    const [h, t] = tally.result();
    expect(h.n).toBe(3);
    expect(h.options).toEqual([
      { value: "web", label: "網站", count: 2, share: 2 / 3 },
      { value: "poster", label: "海報", count: 0, share: 0 },
      { value: "gone", label: "gone", count: 1, share: 1 / 3 },
    ]);
    // An empty selection is no answer; shares of a multiple choice may sum past 1.
    expect(t.n).toBe(2);
    expect(t.options.map((o) => [o.value, o.count, o.share])).toEqual([
      ["x", 2, 1],
      ["y", 1, 0.5],
    ]);
  });

  it("gives zero shares to a question nobody answered", () => {
    expect(createTally([radio]).result()[0]).toMatchObject({
      n: 0,
      options: [
        { count: 0, share: 0 },
        { count: 0, share: 0 },
      ],
    });
  });
});

describe("mergeQuestions", () => {
  it("keeps the newest version's wording and appends options only older versions offered", () => {
    const older = [
      {
        ...radio,
        title: "舊題目",
        options: [
          { value: "web", label: "網路" },
          { value: "tv", label: "電視" },
        ],
      },
    ];
    expect(mergeQuestions([[radio], older])).toEqual([{ ...radio, options: [...radio.options, { value: "tv", label: "電視" }] }]);
  });
});
