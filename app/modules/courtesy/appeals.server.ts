import { z } from "~/utils/zod";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { audit } from "~/modules/org/audit.server";
import { t } from "~/locales";
import { scoreCall, type Mark } from "./score";
import { scaleById } from "./scales.server";
import { refreshImprovementReport } from "./improvement.server";

/** An office may appeal a score within this many days of its submission. */
export const APPEAL_WINDOW_DAYS = 7;

export const appealSchema = z.object({ reason: z.string().trim().min(10, t("appeal.error.reasonShort")).max(2000, t("error.tooLong")) });

export const decisionSchema = z.object({
  decision: z.enum(["accept", "reject"]),
  reason: z.string().trim().min(1, t("error.required")).max(2000, t("error.tooLong")),
});

type Outcome = { ok: true; id: number } | { ok: false; status: 400 | 404 | 409; message: string };

export function appealDeadline(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + APPEAL_WINDOW_DAYS * 86_400_000);
}

/** An office files an appeal (申復) on one of its scored calls. */
export async function fileAppeal(db: Db, actorId: number, callId: number, reason: string, now = new Date()): Promise<Outcome> {
  const call = await db.testCall.findUnique({
    where: { id: callId },
    select: {
      status: true,
      submittedAt: true,
      total: true,
      calibrationId: true,
      appeals: { where: { status: "pending" }, select: { id: true } },
    },
  });
  if (!call || call.status !== "submitted" || call.calibrationId !== null || call.total === null || !call.submittedAt)
    return { ok: false, status: 404, message: t("error.notFound") };
  if (now > appealDeadline(call.submittedAt))
    return { ok: false, status: 409, message: t("appeal.error.late", { days: APPEAL_WINDOW_DAYS }) };
  if (call.appeals.length > 0) return { ok: false, status: 409, message: t("appeal.error.pending") };
  const appeal = await db.$transaction(async (tx) => {
    const created = await tx.appeal.create({
      data: { callId, filedById: actorId, reason, oldTotal: call.total as number },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "appeal.file", entity: "TestCall", entityId: callId, data: { appealId: created.id, reason } });
    return created;
  });
  return { ok: true, id: appeal.id };
}

/**
 * A reviewer decides an appeal. Accepting re-scores the call with revised marks; the old
 * and new marks and totals stay in the audit log.
 */
export async function decideAppeal(
  db: Db,
  actorId: number,
  appealId: number,
  input: z.infer<typeof decisionSchema>,
  revisedMarks: Record<string, Mark> | null,
): Promise<Outcome> {
  const appeal = await db.appeal.findUnique({
    where: { id: appealId },
    select: {
      status: true,
      callId: true,
      call: { select: { scaleId: true, marks: true, partsTested: true, total: true, officeId: true, unitId: true, month: true } },
    },
  });
  if (!appeal) return { ok: false, status: 404, message: t("error.notFound") };
  if (appeal.status !== "pending") return { ok: false, status: 409, message: t("appeal.error.decided") };
  let newScore: ReturnType<typeof scoreCall> | null = null;
  if (input.decision === "accept") {
    const stored = await scaleById(db, appeal.call.scaleId);
    if (!stored || !revisedMarks) return { ok: false, status: 400, message: t("appeal.error.marks") };
    try {
      newScore = scoreCall(stored.scale, revisedMarks, { partsTested: JSON.parse(appeal.call.partsTested) });
    } catch (e) {
      if (e instanceof AppError) return { ok: false, status: 400, message: e.message };
      throw e;
    }
  }
  await db.$transaction(async (tx) => {
    await tx.appeal.update({
      where: { id: appealId },
      data: {
        status: input.decision === "accept" ? "accepted" : "rejected",
        decidedById: actorId,
        decidedAt: new Date(),
        decisionReason: input.reason,
        newTotal: newScore?.total ?? null,
      },
    });
    if (newScore) {
      await tx.testCall.update({
        where: { id: appeal.callId },
        data: {
          marks: JSON.stringify(revisedMarks),
          total: newScore.total,
          band: newScore.band,
          needsImprovement: newScore.needsImprovement,
        },
      });
      await refreshImprovementReport(tx, appeal.call.officeId, appeal.call.unitId, appeal.call.month);
    }
    await audit(tx, {
      actorId,
      action: input.decision === "accept" ? "appeal.accept" : "appeal.reject",
      entity: "TestCall",
      entityId: appeal.callId,
      data: {
        appealId,
        reason: input.reason,
        old: { total: appeal.call.total, marks: JSON.parse(appeal.call.marks) },
        new: newScore ? { total: newScore.total, marks: revisedMarks } : null,
      },
    });
  });
  return { ok: true, id: appealId };
}

export async function listAppeals(db: Db, officeWhere: object, status: string | null) {
  return db.appeal.findMany({
    where: { call: { office: officeWhere }, ...(status ? { status } : {}) },
    orderBy: { filedAt: "desc" },
    take: 200,
    select: {
      id: true,
      status: true,
      reason: true,
      filedAt: true,
      oldTotal: true,
      newTotal: true,
      decisionReason: true,
      callId: true,
      call: { select: { scheduledDate: true, office: { select: { name: true } }, unit: { select: { name: true } } } },
    },
  });
}
