import { Prisma } from "~/generated/prisma/client";
import type { DbOrTx } from "~/utils/db.server";
import { respondentContribution } from "./monthly-stats";

type CountedResponse = { officeId: number; month: string; versionId: number };

type Item = { dimension: string; value: number; scaleMin: number; scaleMax: number };

/**
 * Adds one respondent's answers to the monthly statistics (sign 1), or takes them out
 * again (sign -1) when the response is flagged as a duplicate. Runs inside the caller's
 * transaction; the upserts add to the stored values in the database itself, so two
 * submissions at once cannot lose each other's counts (also on PostgreSQL).
 */
export async function countResponse(tx: DbOrTx, response: CountedResponse, items: Item[], sign: 1 | -1): Promise<void> {
  for (const statement of countStatements(response, items, sign)) await tx.$executeRaw(statement);
}

/**
 * The statements countResponse runs: two per response, however many dimensions and
 * options, since each statement costs a round through the query engine. The citizen
 * write path runs the same ones as prepared statements. A dimension (and a dimension's
 * option) occurs once per respondent, as both engines require of one multi-row upsert.
 */
export function countStatements(response: CountedResponse, items: Item[], sign: 1 | -1): Prisma.Sql[] {
  const { officeId, month, versionId } = response;
  const contributions = respondentContribution(items);
  if (contributions.length === 0) return [];
  const stats = contributions.map(
    (c) =>
      Prisma.sql`(${officeId}, ${month}, ${versionId}, ${c.dimension}, ${sign * c.n}, ${sign * c.satisfied}, ${sign * c.sum}, ${sign * c.sumSq}, ${c.scaleMin}, ${c.scaleMax})`,
  );
  const options = contributions.flatMap((c) =>
    [...c.options].map(([value, count]) => Prisma.sql`(${officeId}, ${month}, ${versionId}, ${c.dimension}, ${value}, ${sign * count})`),
  );
  return [
    Prisma.sql`
    INSERT INTO "MonthlyStat" ("officeId", "month", "versionId", "dimension", "n", "satisfied", "sum", "sumSq", "scaleMin", "scaleMax")
    VALUES ${Prisma.join(stats)}
    ON CONFLICT ("officeId", "month", "versionId", "dimension") DO UPDATE SET
      "n" = "MonthlyStat"."n" + excluded."n",
      "satisfied" = "MonthlyStat"."satisfied" + excluded."satisfied",
      "sum" = "MonthlyStat"."sum" + excluded."sum",
      "sumSq" = "MonthlyStat"."sumSq" + excluded."sumSq"`,
    Prisma.sql`
    INSERT INTO "MonthlyOptionCount" ("officeId", "month", "versionId", "dimension", "value", "count")
    VALUES ${Prisma.join(options)}
    ON CONFLICT ("officeId", "month", "versionId", "dimension", "value") DO UPDATE SET
      "count" = "MonthlyOptionCount"."count" + excluded."count"`,
  ];
}

/** Takes a stored response's answers out of the statistics (sign -1) or puts them back (1). */
export async function recountStoredResponse(tx: DbOrTx, responseId: number, sign: 1 | -1): Promise<void> {
  const response = await tx.response.findUniqueOrThrow({
    where: { id: responseId },
    select: {
      officeId: true,
      month: true,
      versionId: true,
      answerRows: { select: { dimension: true, value: true, scaleMin: true, scaleMax: true } },
    },
  });
  await countResponse(tx, response, response.answerRows, sign);
}

/**
 * Recomputes both tables from the raw answer rows, the same rules in SQL: what
 * `npm run stats:rebuild` runs after a bulk import or to prove the kept figures right.
 */
