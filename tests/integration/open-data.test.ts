import { read, utils } from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { taipeiMonth } from "~/utils/dates";
import { cachedOpenData, OPEN_DATA_TTL_MS } from "~/modules/reports/open-data.server";
import { loader } from "~/routes/open-data.$authorityId.$file";
import { insertResponses, parseCsv, ratedItems, respondents, yearMonths } from "../support/figures";

const HEADER = "office_id,office_name,office_kind,questionnaire,month,dimension,n,top2_share";

async function get(authorityId: number | string, file: string): Promise<Response> {
  const request = new Request(`http://localhost/open-data/${authorityId}/${file}`);
  try {
    return await loader({
      request,
      params: { authorityId: String(authorityId), file },
      context: { clientIp: `10.7.${Math.floor(Math.random() * 250)}.1` },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const year = Number(taipeiMonth(new Date()).slice(0, 4));
let demo: { authorityId: number; officeIds: number[]; key: string };
let other: { authorityId: number; officeId: number };

beforeAll(async () => {
  const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { authorityId: true } });
  const offices = await prisma.office.findMany({ where: { authorityId: office.authorityId }, select: { id: true } });
  const definition = await prisma.surveyDefinition.findFirstOrThrow({
    where: { kind: "citizen" },
    select: { key: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, json: true } } },
  });
  demo = { authorityId: office.authorityId, officeIds: offices.map((o) => o.id), key: definition.key };

  // A second authority with one office: 6 women, 7 men and 2 of 其他 answered in March, and
  // three duplicates that must not count. Its breakdown has one small cell (2), so the
  // smallest other cell (6) must be hidden too.
  const authority = await prisma.authority.create({ data: { name: "新北市政府民政局（開放資料測試）" } });
  const created = await prisma.office.create({
    data: { authorityId: authority.id, name: "新北市板橋區公所（開放資料測試）", kind: "district", city: "新北市", district: "板橋區" },
  });
  const version = definition.versions[0];
  const channel = await prisma.channel.create({
    data: { code: "open-data-test", officeId: created.id, versionId: version.id, kind: "qr", label: "測試" },
  });
  const items = ratedItems(JSON.parse(version.json));
  const genders = [...Array(6).fill("female"), ...Array(7).fill("male"), "other", "other"];
  const base = { channelId: channel.id, versionId: version.id, officeId: created.id, month: `${year}-03`, items };
  await insertResponses({ ...base, count: genders.length, value: (_, i) => (i % 3 === 0 ? 3 : 5), extra: (i) => ({ gender: genders[i] }) });
  await insertResponses({ ...base, count: 3, value: () => 1, extra: () => ({ gender: "male" }), duplicate: true });
  other = { authorityId: authority.id, officeId: created.id };
});

/** Per office × month × dimension: respondents and those satisfied (item mean in the top two boxes), from the raw rows. */
async function expectedMonthly(officeIds: number[]) {
  const tally = new Map<string, { n: number; satisfied: number }>();
  for (const r of await respondents(officeIds, yearMonths(year)))
    for (const [dimension, mean] of r.dims) {
      const key = `${r.officeId}|${r.month}|${dimension}`;
      const cell = tally.get(key) ?? { n: 0, satisfied: 0 };
      cell.n += 1;
      cell.satisfied += mean >= 4 ? 1 : 0;
      tally.set(key, cell);
    }
  return tally;
}

describe("GET /open-data/:authorityId/:year.csv", () => {
  it("publishes every office × month × dimension of the authority with n and share as the raw rows give them, and nothing of another authority", async () => {
    const res = await get(demo.authorityId, `${year}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain(`open-data-${year - 1911}-authority-${demo.authorityId}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(HEADER);
    const rows = parseCsv(text);
    const expected = await expectedMonthly(demo.officeIds);
    expect(rows.length).toBe(expected.size);
    expect(rows.length).toBeGreaterThan(demo.officeIds.length * 5 * 6);
    for (const row of rows) {
      expect(demo.officeIds).toContain(Number(row.office_id));
      expect(row.questionnaire).toBe(demo.key);
      const cell = expected.get(`${row.office_id}|${row.month}|${row.dimension}`);
      expect(cell, `${row.office_name} ${row.month} ${row.dimension}`).toBeDefined();
      expect(Number(row.n)).toBe(cell!.n);
      expect(Number(row.top2_share)).toBeCloseTo(cell!.satisfied / cell!.n, 6);
    }
    expect(text).not.toContain("開放資料測試");
  });

  it("leaves duplicates out: the second authority's office has 15 respondents in March", async () => {
    const rows = parseCsv(await (await get(other.authorityId, `${year}.csv`)).text());
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row).toMatchObject({ office_id: String(other.officeId), month: `${year}-03`, n: "15" });
      // Every third respondent answered 3 on every item: 10 of 15 satisfied.
      expect(Number(row.top2_share)).toBeCloseTo(10 / 15, 6);
    }
  });

  it("is public and refuses a bad file name, a year out of range and an unknown authority", async () => {
    for (const file of [`${year}.pdf`, "26.csv", `${year}.csv.exe`, `${year}`]) {
      const res = await get(demo.authorityId, file);
      expect(res.status, file).toBe(400);
      expect((await res.json()).error).toMatch(/檔名須為/);
    }
    const early = await get(demo.authorityId, "1999.csv");
    expect(early.status).toBe(400);
    expect((await early.json()).error).toMatch(/年度/);
    expect((await get(999_999, `${year}.csv`)).status).toBe(404);
    expect((await get("abc", `${year}.csv`)).status).toBe(404);
  });
});

