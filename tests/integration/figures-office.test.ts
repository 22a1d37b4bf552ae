import { beforeAll, describe, expect, it } from "vitest";
import { citizenSatisfaction } from "~/modules/surveys/templates/citizen";
import { hashPassword } from "~/modules/org/passwords.server";
import { loader as officePage } from "~/routes/_staff.offices.$id";
import { loader as overviewPage } from "~/routes/_staff.offices._index";
import { loader as dashboardPage } from "~/routes/_staff.reports._index";
import { lastMonths, taipeiDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { expectedFigures, expectedRank, insertResponses, latestCompleteMonth, ratedItems, type ExpectedFigure } from "../support/figures";
import { sessionCookie } from "../support/session";

const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );

async function office(id: number, query: string, cookie: string) {
  const res = await caught(
    officePage({
      request: new Request(`http://localhost/offices/${id}?${query}`, { headers: { Cookie: cookie } }),
      params: { id: String(id) },
      context: {},
    }),
  );
  return { status: res.status, body: await res.json() };
}

async function overview(query: string, cookie: string) {
  const res = await caught(
    overviewPage({ request: new Request(`http://localhost/offices?${query}`, { headers: { Cookie: cookie } }), params: {}, context: {} }),
  );
  return { status: res.status, body: await res.json() };
}

type Figure = ExpectedFigure;
type PeerRow = { officeId: number; name: string; figure: Figure | null; rank: { rank: number; of: number } | null };

function expectFigure(shown: Figure | null, expected: Figure | undefined) {
  if (!expected) return expect(shown).toBeNull();
  expect(shown).not.toBeNull();
  expect(shown!.n).toBe(expected.n);
  expect(shown!.satisfied).toBeCloseTo(expected.satisfied, 12);
  expect(shown!.lower).toBeCloseTo(expected.lower, 9);
  expect(shown!.upper).toBeCloseTo(expected.upper, 9);
  expect(shown!.score).toBeCloseTo(expected.score, 9);
  expect(shown!.sufficient).toBe(expected.sufficient);
}

const CITIZEN_ITEMS = ratedItems(citizenSatisfaction);

let month: string;
let citizenId: number;
let wanhua: { id: number; peerGroupId: number };
let otherAuthorityOffice: number;
let fewOffice: number;
let emptyOffice: number;
let customId: number;
const analyst = () => sessionCookie("analyst@demo.gov.tw", "Analyst#2026");

/** An office with a channel to the citizen questionnaire; returns the office and channel ids. */
async function addOffice(name: string, authorityId: number, peerGroupId: number, versionId: number) {
  const created = await prisma.office.create({
    data: { name, kind: "district", city: "測試市", district: "測試區", authorityId, peerGroupId },
  });
  const channel = await prisma.channel.create({ data: { code: `fig-${created.id}`, label: "測試", officeId: created.id, versionId } });
  return { officeId: created.id, channelId: channel.id };
}