export async function rebuildMonthlyStats(db: DbOrTx): Promise<{ stats: number; options: number }> {
  await db.$executeRaw`DELETE FROM "MonthlyStat"`;
  await db.$executeRaw`DELETE FROM "MonthlyOptionCount"`;
  const stats = await db.$executeRaw`
    INSERT INTO "MonthlyStat" ("officeId", "month", "versionId", "dimension", "n", "satisfied", "sum", "sumSq", "scaleMin", "scaleMax")
    SELECT p."officeId", p."month", p."versionId", p."dimension", COUNT(*),
           SUM(CASE WHEN p."score" >= p."scaleMax" - 1 THEN 1 ELSE 0 END),
           SUM(p."score"), SUM(p."score" * p."score"), MIN(p."scaleMin"), MAX(p."scaleMax")
    FROM (
      SELECT r."officeId" AS "officeId", r."month" AS "month", r."versionId" AS "versionId", a."dimension" AS "dimension",
             AVG(a."value" * 1.0) AS "score", MIN(a."scaleMin") AS "scaleMin", MAX(a."scaleMax") AS "scaleMax"
      FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId"
      WHERE r."duplicate" = false
      GROUP BY a."responseId", r."officeId", r."month", r."versionId", a."dimension"
    ) p
    GROUP BY p."officeId", p."month", p."versionId", p."dimension"`;
  const options = await db.$executeRaw`
    INSERT INTO "MonthlyOptionCount" ("officeId", "month", "versionId", "dimension", "value", "count")
    SELECT r."officeId", r."month", r."versionId", a."dimension", a."value", COUNT(*)
    FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId"
    WHERE r."duplicate" = false
    GROUP BY r."officeId", r."month", r."versionId", a."dimension", a."value"`;
  return { stats, options };
}

export type StatRow = {
  officeId: number;
  month: string;
  dimension: string;
  n: number;
  satisfied: number;
  sum: number;
  sumSq: number;
  scaleMin: number;
  scaleMax: number;
};

/** The kept statistics of one questionnaire (all its versions) per office × month × dimension. */
export async function monthlyStats(db: DbOrTx, definitionId: number, officeIds: number[], months: string[]): Promise<StatRow[]> {
  if (officeIds.length === 0 || months.length === 0) return [];
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT s."officeId" AS "officeId", s."month" AS "month", s."dimension" AS "dimension",
           SUM(s."n") AS "n", SUM(s."satisfied") AS "satisfied", SUM(s."sum") AS "sum", SUM(s."sumSq") AS "sumSq",
           MIN(s."scaleMin") AS "scaleMin", MAX(s."scaleMax") AS "scaleMax"
    FROM "MonthlyStat" s JOIN "SurveyVersion" v ON v."id" = s."versionId"
    WHERE s."officeId" IN (${Prisma.join(officeIds)}) AND s."month" IN (${Prisma.join(months)})
      AND v."definitionId" = ${definitionId} AND s."n" > 0
    GROUP BY s."officeId", s."month", s."dimension"`;
  return rows.map((r) => ({
    officeId: Number(r.officeId),
    month: String(r.month),
    dimension: String(r.dimension),
    n: Number(r.n),
    satisfied: Number(r.satisfied),
    sum: Number(r.sum),
    sumSq: Number(r.sumSq),
    scaleMin: Number(r.scaleMin),
    scaleMax: Number(r.scaleMax),
  }));
}

export type OptionRow = { officeId: number; month: string; dimension: string; value: number; count: number };

/** Item answers per option value of one questionnaire per office × month × dimension. */
export async function optionCounts(db: DbOrTx, definitionId: number, officeIds: number[], months: string[]): Promise<OptionRow[]> {
  if (officeIds.length === 0 || months.length === 0) return [];
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT c."officeId" AS "officeId", c."month" AS "month", c."dimension" AS "dimension", c."value" AS "value", SUM(c."count") AS "count"
    FROM "MonthlyOptionCount" c JOIN "SurveyVersion" v ON v."id" = c."versionId"
    WHERE c."officeId" IN (${Prisma.join(officeIds)}) AND c."month" IN (${Prisma.join(months)})
      AND v."definitionId" = ${definitionId} AND c."count" > 0
    GROUP BY c."officeId", c."month", c."dimension", c."value"`;
  return rows.map((r) => ({
    officeId: Number(r.officeId),
    month: String(r.month),
    dimension: String(r.dimension),
    value: Number(r.value),
    count: Number(r.count),
  }));
}