describe("GET /open-data/:authorityId/:year.ods", () => {
  async function book(authorityId: number) {
    const res = await get(authorityId, `${year}.ods`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.oasis.opendocument.spreadsheet");
    const parsed = read(new Uint8Array(await res.arrayBuffer()), { type: "array" });
    expect(parsed.SheetNames).toEqual(["各機關每月滿意度", "基本資料分組", "資料說明"]);
    const sheet = (i: number) => utils.sheet_to_json<Record<string, unknown>>(parsed.Sheets[parsed.SheetNames[i]], { defval: null });
    return {
      monthly: sheet(0),
      breakdown: sheet(1),
      dictionary: utils.sheet_to_json<unknown[]>(parsed.Sheets[parsed.SheetNames[2]], { header: 1 }),
    };
  }

  it("holds the CSV's table with numbers as numbers, and a dictionary of every column", async () => {
    const { monthly, dictionary } = await book(demo.authorityId);
    const csv = parseCsv(await (await get(demo.authorityId, `${year}.csv`)).text());
    expect(monthly.length).toBe(csv.length);
    expect(typeof monthly[0].n).toBe("number");
    expect(typeof monthly[0].top2_share).toBe("number");
    expect(monthly[0].n).toBe(Number(csv[0].n));
    const described = dictionary.map((r) => r[0]);
    for (const column of [...HEADER.split(","), "question", "answer", "suppressed"]) expect(described).toContain(column);
  });

  it("breaks the year down by gender and age as the raw answers give it, publishing no cell under 5", async () => {
    const { breakdown } = await book(demo.authorityId);
    const raw = await prisma.response.findMany({
      where: { officeId: { in: demo.officeIds }, month: { in: yearMonths(year) }, duplicate: false },
      select: { officeId: true, answers: true, answerRows: { select: { dimension: true, value: true } } },
    });
    const expected = new Map<string, { n: number; satisfied: number }>();
    for (const r of raw) {
      const answers = JSON.parse(r.answers) as Record<string, string>;
      const values = new Map<string, number[]>();
      for (const a of r.answerRows) values.set(a.dimension, [...(values.get(a.dimension) ?? []), a.value]);
      for (const question of ["gender", "age"])
        for (const [dimension, v] of values) {
          if (answers[question] === undefined) continue;
          const key = `${r.officeId}|${question}|${answers[question]}|${dimension}`;
          const cell = expected.get(key) ?? { n: 0, satisfied: 0 };
          cell.n += 1;
          cell.satisfied += v.reduce((s, x) => s + x, 0) / v.length >= 4 ? 1 : 0;
          expected.set(key, cell);
        }
    }
    // Three genders and six age groups per office and dimension.
    expect(breakdown.length).toBe(demo.officeIds.length * 5 * 9);
    let published = 0;
    for (const row of breakdown) {
      const cell = expected.get(`${row.office_id}|${row.question}|${row.answer}|${row.dimension}`) ?? { n: 0, satisfied: 0 };
      if (row.suppressed === null) {
        published += 1;
        expect(row.n).toBe(cell.n);
        expect(cell.n).toBeGreaterThanOrEqual(5);
        expect(row.top2_share as number).toBeCloseTo(cell.satisfied / cell.n, 6);
      } else {
        expect(row.n).toBeNull();
        expect(row.top2_share).toBeNull();
      }
      if (cell.n < 5) expect(row.suppressed).toBe("n<5");
    }
    expect(published).toBeGreaterThan(breakdown.length / 2);
  });

  it("hides the smallest other cell when only one cell is under 5, so it cannot be recovered from the total", async () => {
    const { breakdown } = await book(other.authorityId);
    const gender = breakdown.filter((r) => r.question === "gender" && r.dimension === "overall");
    expect(gender.map((r) => [r.answer, r.n, r.suppressed])).toEqual([
      ["female", null, "secondary"],
      ["male", 7, null],
      ["other", null, "n<5"],
    ]);
    // No one answered the age question: no rows for it.
    expect(breakdown.some((r) => r.question === "age")).toBe(false);
  });
});

describe("building the open data", () => {
  it("happens once an hour per authority and year, however many ask at once", async () => {
    // A year no other test asks for, so the clock given here is the only one it has seen.
    const first = cachedOpenData(prisma, other.authorityId, year - 1, 1_000);
    expect(cachedOpenData(prisma, other.authorityId, year - 1, 2_000)).toBe(first);
    const later = cachedOpenData(prisma, other.authorityId, year - 1, 1_000 + OPEN_DATA_TTL_MS);
    expect(later).not.toBe(first);
    expect((await later).monthly.rows).toEqual((await first).monthly.rows);
  });
});
