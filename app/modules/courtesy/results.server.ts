import { Prisma } from "~/generated/prisma/client";
import { t } from "~/locales";
import { forbidden, requireOfficeAccess, type SessionUser } from "~/modules/org/auth.server";
import { officeScope } from "~/modules/org/roles";
import { csvLine, UTF8_BOM } from "~/modules/reports/csv";
import { peerRanks } from "~/modules/reports/ranking";
import { peerUniverse } from "~/modules/reports/ranking.server";
import { taipeiMonth } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { errorResponse, idParam } from "~/utils/http.server";
import {
  addSums,
  bandLabels,
  itemLosses,
  NO_SUMS,
  parsePeriod,
  periodRange,
  rankableMean,
  scoreFigure,
  trendMonths,
  type Period,
  type ScoreSums,
} from "./results";
import type { Scale } from "./scale";
import type { Mark } from "./score";
import { currentScale } from "./scales.server";

/** First and last month (YYYY-MM, inclusive). */
export type MonthRange = { from: string; to: string };

/**
 * Only submitted calls count: calibration calls rehearse the scale on a shared scenario
 * and never count for an office, drafts and planned calls have no score.
 */
function countedWhere(officeIds: number[], range: MonthRange) {
  return {
    officeId: { in: officeIds },
    month: { gte: range.from, lte: range.to },
    status: "submitted",
    calibrationId: null,
    total: { not: null },
  } satisfies Prisma.TestCallWhereInput;
}

const COUNTED_SQL = Prisma.sql`t."status" = 'submitted' AND t."calibrationId" IS NULL AND t."total" IS NOT NULL`;

type GroupColumn = "officeId" | "unitId" | "month";
type BandSums = ScoreSums & { key: string; band: string };

/**
 * n, Σx and Σx² of call totals per group × band, in one SQL pass: summing the band rows
 * gives the group's statistics, counting them its band distribution. The cost grows with
 * groups × bands, not with calls.
 */
