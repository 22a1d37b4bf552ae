import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetRateLimits } from "~/utils/rate-limit.server";
import { action as createChannel } from "~/routes/_staff.admin.channels._index";
import { action as editSurvey } from "~/routes/_staff.admin.surveys.$id";
import { action as createSurvey } from "~/routes/_staff.admin.surveys._index";
import { action as apiSubmit } from "~/routes/api.v1.channels.$code.responses";
import { formRequest, sessionCookie } from "../support/session";

// A questionnaire written elsewhere (the SurveyJS docs' matrix examples), pasted in by an admin.
const definition = {
  title: "洽公環境問卷",
  pages: [
    {
      name: "page1",
      elements: [
        {
          type: "matrix",
          name: "agree",
          title: "請問您是否同意下列敘述",
          isAllRowRequired: true,
          columns: [1, 2, 3, 4, 5],
          rows: [
            { value: "signs", text: "指標清楚" },
            { value: "seats", text: "座位充足" },
          ],
        },
        {
          type: "matrixdropdown",
          name: "counters",
          title: "各櫃台服務評價",
          choices: [1, 2, 3, 4, 5],
          columns: [
            { name: "speed", title: "速度" },
            { name: "again", title: "會再來", cellType: "boolean" },
          ],
          rows: ["front", "social"],
        },
      ],
    },
  ],
};

const CODE = "matrix-counter";

function post(answers: unknown) {
  const request = new Request(`http://localhost/api/v1/channels/${CODE}/responses`, {
    method: "POST",
    body: JSON.stringify({ answers }),
    headers: { "Content-Type": "application/json" },
  });
  return apiSubmit({ request, params: { code: CODE }, context: { clientIp: "10.7.0.1" } });
}

async function counts() {
  const channel = { code: CODE };
  return {
    responses: await prisma.response.count({ where: { channel } }),
    answers: await prisma.answer.count({ where: { response: { channel } } }),
    all: await prisma.response.count(),
  };
}

beforeAll(async () => {
  await resetRateLimits();
  const cookie = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
  const created = await createSurvey({
    request: formRequest("/admin/surveys", cookie, { key: "matrix-env", kind: "custom", template: "" }),
    params: {},
    context: {},
  });
  const id = created.headers.get("Location")!.split("/").pop()!;
  const saved = await editSurvey({
    request: formRequest(`/admin/surveys/${id}`, cookie, { json: JSON.stringify(definition) }),
    params: { id },
    context: {},
  });
  expect(saved.status).toBe(200);
  const version = await prisma.surveyVersion.findFirstOrThrow({ where: { definitionId: Number(id) }, select: { id: true } });
  const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
  const channel = await createChannel({
    request: formRequest("/admin/channels", cookie, {
      label: "環境問卷",
      kind: "link",
      officeId: String(office.id),
      unitId: "",
      versionId: String(version.id),
      code: CODE,
      opensAt: "",
      closesAt: "",
    }),
    params: {},
    context: {},
  });
  expect(channel.status).toBe(302);
});

describe("POST /api/v1/channels/:code/responses with a matrix questionnaire", () => {
  it("refuses a matrix cell outside the 1–5 columns with 400 and a zh-TW message for that question, storing nothing", async () => {
    const before = await counts();
    const res = await post({ agree: { signs: 7, seats: 3 } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("有 1 題需要修正：");
    expect(body.errors).toEqual({ agree: ["「指標清楚」列：答案不在選項之中。"] });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an unknown row", { agree: { signs: 3, seats: 3, lobby: 2 } }, "agree", "本題沒有可填答的「lobby」列。"],
    [
      "an unknown column",
      { agree: { signs: 3, seats: 3 }, counters: { front: { price: 2 } } },
      "counters",
      "本題沒有可填答的「front」列「price」。",
    ],
    [
      "a dropdown cell outside the default choices",
      { agree: { signs: 3, seats: 3 }, counters: { front: { speed: 9 } } },
      "counters",
      "「front」列「速度」：答案不在選項之中。",
    ],
  ])("refuses %s with 400, storing nothing", async (_label, answers, key, message) => {
    const before = await counts();
    const res = await post(answers);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[key]).toEqual([message]);
    expect(await counts()).toEqual(before);
  });

  it("stores answers that fit the definition verbatim: 201", async () => {
    const before = await counts();
    const answers = { agree: { signs: 5, seats: 2 }, counters: { front: { speed: 4, again: true } } };
    const res = await post(answers);
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = await prisma.response.findUniqueOrThrow({ where: { id }, select: { answers: true } });
    expect(JSON.parse(stored.answers)).toEqual(answers);
    expect(await counts()).toEqual({ ...before, responses: before.responses + 1, all: before.all + 1 });
  });
});