beforeAll(async () => {
  month = await latestCompleteMonth();
  const citizen = await prisma.surveyDefinition.findUniqueOrThrow({
    where: { key: "citizen-satisfaction" },
    select: { id: true, versions: { select: { id: true } } },
  });
  citizenId = citizen.id;
  const versionId = citizen.versions[0].id;
  wanhua = (await prisma.office.findUniqueOrThrow({
    where: { name: "臺北市萬華區公所" },
    select: { id: true, peerGroupId: true },
  })) as typeof wanhua;
  const demo = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { id: true } });

  // Suspected duplicates with the worst answers: counting them would pull every figure down.
  await insertResponses({
    channelId: demo.id,
    versionId,
    officeId: wanhua.id,
    month,
    count: 40,
    items: CITIZEN_ITEMS,
    value: () => 1,
    duplicate: true,
  });

  // A second authority with a peer that outscores everyone: ranked, but never shown to the first authority.
  const authority = await prisma.authority.create({ data: { name: "新北市政府民政局" } });
  const other = await addOffice("新北市測試區公所", authority.id, wanhua.peerGroupId, versionId);
  otherAuthorityOffice = other.officeId;
  await insertResponses({ ...other, versionId, month, count: 40, items: CITIZEN_ITEMS, value: () => 5 });
  await prisma.user.create({
    data: {
      email: "analyst.ntpc@demo.gov.tw",
      name: "新北研考",
      role: "analyst",
      authorityId: authority.id,
      passwordHash: await hashPassword("Analyst#2026"),
    },
  });

  // Peers of the first authority: one all satisfied but on five respondents, one without data.
  const mine = (await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { authorityId: true } }))
    .authorityId!;
  const few = await addOffice("臺北市測試甲區公所", mine, wanhua.peerGroupId, versionId);
  fewOffice = few.officeId;
  await insertResponses({ ...few, versionId, month, count: 5, items: CITIZEN_ITEMS, value: () => 5 });
  emptyOffice = (await addOffice("臺北市測試乙區公所", mine, wanhua.peerGroupId, versionId)).officeId;

  // A custom questionnaire answered at the same office, with answers that would sink 服務禮儀 if they leaked.
  const customJson = {
    title: "活動滿意度",
    pages: [
      {
        elements: [
          { type: "rating", name: "q_rating", title: "活動人員親切", dimension: "courtesy", rateValues: [1, 2, 3, 4, 5] },
          { type: "rating", name: "q_free", title: "未分類的評分", rateValues: [1, 2, 3, 4, 5] },
          {
            type: "radiogroup",
            name: "q_visit",
            title: "從哪裡得知活動",
            choices: [
              { value: "web", text: "網站" },
              { value: "poster", text: "海報" },
              { value: "friend", text: "親友" },
            ],
            showOtherItem: true,
          },
          {
            type: "checkbox",
            name: "q_topics",
            title: "感興趣的主題",
            choices: [
              { value: "x", text: "健康" },
              { value: "y", text: "福利" },
              { value: "z", text: "戶政" },
            ],
          },
          { type: "boolean", name: "q_again", title: "願意再參加", labelTrue: "願意", labelFalse: "不願意" },
          {
            type: "dropdown",
            name: "q_age",
            title: "年齡",
            choices: [
              { value: "young", text: "未滿 40 歲" },
              { value: "old", text: "40 歲以上" },
            ],
          },
          { type: "comment", name: "q_note", title: "建議" },
        ],
      },
    ],
  };
  const custom = await prisma.surveyDefinition.create({
    data: {
      key: "event-figures",
      title: "活動滿意度",
      kind: "custom",
      versions: { create: { version: 1, json: JSON.stringify(customJson) } },
    },
    select: { id: true, versions: { select: { id: true } } },
  });
  customId = custom.id;
  const customChannel = await prisma.channel.create({
    data: { code: "event-figures", label: "活動", officeId: wanhua.id, versionId: custom.versions[0].id },
  });
  const customItems = [
    { name: "q_rating", dimension: "courtesy" },
    { name: "q_free", dimension: "untagged" },
  ];
  const visits = ["web", "poster", "web", "friend", "other", "web", undefined];
  const topics = [["x"], ["x", "y"], [], ["z", "x"], ["y"], undefined, ["x", "y", "z"]];
  const extra = (i: number) => ({
    q_visit: visits[i % 7],
    q_topics: topics[i % 7],
    q_again: i % 3 !== 0,
    q_age: i % 4 === 0 ? "old" : "young",
    q_note: "很好",
  });
  const customFixture = {
    channelId: customChannel.id,
    versionId: custom.versions[0].id,
    officeId: wanhua.id,
    month,
    items: customItems,
    value: () => 1,
    extra,
  };
  await insertResponses({ ...customFixture, count: 14 });
  await insertResponses({
    ...customFixture,
    count: 3,
    duplicate: true,
    extra: () => ({ q_visit: "poster", q_topics: ["z"], q_again: false, q_age: "old" }),
  });
});

