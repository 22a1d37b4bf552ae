import { describe, expect, it } from "vitest";
import { validateAnswers } from "~/modules/surveys/validate-answers";
import { validateWithSurveyCore } from "~/modules/surveys/validation";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";
import { RATED } from "../../support/citizen";

function complete(value = 4): Record<string, unknown> {
  return Object.fromEntries(RATED.map((n) => [n, value]));
}

describe("validateAnswers on the citizen template", () => {
  it("accepts a complete response and derives one rating row per rated question", () => {
    const r = validateAnswers(citizenSatisfaction, { ...complete(5), purpose: "social", comment: "很好" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ratings).toHaveLength(11);
    expect(r.ratings.find((x) => x.questionName === "env_clean")).toEqual({
      questionName: "env_clean",
      dimension: "environment",
      value: 5,
      scaleMin: 1,
      scaleMax: 5,
    });
    expect(r.hasComment).toBe(true);
    expect(r.personal).toEqual([]);
  });

  it("reports a missing required rating in Traditional Chinese", () => {
    const answers = complete();
    delete answers.overall;
    const r = validateAnswers(citizenSatisfaction, answers);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.overall).toEqual(["請填寫此問題"]);
  });

  it.each([
    ["a rating outside the scale", { env_clean: 7 }, "env_clean"],
    ["a rating given as text", { env_clean: "5" }, "env_clean"],
    ["a rating of 3.5", { env_clean: 3.5 }, "env_clean"],
    ["text in a boolean", { contact_consent: "yes" }, "contact_consent"],
    ["a choice not in the list", { purpose: "bribe" }, "purpose"],
    ["a number for a choice with other", { age: ["20-29"] }, "age"],
    ["an unknown question", { hacker: 1 }, "hacker"],
    ["a comment over 500 characters", { comment: "長".repeat(501) }, "comment"],
    ["a contact without consent (hidden question)", { contact_name: "王先生" }, "contact_name"],
  ])("rejects %s", (_label, extra, key) => {
    const r = validateAnswers(citizenSatisfaction, { ...complete(), ...extra });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors)).toContain(key);
    for (const messages of Object.values(r.errors)) for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fff]/);
  });

  it("rejects answers that are not an object", () => {
    for (const bad of [null, [], "x", 3]) expect(validateAnswers(citizenSatisfaction, bad).ok).toBe(false);
  });

  it("keeps contact details out of the stored answers but returns them for the follow-up", () => {
    const r = validateAnswers(citizenSatisfaction, {
      ...complete(),
      contact_consent: true,
      contact_name: "王先生",
      contact_phone: "0912345678",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).not.toHaveProperty("contact_name");
    expect(r.data).not.toHaveProperty("contact_phone");
    expect(r.personal).toEqual(["王先生", "0912345678"]);
  });

  it("requires contact details once consent is given", () => {
    const r = validateAnswers(citizenSatisfaction, { ...complete(), contact_consent: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["contact_name", "contact_phone"]);
  });

  it("accepts the other-text of a choice question that allows it", () => {
    const r = validateAnswers(citizenSatisfaction, { ...complete(), purpose: "other", "purpose-Comment": "申請路燈" });
    expect(r.ok).toBe(true);
  });
});

describe("validateAnswers on arbitrary definitions", () => {
  const custom = {
    pages: [
      {
        elements: [
          { type: "rating", name: "r10", rateMin: 0, rateMax: 10, isRequired: true, dimension: "wait" },
          { type: "text", name: "visits", inputType: "number", validators: [{ type: "numeric", minValue: 0, maxValue: 50 }] },
          { type: "checkbox", name: "channels", choices: ["web", "phone"] },
          { type: "matrix", name: "m", columns: [1, 2, 3], rows: ["a", "b"] },
          { type: "text", name: "short", maxLength: 5 },
        ],
      },
    ],
  };

  it("derives rating bounds from rateMin/rateMax and tags custom dimensions", () => {
    const r = validateAnswers(custom, { r10: 10, visits: 3, channels: ["web"], m: { a: 1, b: 3 }, short: "abc" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.ratings).toEqual([{ questionName: "r10", dimension: "wait", value: 10, scaleMin: 0, scaleMax: 10 }]);
  });

  it.each([
    [{ r10: 11 }, "r10"],
    [{ r10: 5, visits: "3" }, "visits"],
    [{ r10: 5, visits: 99 }, "visits"],
    [{ r10: 5, channels: "web" }, "channels"],
    [{ r10: 5, channels: ["fax"] }, "channels"],
    [{ r10: 5, m: { a: 9 } }, "m"],
    [{ r10: 5, m: "a" }, "m"],
    [{ r10: 5, short: "abcdef" }, "short"],
  ])("rejects %j", (answers, key) => {
    const r = validateAnswers(custom, answers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toContain(key);
  });
});

describe("survey-core validation never carries one submission into the next", () => {
  it("judges false for a required boolean as false even after [] was sent (survey-core deems them equal)", () => {
    const json = { pages: [{ name: "p", elements: [{ type: "boolean", name: "came", isRequired: true }] }] };
    expect(validateWithSurveyCore(json, { came: [] }).ok).toBe(false);
    expect(validateWithSurveyCore(json, { came: false })).toMatchObject({ ok: true });
  });
});

describe("validateAnswers reuses one model per definition", () => {
  it("does not carry errors or answers from one submission into the next", () => {
    const withConsent = validateAnswers(citizenSatisfaction, { ...complete(), contact_consent: true });
    expect(withConsent.ok).toBe(false);
    // The same definition again, now without consent: the contact questions are hidden
    // and their earlier "required" errors must not come back.
    const next = validateAnswers(citizenSatisfaction, complete());
    expect(next.ok).toBe(true);
    if (next.ok) expect(next.data).not.toHaveProperty("contact_consent");
    const missing = { ...complete() };
    delete missing.overall;
    const third = validateAnswers(citizenSatisfaction, missing);
    expect(third.ok).toBe(false);
    if (!third.ok) expect(Object.keys(third.errors)).toEqual(["overall"]);
  });
});
