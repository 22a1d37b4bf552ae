// The native form's post (form-encoded, before or without JavaScript) through the page's
// own action: judged exactly as SurveyJS's JSON is, refused with its answers kept, and
// a revealed question asked for before anything is stored.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetRateLimits } from "~/utils/rate-limit.server";
import { issueFillToken } from "~/modules/surveys/fill-token.server";
import { nativeQuestions } from "~/modules/surveys/native-form";
import { nativeSurvey } from "~/modules/surveys/native-survey.server";
import { action as pageSubmit, loader as pageLoader } from "~/routes/s.$code";
import { RATED } from "../support/citizen";

type Fields = Array<[string, string]>;

let fieldOf: (name: string) => string;
let choiceOf: (name: string, value: unknown) => string;
let shownAtFirst: string[];

beforeEach(async () => {
  await resetRateLimits();
  const channel = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { version: { select: { json: true } } } });
  const questions = nativeQuestions(nativeSurvey(channel.version.json)!);
  const byName = (name: string) => questions.find((q) => q.name === name)!;
  fieldOf = (name) => `q${byName(name).index}`;
  choiceOf = (name, value) => String(byName(name).choices.findIndex((c) => c.value === value));
  const page = await pageLoader({ request: new Request("http://localhost/s/demo"), params: { code: "demo" }, context: {} });
  shownAtFirst = ((await page.json()) as { visible: string[] }).visible;
});

function post(fields: Fields, { shown = shownAtFirst, token = issueFillToken("demo", Date.now() - 10_000) } = {}) {
  const body = new URLSearchParams([...fields, ["fillToken", token], ["website", ""], ...shown.map((n): [string, string] => ["shown", n])]);
  const request = new Request("http://localhost/s/demo", {
    method: "POST",
    body: body.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: "sqp_bid=21111111-2222-3333-4444-555555555555" },
  });
  return pageSubmit({ request, params: { code: "demo" }, context: { clientIp: "10.0.0.9" } });
}

const ratings = (value: number, skip: string[] = []): Fields =>
  RATED.filter((n) => !skip.includes(n)).map((n) => [fieldOf(n), choiceOf(n, value)]);

describe("POST /s/:code as a native form", () => {
  it("stores the answers as SurveyJS would send them and redirects to the thank-you page", async () => {
    const comment = `原生表單 ${Date.now()}`;
    const res = await post([
      ...ratings(4),
      [fieldOf("purpose"), choiceOf("purpose", "other")],
      [`${fieldOf("purpose")}.other`, "補發證件"],
      [fieldOf("comment"), comment],
    ]);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/s/demo/thanks");
    const stored = await prisma.response.findFirstOrThrow({
      where: { answers: { contains: comment } },
      select: { answers: true, answerRows: { select: { questionName: true, value: true } } },
    });
    expect(JSON.parse(stored.answers)).toEqual({
      ...Object.fromEntries(RATED.map((n) => [n, 4])),
      purpose: "other",
      "purpose-Comment": "補發證件",
      comment,
    });
    expect(stored.answerRows).toHaveLength(RATED.length);
    expect(stored.answerRows.every((a) => a.value === 4)).toBe(true);
  });

  it("refuses a missing required rating with the question's own message, the answers kept and the same fill token, storing nothing", async () => {
    const before = await prisma.response.count();
    const token = issueFillToken("demo", Date.now() - 10_000);
    const res = await post(ratings(5, ["env_clean"]), { token });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: string;
      errors: Record<string, string[]>;
      answers: Record<string, unknown>;
      fillToken: string;
      visible: string[];
    };
    expect(body.errors).toEqual({ env_clean: ["請填寫此問題"] });
    expect(body.answers).toEqual(Object.fromEntries(RATED.filter((n) => n !== "env_clean").map((n) => [n, 5])));
    expect(body.fillToken).toBe(token);
    expect(body.visible).toEqual(shownAtFirst);
    expect(await prisma.response.count()).toBe(before);
  });

  it("asks for the questions an answer reveals before storing, then stores them with the contact on the follow-up case", async () => {
    const before = await prisma.response.count();
    const consent: Fields = [[fieldOf("contact_consent"), choiceOf("contact_consent", true)]];
    const first = await post([...ratings(1), ...consent]);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { error: string; visible: string[]; answers: Record<string, unknown> };
    expect(body.error).toBe("依您的回答，還有題目需要填寫，請完成後再送出。");
    expect(body.visible).toEqual(expect.arrayContaining(["contact_name", "contact_phone"]));
    expect(body.answers.contact_consent).toBe(true);
    expect(await prisma.response.count()).toBe(before);

    const second = await post([...ratings(1), ...consent, [fieldOf("contact_name"), "林小姐"], [fieldOf("contact_phone"), "0911222333"]], {
      shown: body.visible,
    });
    expect(second.status).toBe(302);
    const stored = await prisma.response.findFirstOrThrow({
      orderBy: { id: "desc" },
      select: { answers: true, followUp: { select: { contact: true } } },
    });
    expect(JSON.parse(stored.answers)).not.toHaveProperty("contact_name");
    expect(stored.followUp?.contact).toContain("林小姐");
  });

  it("drops an answer to a question hidden again by a changed answer instead of refusing it", async () => {
    const comment = `改變心意 ${Date.now()}`;
    const shown = [...shownAtFirst, "contact_name", "contact_phone"];
    const res = await post(
      [
        ...ratings(3),
        [fieldOf("contact_consent"), choiceOf("contact_consent", false)],
        [fieldOf("contact_name"), "王"],
        [fieldOf("comment"), comment],
      ],
      { shown },
    );
    expect(res.status).toBe(302);
    const stored = await prisma.response.findFirstOrThrow({ where: { answers: { contains: comment } }, select: { answers: true } });
    expect(JSON.parse(stored.answers)).toMatchObject({ contact_consent: false, comment });
  });

  it("refuses a bot's post (honeypot, no token, too fast) with 400 and the answers kept", async () => {
    const before = await prisma.response.count();
    const fast = await post(ratings(4), { token: issueFillToken("demo", Date.now()) });
    expect(fast.status).toBe(400);
    expect(await fast.json()).toMatchObject({ error: "填答時間過短，請確認每一題後再送出。", answers: { overall: 4 } });
    const forged = await post(ratings(4), { token: "demo.1.x..forged" });
    expect(forged.status).toBe(400);
    expect(await prisma.response.count()).toBe(before);
  });
});