describe("office page figures, recomputed from the raw rows", () => {
  it("gives each dimension's respondents, top-two-box share, Wilson interval and 0-100 score, duplicates left out", async () => {
    const { status, body } = await office(wanhua.id, `month=${month}`, await analyst());
    expect(status).toBe(200);
    const expected = await expectedFigures(wanhua.id, [month], citizenId);
    expect(body.figures.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual([
      "environment",
      "courtesy",
      "professionalism",
      "measures",
      "overall",
    ]);
    for (const row of body.figures.dimensions as Array<{ dimension: string; figure: Figure }>)
      expectFigure(row.figure, expected.get(row.dimension));

    // 服務禮儀 has several items: the unit is the respondent, not the answer.
    const courtesyItems = CITIZEN_ITEMS.filter((i) => i.dimension === "courtesy").length;
    expect(courtesyItems).toBeGreaterThan(1);
    const courtesy = body.figures.dimensions.find((d: { dimension: string }) => d.dimension === "courtesy").figure;
    const answers = await prisma.answer.count({
      where: { officeId: wanhua.id, month, dimension: "courtesy", response: { duplicate: false, version: { definitionId: citizenId } } },
    });
    expect(answers).toBe(courtesy.n * courtesyItems);

    const all = await prisma.response.findMany({
      where: { officeId: wanhua.id, month, version: { definitionId: citizenId } },
      select: { duplicate: true },
    });
    expect(body.responses).toEqual({ total: all.length, duplicates: all.filter((r) => r.duplicate).length });
    expect(body.responses.duplicates).toBeGreaterThanOrEqual(40);
  });

  it("pools a rolling three months respondent by respondent", async () => {
    const { body } = await office(wanhua.id, `month=${month}&span=3`, await analyst());
    expect(body.period).toEqual({ month, span: 3 });
    const months = lastMonths(month, 3);
    expect(body.periodLabel).toContain("近 3 個月");
    const expected = await expectedFigures(wanhua.id, months, citizenId);
    for (const row of body.figures.dimensions as Array<{ dimension: string; figure: Figure }>)
      expectFigure(row.figure, expected.get(row.dimension));
    expect(body.figures.dimensions.find((d: { dimension: string }) => d.dimension === "overall").figure.n).toBe(expected.get("overall")!.n);
    // The trend stays monthly: twelve months ending with the period's last month, each on its own respondents.
    expect(body.figures.trend.map((p: { month: string }) => p.month)).toEqual(lastMonths(month, 12));
    const previous = await expectedFigures(wanhua.id, [months[1]], citizenId);
    expectFigure(body.figures.trend[10].figure, previous.get("overall"));
  });

  it("ranks peers on overall satisfaction, highest first, leaving out offices under 30 respondents or without data", async () => {
    const { body } = await office(wanhua.id, `month=${month}`, await analyst());
    const peers = await prisma.office.findMany({
      where: { peerGroupId: wanhua.peerGroupId },
      select: { id: true, authorityId: true, active: true },
    });
    const overall = new Map<number, Figure | undefined>();
    for (const p of peers) overall.set(p.id, (await expectedFigures(p.id, [month], citizenId)).get("overall"));
    const eligible = [...overall.values()].filter((f): f is Figure => f !== undefined && f.n >= 30).map((f) => f.satisfied);

    const rows = body.figures.peerRanking as PeerRow[];
    const mine = (await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { authorityId: true } }))
      .authorityId;
    // Listed: the peers this analyst may see; the other authority's office is not among them.
    expect(rows.map((r) => r.officeId).sort((a, b) => a - b)).toEqual(
      peers
        .filter((p) => p.authorityId === mine && p.active)
        .map((p) => p.id)
        .sort((a, b) => a - b),
    );
    expect(rows.some((r) => r.officeId === otherAuthorityOffice)).toBe(false);
    for (const row of rows) {
      const expected = overall.get(row.officeId);
      expectFigure(row.figure, expected);
      expect(row.rank).toEqual(expected && expected.n >= 30 ? expectedRank(expected.satisfied, eligible) : null);
    }
    // ...but it is counted: it holds first place, so nobody listed here is first.
    expect(rows.every((r) => r.rank === null || r.rank.rank > 1)).toBe(true);
    expect(rows.find((r) => r.officeId === fewOffice)!.rank).toBeNull();
    expect(rows.find((r) => r.officeId === fewOffice)!.figure!.satisfied).toBe(1);
    expect(rows.find((r) => r.officeId === emptyOffice)).toMatchObject({ rank: null, figure: null });

    // Shown in order: ranked places ascending (best share first), the unranked after them.
    const ranked = rows.filter((r) => r.rank !== null);
    expect(ranked.length).toBeGreaterThan(5);
    const byShare = [...ranked].sort((a, b) => b.figure!.satisfied - a.figure!.satisfied);
    expect(ranked.map((r) => r.figure!.satisfied)).toEqual(byShare.map((r) => r.figure!.satisfied));
    expect(rows.slice(0, ranked.length)).toEqual(ranked);
  });

  it("shows a manager only their own office's row, with its place among all peers", async () => {
    const { body } = await office(wanhua.id, `month=${month}`, await sessionCookie("manager@demo.gov.tw", "Manager#2026"));
    expect(body.figures.peerRanking.map((r: PeerRow) => r.officeId)).toEqual([wanhua.id]);
    const analystView = await office(wanhua.id, `month=${month}`, await analyst());
    expect(body.figures.peerRanking[0]).toEqual(analystView.body.figures.peerRanking.find((r: PeerRow) => r.officeId === wanhua.id));
  });

  it("defaults to the last complete month, not the month now running", async () => {
    const { body } = await office(wanhua.id, "", await analyst());
    expect(body.period).toEqual({ month, span: 1 });
    expect(body.partial).toBe(false);
    const current = await office(wanhua.id, `month=${taipeiDate(new Date()).slice(0, 7)}`, await analyst());
    expect(current.body.partial).toBe(true);
  });

  it.each([
    ["a malformed month", "month=2026-13", 400],
    ["an unknown span", `month=MONTH&span=2`, 400],
    ["a malformed questionnaire id", "survey=abc", 404],
    ["a questionnaire never answered at the office", "survey=STAFF", 404],
  ])("answers %s (%s) with %i and a zh-TW message", async (_label, query, status) => {
    const staff = await prisma.surveyDefinition.findUniqueOrThrow({ where: { key: "staff-satisfaction" }, select: { id: true } });
    const res = await office(wanhua.id, query.replace("MONTH", month).replace("STAFF", String(staff.id)), await analyst());
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("a custom questionnaire at the office", () => {
  it("stays out of the office's dimension figures and response count", async () => {
    const { body } = await office(wanhua.id, `month=${month}`, await analyst());
    expect(body.questionnaire.id).toBe(citizenId);
    expect(body.questionnaires.map((q: { id: number }) => q.id)).toEqual([citizenId, customId]);
    expect(body.figures.dimensions.some((d: { dimension: string }) => d.dimension === "untagged")).toBe(false);
    const expected = await expectedFigures(wanhua.id, [month], citizenId);
    expectFigure(body.figures.dimensions.find((d: { dimension: string }) => d.dimension === "courtesy").figure, expected.get("courtesy"));
    const citizenResponses = await prisma.response.count({ where: { officeId: wanhua.id, month, version: { definitionId: citizenId } } });
    expect(body.responses.total).toBe(citizenResponses);
    expect(body.distributions).toBeNull();
  });

  it("is offered only where it was answered: not at a peer office, nor to another authority", async () => {
    const peer = await office(fewOffice, `month=${month}`, await analyst());
    expect(peer.body.questionnaires.map((q: { id: number }) => q.id)).toEqual([citizenId]);
    expect((await office(fewOffice, `month=${month}&survey=${customId}`, await analyst())).status).toBe(404);
    const offered = async (cookie: string) => {
      const res = (await dashboardPage({
        request: new Request("http://localhost/reports", { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })) as Response;
      return ((await res.json()) as { choices: { questionnaires: Array<{ id: number }> } }).choices.questionnaires.map((q) => q.id);
    };
    expect(await offered(await analyst())).toEqual([citizenId, customId]);
    expect(await offered(await sessionCookie("analyst.ntpc@demo.gov.tw", "Analyst#2026"))).toEqual([citizenId]);
  });

  it("has its own view: each question's answer distribution with n, from the stored answers", async () => {
    const { status, body } = await office(wanhua.id, `month=${month}&survey=${customId}`, await analyst());
    expect(status).toBe(200);
    expect(body.figures).toBeNull();
    expect(body.responses).toEqual({ total: 17, duplicates: 3 });

    const stored = await prisma.response.findMany({
      where: { officeId: wanhua.id, month, version: { definitionId: customId }, duplicate: false },
      select: { answers: true },
    });
    const answers = stored.map((r) => JSON.parse(r.answers) as Record<string, unknown>);
    const count = (key: string, value: string) =>
      answers.filter((a) =>
        Array.isArray(a[key]) ? (a[key] as unknown[]).map(String).includes(value) : a[key] !== undefined && String(a[key]) === value,
      ).length;
    const answered = (key: string) =>
      answers.filter((a) => a[key] !== undefined && !(Array.isArray(a[key]) && (a[key] as unknown[]).length === 0)).length;

    type Shown = { key: string; title: string; n: number; options: Array<{ value: string; label: string; count: number; share: number }> };
    const shown = body.distributions as Shown[];
    expect(shown.map((q) => q.key)).toEqual(["q_rating", "q_free", "q_visit", "q_topics", "q_again", "q_age"]);
    for (const q of shown) {
      expect(q.n).toBe(answered(q.key));
      for (const o of q.options) {
        expect(o.count).toBe(count(q.key, o.value));
        expect(o.share).toBeCloseTo(o.count / q.n, 12);
      }
    }
    const visit = shown.find((q) => q.key === "q_visit")!;
    expect(visit.options.map((o) => o.value)).toEqual(["web", "poster", "friend", "other"]);
    expect(visit.options[0]).toMatchObject({ label: "網站", count: count("q_visit", "web") });
    const again = shown.find((q) => q.key === "q_again")!;
    expect(again.options.map((o) => o.label)).toEqual(["願意", "不願意"]);
    const rating = shown.find((q) => q.key === "q_rating")!;
    expect(rating.options.map((o) => o.value)).toEqual(["1", "2", "3", "4", "5"]);
    expect(rating.options[0].count).toBe(14);
    // A respondent may tick several topics: shares add up past one.
    const topics = shown.find((q) => q.key === "q_topics")!;
    expect(topics.options.reduce((s, o) => s + o.share, 0)).toBeGreaterThan(1);
  });
});

describe("overview of offices", () => {
  it("shows the same figure and rank as the office page, for the period asked", async () => {
    const cookie = await analyst();
    for (const query of [`month=${month}`, `month=${month}&span=3`]) {
      const { status, body } = await overview(query, cookie);
      expect(status).toBe(200);
      const page = await office(wanhua.id, query, cookie);
      const rows = body.offices as Array<{ id: number; figure: Figure | null; rank: PeerRow["rank"] }>;
      for (const peer of page.body.figures.peerRanking as PeerRow[]) {
        const row = rows.find((r) => r.id === peer.officeId)!;
        expect({ figure: row.figure, rank: row.rank }).toEqual({ figure: peer.figure, rank: peer.rank });
      }
    }
    const { body } = await overview(`month=${month}`, cookie);
    const expected = (await expectedFigures(wanhua.id, [month], citizenId)).get("overall");
    expectFigure(body.offices.find((o: { id: number }) => o.id === wanhua.id).figure, expected);
    expect(body.offices.find((o: { id: number }) => o.id === fewOffice)).toMatchObject({ rank: null, figure: { n: 5, sufficient: false } });
    expect(body.offices.find((o: { id: number }) => o.id === emptyOffice)).toMatchObject({ rank: null, figure: null });
    expect(body.offices.some((o: { id: number }) => o.id === otherAuthorityOffice)).toBe(false);
  });

  it("defaults to the last complete month and keeps each authority to its offices", async () => {
    const { body } = await overview("", await analyst());
    expect(body.period).toEqual({ month, span: 1 });
    const other = await overview(`month=${month}`, await sessionCookie("analyst.ntpc@demo.gov.tw", "Analyst#2026"));
    expect(other.body.offices.map((o: { id: number }) => o.id)).toEqual([otherAuthorityOffice]);
    expect(other.body.offices[0].rank.rank).toBe(1);
    expect(other.body.offices[0].rank.of).toBeGreaterThan(1);
    const manager = await overview(`month=${month}`, await sessionCookie("manager@demo.gov.tw", "Manager#2026"));
    expect(manager.body.offices.map((o: { id: number }) => o.id)).toEqual([wanhua.id]);
    expect((await overview("month=2026-00", await analyst())).status).toBe(400);
  });
});

describe("overdue follow-up cases", () => {
  it("counts every open case past its due date, not only the first fifty listed", async () => {
    const demo = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { id: true, versionId: true } });
    const before = await prisma.response.aggregate({ _max: { id: true } });
    // In an older month, so the figures of the month the other tests read stay as they were.
    const older = lastMonths(month, 6)[0];
    await insertResponses({
      channelId: demo.id,
      versionId: demo.versionId,
      officeId: wanhua.id,
      month: older,
      count: 60,
      items: CITIZEN_ITEMS,
      value: () => 2,
    });
    const created = await prisma.response.findMany({ where: { id: { gt: before._max.id! } }, select: { id: true } });
    await prisma.followUpCase.createMany({
      data: created.map((r) => ({
        responseId: r.id,
        officeId: wanhua.id,
        reason: "followUp.reason.lowRating",
        dueDate: `${older}-20`,
        status: "open",
      })),
    });

    const { body } = await office(wanhua.id, `month=${month}`, await analyst());
    const today = taipeiDate(new Date());
    const open = await prisma.followUpCase.findMany({ where: { officeId: wanhua.id }, select: { status: true, dueDate: true } });
    const overdue = open.filter((c) => c.status !== "resolved" && c.dueDate !== null && c.dueDate < today).length;
    expect(overdue).toBeGreaterThan(50);
    expect(body.overdueFollowUps).toBe(overdue);
    expect(body.openFollowUps).toBe(open.filter((c) => c.status !== "resolved").length);
  });
});
