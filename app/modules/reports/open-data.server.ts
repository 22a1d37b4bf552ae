import { Prisma } from "~/generated/prisma/client";
import { t, type MessageKey } from "~/locales";
import { withSurveyModel } from "~/modules/surveys/model";
import type { Db } from "~/utils/db.server";
import { lastMonths } from "~/utils/dates";
import { csvLine, UTF8_BOM } from "./csv";
import { MIN_PUBLISHED_CELL, publishedShare, suppressions } from "./open-data";
import type { SheetTable } from "./workbook.server";

/** Only what citizens answered is published; staff and custom questionnaires stay internal. */
const PUBLISHED_KIND = "citizen";

export const OPEN_DATA_MONTHLY_HEADER = [
  "office_id",
  "office_name",
  "office_kind",
  "questionnaire",
  "month",
  "dimension",
  "n",
  "top2_share",
] as const;

export const OPEN_DATA_BREAKDOWN_HEADER = [
  "office_id",
  "office_name",
  "office_kind",
  "questionnaire",
  "year",
  "question",
  "question_title",
  "answer",
  "answer_text",
  "dimension",
  "n",
  "top2_share",
  "suppressed",
] as const;

type Row = Array<string | number | null>;

type Office = { id: number; name: string; kind: string };

async function authorityOffices(db: Db, authorityId: number): Promise<Map<number, Office>> {
  const offices = await db.office.findMany({
    where: { authorityId },
    select: { id: true, name: true, kind: true },
    orderBy: { id: "asc" },
  });
  return new Map(offices.map((o) => [o.id, o]));
}