async function bandSums(db: Db, column: GroupColumn, officeIds: number[], range: MonthRange): Promise<BandSums[]> {
  if (officeIds.length === 0) return [];
  const key = Prisma.raw(`t."${column}"`);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${key} AS "key", t."band" AS "band", COUNT(*) AS "n", SUM(t."total") AS "sum", SUM(t."total" * t."total") AS "sumSq"
    FROM "TestCall" t
    WHERE t."officeId" IN (${Prisma.join(officeIds)})
      AND t."month" >= ${range.from} AND t."month" <= ${range.to}
      AND ${COUNTED_SQL}
    GROUP BY ${key}, t."band"`;
  return rows.map((r) => ({ key: String(r.key), band: String(r.band ?? ""), n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sumSq) }));
}

type GroupSummary = { sums: ScoreSums; bands: Record<string, number> };

function summarize(rows: BandSums[]): Map<string, GroupSummary> {
  const out = new Map<string, GroupSummary>();
  for (const r of rows) {
    const g = out.get(r.key) ?? { sums: NO_SUMS, bands: {} };
    g.sums = addSums(g.sums, r);
    g.bands[r.band] = (g.bands[r.band] ?? 0) + r.n;
    out.set(r.key, g);
  }
  return out;
}

function figureOf(summary: GroupSummary | undefined) {
  return { figure: summary ? scoreFigure(summary.sums) : null, bands: summary?.bands ?? {} };
}

/**
 * What a results request asks for, checked: the period (400 when malformed), the offices
 * the user may see, and the office picked for details (404 unknown, 403 out of scope).
 * A manager sees one office, so it is picked for them.
 */
export async function resultsRequest(db: Db, user: SessionUser, url: URL, now = new Date()) {
  const scope = officeScope(user) ?? forbidden();
  const period = parsePeriod(url.searchParams, taipeiMonth(now));
  if (!period) throw errorResponse(400, t("results.error.period"));
  const officeParam = url.searchParams.get("office") || (user.role === "manager" ? String(user.officeId) : null);
  const office = officeParam === null ? null : await requireOfficeAccess(user, idParam(officeParam));
  const offices = await db.office.findMany({
    where: scope,
    orderBy: [{ peerGroupId: "asc" }, { id: "asc" }],
    select: { id: true, name: true, active: true, peerGroupId: true, peerGroup: { select: { name: true } } },
  });
  return { period, office, offices };
}

type ScopedOffice = Awaited<ReturnType<typeof resultsRequest>>["offices"][number];

/**
 * Mean score, interval and band distribution per office in scope, with each office's rank
 * among all its peers (same peer group), including peers the user cannot see: a manager
 * learns their place without seeing the others' figures. Offices with fewer than
 * MIN_CALLS scored calls are neither ranked nor counted among the ranked peers.
 */
export async function officeResults(db: Db, offices: ScopedOffice[], period: Period | MonthRange) {
  const range = "kind" in period ? periodRange(period) : period;
  const everyone = await peerUniverse(db, offices);
  const stats = summarize(await bandSums(db, "officeId", [...everyone.keys()], range));
  const ranks = peerRanks(
    [...everyone].map(([id, peerGroupId]) => ({ id, peerGroupId, value: rankableMean(figureOf(stats.get(String(id))).figure) })),
  );
  const { scale } = await currentScale(db);
  const rows = offices
    .map((o) => ({
      id: o.id,
      name: o.name,
      peerGroup: o.peerGroup?.name ?? null,
      rank: ranks.get(o.id) ?? null,
      active: o.active,
      ...figureOf(stats.get(String(o.id))),
    }))
    // A closed office stays listed only for periods in which it was tested.
    .filter((o) => o.active || o.figure !== null);
  return {
    bands: bandLabels(
      scale,
      rows.flatMap((r) => Object.keys(r.bands)),
    ),
    offices: rows,
  };
}

/** One office in depth: its units, the items that lose the most points and a 12-month trend. */
export async function officeResultsDetail(db: Db, officeId: number, period: Period) {
  const range = periodRange(period);
  const months = trendMonths(period);
  const units = await db.unit.findMany({
    where: { officeId },
    orderBy: [{ isSwitchboard: "desc" }, { id: "asc" }],
    select: { id: true, name: true, isSwitchboard: true },
  });
  const unitStats = summarize(await bandSums(db, "unitId", [officeId], range));

  // Bounded by one office × one period (a few dozen calls a month), so marks are parsed here.
  const calls = await db.testCall.findMany({
    where: countedWhere([officeId], range),
    select: { scaleId: true, partsTested: true, marks: true },
  });
  const scaleRows = await db.courtesyScale.findMany({
    where: { id: { in: [...new Set(calls.map((c) => c.scaleId))] } },
    select: { id: true, json: true },
  });
  const scales = new Map(scaleRows.map((s) => [s.id, JSON.parse(s.json) as Scale]));
  const items = itemLosses(
    calls.map((c) => ({
      scaleId: c.scaleId,
      partsTested: JSON.parse(c.partsTested) as string[],
      marks: JSON.parse(c.marks) as Record<string, Mark>,
    })),
    scales,
  );

  return {
    units: units.map((u) => ({ id: u.id, name: u.name, isSwitchboard: u.isSwitchboard, ...figureOf(unitStats.get(String(u.id))) })),
    // Items that lost nothing are not "the items that lose the most points".
    items: items.filter((i) => i.lost > 0),
    trend: await monthlyMeans(db, officeId, months),
  };
}

/** One office's mean score with its interval for each of the consecutive months given (null for a month without calls). */
export async function monthlyMeans(db: Db, officeId: number, months: string[]) {
  if (months.length === 0) return [];
  const stats = summarize(await bandSums(db, "month", [officeId], { from: months[0], to: months[months.length - 1] }));
  return months.map((month) => ({ month, figure: figureOf(stats.get(month)).figure }));
}

const CSV_BATCH = 500;
const CSV_COLUMNS = ["call_id", "date", "office", "unit", "extension", "evaluator", "total", "band", "scale_version"];

/**
 * One CSV row per counted call (UTF-8 with BOM), then one column per scale item with its
 * mark ("na" where not applicable, empty where the item's part was not tested). Items of
 * every scale version used in the period appear, newest version's order first. Rows are
 * read in batches so memory stays flat for a year of every office.
 */
export async function callsCsvStream(
  db: Db,
  officeIds: number[],
  period: Period,
  o: { evaluatorNames: boolean },
): Promise<ReadableStream<Uint8Array>> {
  const where = countedWhere(officeIds, periodRange(period));
  const used = await db.courtesyScale.findMany({ where: { calls: { some: where } }, orderBy: { version: "desc" }, select: { json: true } });
  const itemKeys = [...new Set(used.flatMap((s) => (JSON.parse(s.json) as Scale).parts.flatMap((p) => p.items.map((i) => i.key))))];
  const encoder = new TextEncoder();
  let cursor: number | null = null;
  return new ReadableStream({
    async pull(controller) {
      if (cursor === null) {
        cursor = 0;
        controller.enqueue(encoder.encode(UTF8_BOM + csvLine([...CSV_COLUMNS, ...itemKeys])));
        return;
      }
      const calls = await db.testCall.findMany({
        where: { ...where, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: CSV_BATCH,
        select: {
          id: true,
          scheduledDate: true,
          extension: true,
          total: true,
          band: true,
          marks: true,
          office: { select: { name: true } },
          unit: { select: { name: true } },
          evaluator: { select: { name: true } },
          scale: { select: { version: true } },
        },
      });
      if (calls.length === 0) return controller.close();
      cursor = calls[calls.length - 1].id;
      const text = calls.map((c) => {
        const marks = JSON.parse(c.marks) as Record<string, Mark>;
        return csvLine([
          c.id,
          c.scheduledDate,
          c.office.name,
          c.unit?.name,
          c.extension,
          o.evaluatorNames ? c.evaluator.name : null,
          c.total,
          c.band,
          c.scale.version,
          ...itemKeys.map((k) => marks[k]),
        ]);
      });
      controller.enqueue(encoder.encode(text.join("")));
    },
  });
}
