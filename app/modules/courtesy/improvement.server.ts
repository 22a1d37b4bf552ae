import { z } from "~/utils/zod";
import type { Db, DbOrTx } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { t } from "~/locales";
import { isIsoDate } from "~/utils/dates";
import type { Scale } from "./scale";

/** Improvement reports are due by this day of the month after the low score. */
const REPORT_DUE_DAY = 15;

function reportDueDate(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, REPORT_DUE_DAY)).toISOString().slice(0, 10);
}

/** The calls a unit-month's score rests on: submitted ones, calibration left out. */
const counted = { status: "submitted", calibrationId: null } as const;

/**
 * Keeps a unit-month's improvement report in step with its scores: a unit whose mean
 * score falls below the threshold of the scale its calls were scored with (the newest of
 * those versions when a scale was edited within the month) owes a report (改善報告); if an
 * appeal lifts it back above, an unfiled report is withdrawn. Filed reports are never removed.
 */
export async function refreshImprovementReport(db: DbOrTx, officeId: number, unitId: number | null, month: string) {
  const agg = await db.testCall.aggregate({
    where: { officeId, unitId, month, ...counted },
    _avg: { total: true },
    _max: { scaleId: true },
  });
  const mean = agg._avg.total;
  const scaleId = agg._max.scaleId;
  const scale = scaleId === null ? null : await db.courtesyScale.findUnique({ where: { id: scaleId }, select: { json: true } });
  const threshold = scale ? (JSON.parse(scale.json) as Scale).improvementBelow : null;
  const existing = await db.improvementReport.findFirst({ where: { officeId, unitId, month }, select: { id: true, filedAt: true } });
  if (mean !== null && threshold !== null && mean < threshold) {
    const score = Math.round(mean * 10) / 10;
    if (existing) await db.improvementReport.update({ where: { id: existing.id }, data: { score } });
    else await db.improvementReport.create({ data: { officeId, unitId, month, score, dueDate: reportDueDate(month) } });
  } else if (existing && !existing.filedAt) {
    await db.improvementReport.delete({ where: { id: existing.id } });
  }
}

export const improvementSchema = z.object({
  cause: z.string().trim().min(1, t("error.required")).max(2000, t("error.tooLong")),
  actions: z.string().trim().min(1, t("error.required")).max(4000, t("error.tooLong")),
  completeBy: z.string().refine(isIsoDate, t("error.invalidDate")),
});

/** Reports of the offices a user may see, each with the number of calls behind its score. */
export async function listImprovementReports(db: Db, officeWhere: object) {
  const reports = await db.improvementReport.findMany({
    where: { office: officeWhere },
    orderBy: [{ month: "desc" }, { officeId: "asc" }],
    take: 300,
    select: {
      id: true,
      month: true,
      score: true,
      dueDate: true,
      filedAt: true,
      cause: true,
      actions: true,
      completeBy: true,
      officeId: true,
      unitId: true,
      office: { select: { name: true } },
      unit: { select: { name: true } },
    },
  });
  // Counted in SQL per unit-month, bounded by the listed months × the units in scope.
  const counts = await db.testCall.groupBy({
    by: ["officeId", "unitId", "month"],
    where: { ...counted, office: officeWhere, month: { in: [...new Set(reports.map((r) => r.month))] } },
    _count: { _all: true },
  });
  const key = (r: { officeId: number; unitId: number | null; month: string }) => `${r.officeId}:${r.unitId}:${r.month}`;
  const calls = new Map(counts.map((c) => [key(c), c._count._all]));
  return reports.map((r) => ({ ...r, calls: calls.get(key(r)) ?? 0 }));
}

export async function fileImprovementReport(db: Db, actorId: number, id: number, input: z.infer<typeof improvementSchema>) {
  await db.$transaction(async (tx) => {
    await tx.improvementReport.update({ where: { id }, data: { ...input, filedAt: new Date(), filedById: actorId } });
    await audit(tx, { actorId, action: "improvement.file", entity: "ImprovementReport", entityId: id, data: input });
  });
}