/** Monthly n and top-two-box share per office × questionnaire × dimension, from the kept statistics. */
async function monthlyRows(db: Db, offices: Map<number, Office>, months: string[]): Promise<Row[]> {
  if (offices.size === 0) return [];
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT s."officeId" AS "officeId", d."key" AS "questionnaire", s."month" AS "month", s."dimension" AS "dimension",
           SUM(s."n") AS "n", SUM(s."satisfied") AS "satisfied"
    FROM "MonthlyStat" s
    JOIN "SurveyVersion" v ON v."id" = s."versionId"
    JOIN "SurveyDefinition" d ON d."id" = v."definitionId"
    WHERE s."officeId" IN (${Prisma.join([...offices.keys()])}) AND s."month" IN (${Prisma.join(months)})
      AND d."kind" = ${PUBLISHED_KIND}
    GROUP BY s."officeId", d."key", s."month", s."dimension"
    HAVING SUM(s."n") > 0
    ORDER BY s."officeId", d."key", s."month", s."dimension"`;
  return rows.map((r) => {
    const office = offices.get(Number(r.officeId))!;
    const n = Number(r.n);
    return [
      office.id,
      office.name,
      office.kind,
      String(r.questionnaire),
      String(r.month),
      String(r.dimension),
      n,
      publishedShare(Number(r.satisfied), n),
    ];
  });
}

type Choice = { value: string; text: string };
type DemographicQuestion = { name: string; title: string; choices: Choice[] };

/** The questions a definition marks `isDemographic`, with the answers it offers. */
function demographicQuestions(json: unknown): DemographicQuestion[] {
  return withSurveyModel(json, (model) =>
    model
      .getAllQuestions()
      .filter((q) => q.getPropertyValue("isDemographic") === true)
      .map((q) => {
        const items = (q as unknown as { visibleChoices?: Array<{ value: unknown; text: string }> }).visibleChoices ?? [];
        return { name: q.getValueName(), title: q.title, choices: items.map((c) => ({ value: String(c.value), text: c.text })) };
      }),
  );
}

type Tally = Map<string, { n: number; satisfied: number }>;

/**
 * The year's top-two-box share per office × demographic answer × dimension, read from the
 * raw rows (demographic answers live only in the stored response), with small cells left
 * empty so that no respondent can be singled out.
 */
async function breakdownRows(db: Db, offices: Map<number, Office>, year: number, months: string[]): Promise<Row[]> {
  if (offices.size === 0) return [];
  const officeIds = [...offices.keys()];
  const versions = await db.surveyVersion.findMany({
    where: { definition: { kind: PUBLISHED_KIND }, responses: { some: { officeId: { in: officeIds }, month: { in: months } } } },
    select: { id: true, json: true, definition: { select: { key: true } } },
  });
  // questionnaire → question → its answers, the first version's wording winning.
  const questions = new Map<string, Map<string, DemographicQuestion>>();
  const byVersion = new Map<number, { key: string; names: string[] }>();
  for (const v of versions) {
    const found = demographicQuestions(JSON.parse(v.json));
    if (found.length === 0) continue;
    const known = questions.get(v.definition.key) ?? new Map<string, DemographicQuestion>();
    for (const q of found) {
      const entry = known.get(q.name) ?? { ...q, choices: [] };
      for (const c of q.choices) if (!entry.choices.some((e) => e.value === c.value)) entry.choices.push(c);
      known.set(q.name, entry);
    }
    questions.set(v.definition.key, known);
    byVersion.set(v.id, { key: v.definition.key, names: found.map((q) => q.name) });
  }
  if (byVersion.size === 0) return [];

  const versionIds = [...byVersion.keys()];
  const [responses, scores] = await Promise.all([
    db.response.findMany({
      where: { officeId: { in: officeIds }, month: { in: months }, versionId: { in: versionIds }, duplicate: false },
      select: { id: true, answers: true, versionId: true },
    }),
    // One row per respondent and dimension: the mean of their items, as the yearly figures count them.
    db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT r."id" AS "id", r."officeId" AS "officeId", a."dimension" AS "dimension",
             AVG(a."value" * 1.0) AS "score", MAX(a."scaleMax") AS "scaleMax"
      FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId"
      WHERE a."officeId" IN (${Prisma.join(officeIds)}) AND a."month" IN (${Prisma.join(months)})
        AND r."versionId" IN (${Prisma.join(versionIds)}) AND r."duplicate" = false
      GROUP BY r."id", r."officeId", a."dimension"`,
  ]);
  const answersOf = new Map<number, { key: string; values: Map<string, string> }>();
  for (const r of responses) {
    const version = byVersion.get(r.versionId)!;
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const values = new Map<string, string>();
    for (const name of version.names) if (answers[name] !== undefined && answers[name] !== null) values.set(name, String(answers[name]));
    answersOf.set(r.id, { key: version.key, values });
  }

  const tally: Tally = new Map();
  const dimensions = new Set<string>();
  for (const s of scores) {
    const respondent = answersOf.get(Number(s.id));
    if (!respondent) continue;
    const dimension = String(s.dimension);
    dimensions.add(dimension);
    const satisfied = Number(s.score) >= Number(s.scaleMax) - 1 ? 1 : 0;
    for (const [name, value] of respondent.values) {
      const cellKey = JSON.stringify([Number(s.officeId), respondent.key, name, dimension, value]);
      const cell = tally.get(cellKey) ?? { n: 0, satisfied: 0 };
      cell.n += 1;
      cell.satisfied += satisfied;
      tally.set(cellKey, cell);
    }
  }

  const rows: Row[] = [];
  for (const office of offices.values())
    for (const [key, known] of questions)
      for (const q of known.values())
        for (const dimension of [...dimensions].sort()) {
          const cells = q.choices.map(
            (c) => tally.get(JSON.stringify([office.id, key, q.name, dimension, c.value])) ?? { n: 0, satisfied: 0 },
          );
          if (cells.every((c) => c.n === 0)) continue;
          const marks = suppressions(cells);
          q.choices.forEach((c, i) => {
            const hidden = marks[i] !== null;
            rows.push([
              office.id,
              office.name,
              office.kind,
              key,
              year,
              q.name,
              q.title,
              c.value,
              c.text,
              dimension,
              hidden ? null : cells[i].n,
              hidden ? null : publishedShare(cells[i].satisfied, cells[i].n),
              marks[i],
            ]);
          });
        }
  return rows;
}

/** What every column means, for the dictionary sheet. */
function dictionary(year: number): SheetTable {
  const columns = [...new Set([...OPEN_DATA_MONTHLY_HEADER, ...OPEN_DATA_BREAKDOWN_HEADER])];
  return {
    name: t("openData.sheet.dictionary"),
    columns: [t("openData.dictionary.column"), t("openData.dictionary.meaning")],
    rows: [
      ...columns.map((c) => [c, t(`openData.column.${c}` as MessageKey, { min: MIN_PUBLISHED_CELL })]),
      [t("openData.dictionary.rules"), t("openData.dictionary.rulesText", { year, min: MIN_PUBLISHED_CELL })],
    ],
  };
}

export type OpenData = { monthly: SheetTable; breakdown: SheetTable; dictionary: SheetTable };

/** How long a built file is served again: the figures of a past month change only when a duplicate is reviewed. */
export const OPEN_DATA_TTL_MS = 60 * 60 * 1000;
const MAX_CACHED = 64;
const built = new Map<string, { at: number; data: Promise<OpenData> }>();

/**
 * The open data of an authority and year, built at most once an hour per process. The
 * breakdown reads the year's raw answers, which costs seconds at a million responses, and
 * anyone may ask: requests meanwhile share one build, so a crowd cannot multiply the work.
 */
export function cachedOpenData(db: Db, authorityId: number, year: number, now = Date.now()): Promise<OpenData> {
  const key = `${authorityId}:${year}`;
  const hit = built.get(key);
  if (hit && now - hit.at < OPEN_DATA_TTL_MS) return hit.data;
  if (built.size >= MAX_CACHED) built.delete(built.keys().next().value as string);
  const data = openData(db, authorityId, year);
  built.set(key, { at: now, data });
  // A failed build is not kept: the next request tries again.
  data.catch(() => built.delete(key));
  return data;
}

/** An authority's open data for a calendar year: no answer of any one citizen can be read from it. */
export async function openData(db: Db, authorityId: number, year: number): Promise<OpenData> {
  const offices = await authorityOffices(db, authorityId);
  const months = lastMonths(`${year}-12`, 12);
  const [monthly, breakdown] = await Promise.all([monthlyRows(db, offices, months), breakdownRows(db, offices, year, months)]);
  return {
    monthly: { name: t("openData.sheet.monthly"), columns: [...OPEN_DATA_MONTHLY_HEADER], rows: monthly },
    breakdown: { name: t("openData.sheet.breakdown"), columns: [...OPEN_DATA_BREAKDOWN_HEADER], rows: breakdown },
    dictionary: dictionary(year),
  };
}

/** The CSV holds the monthly table, UTF-8 with a byte-order mark for Excel. */
export function openDataCsv(data: OpenData): string {
  return UTF8_BOM + csvLine(data.monthly.columns) + data.monthly.rows.map((r) => csvLine(r)).join("");
}

export type OpenDataListing = Array<{ id: number; name: string; years: number[] }>;

/** Authorities with the calendar years for which they have published figures, newest year first. */
export async function openDataListing(db: Db): Promise<OpenDataListing> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT o."authorityId" AS "authorityId", SUBSTR(s."month", 1, 4) AS "year"
    FROM "MonthlyStat" s
    JOIN "Office" o ON o."id" = s."officeId"
    JOIN "SurveyVersion" v ON v."id" = s."versionId"
    JOIN "SurveyDefinition" d ON d."id" = v."definitionId"
    WHERE d."kind" = ${PUBLISHED_KIND} AND s."n" > 0
    GROUP BY o."authorityId", SUBSTR(s."month", 1, 4)`;
  const authorities = await db.authority.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return authorities
    .map((a) => ({
      ...a,
      years: rows
        .filter((r) => Number(r.authorityId) === a.id)
        .map((r) => Number(r.year))
        .sort((x, y) => y - x),
    }))
    .filter((a) => a.years.length > 0);
}
