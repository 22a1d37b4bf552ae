import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { workingDaysOf } from "~/modules/calendar/calendar.server";
import { generateCallPlan, pairMutualTesting } from "./plan";
import { questionBank, questionsForMonth, type QuestionKind } from "./question-bank";
import { currentScale } from "./scales.server";

/** Questions asked per office kind each month; the bank rotates by this window. */
const QUESTIONS_PER_MONTH = 6;

type Target = { officeId: number; unitId: number; extension: string; kind: string; switchboard: boolean };

/** Every unit with an extension is a target; the switchboard's part is scored alone, as are the units'. */
async function targetsOf(db: Db, officeIds: number[], month: string, seed: number): Promise<Target[]> {
  const units = await db.unit.findMany({
    where: { officeId: { in: officeIds }, office: { active: true }, extensions: { some: {} } },
    orderBy: [{ officeId: "asc" }, { id: "asc" }],
    select: { id: true, officeId: true, isSwitchboard: true, office: { select: { kind: true } }, extensions: { select: { number: true }, orderBy: { id: "asc" } } },
  });
  const monthIndex = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  // Rotate through a unit's extensions from month to month, offset by the seed.
  return units.map((u) => ({
    officeId: u.officeId,
    unitId: u.id,
    extension: u.extensions[(monthIndex + seed) % u.extensions.length].number,
    kind: u.office.kind,
    switchboard: u.isSwitchboard,
  }));
}

function questionFor(kind: string, month: string, index: number): string | null {
  if (!(kind in questionBank)) return null;
  const questions = questionsForMonth(kind as QuestionKind, month, QUESTIONS_PER_MONTH);
  return questions[index % questions.length].id;
}

export type PlanRequest = { month: string; callsPerTarget: number; seed: number; officeIds: number[] };

/**
 * Draws the month's plan of unannounced calls with generateCallPlan and stores it. A
 * month has at most one assigned plan; `replace` swaps it while keeping any call already
 * started (draft or submitted). Throws RangeError when the plan cannot be drawn, and
 * CalendarNotLoadedError when the month's working days are not known yet.
 */
export async function createMonthlyPlan(db: Db, actorId: number, req: PlanRequest & { replace?: boolean }) {
  const targets = await targetsOf(db, req.officeIds, req.month, req.seed);
  const evaluators = await db.user.findMany({ where: { role: "evaluator", active: true, officeId: { not: null } }, select: { id: true, officeId: true, unitId: true } });
  const planned = generateCallPlan({
    workingDays: await workingDaysOf(db, req.month),
    targets,
    evaluators: evaluators.map((e) => ({ id: e.id, officeId: e.officeId as number, unitId: e.unitId ?? undefined })),
    callsPerTarget: req.callsPerTarget,
    seed: req.seed,
  });
  const { id: scaleId, scale } = await currentScale(db);
  const switchboardPart = scale.parts[0]?.key;
  const otherParts = scale.parts.slice(1).map((p) => p.key);
  const calls = planned.map((p, i) => {
    const target = targets[p.targetIndex];
    return {
      scaleId,
      officeId: target.officeId,
      unitId: target.unitId,
      extension: target.extension,
      evaluatorId: p.evaluatorId,
      scheduledDate: p.date,
      slot: p.slot,
      month: req.month,
      questionId: questionFor(target.kind, req.month, p.targetIndex + i),
      partsTested: JSON.stringify(target.switchboard ? [switchboardPart] : otherParts),
    };
  });
  return db.$transaction(async (tx) => {
    const existing = await tx.callPlan.findFirst({ where: { month: req.month, kind: "assigned" }, select: { id: true } });
    if (existing && !req.replace) throw new RangeError("plan-exists");
    if (existing) {
      await tx.testCall.deleteMany({ where: { planId: existing.id, status: "planned" } });
    }
    const plan = await tx.callPlan.create({ data: { month: req.month, kind: "assigned", seed: req.seed, createdById: actorId }, select: { id: true } });
    if (existing) await tx.testCall.updateMany({ where: { planId: existing.id }, data: { planId: plan.id } });
    if (existing) await tx.callPlan.delete({ where: { id: existing.id } });
    await tx.testCall.createMany({ data: calls.map((c) => ({ ...c, planId: plan.id })) });
    await audit(tx, { actorId, action: existing ? "plan.replace" : "plan.create", entity: "CallPlan", entityId: plan.id, data: { month: req.month, seed: req.seed, calls: calls.length } });
    return { planId: plan.id, calls: calls.length };
  });
}

const officeWithExtensions = {
  id: true,
  name: true,
  phone: true,
  units: { orderBy: { id: "asc" }, select: { name: true, extensions: { orderBy: { id: "asc" }, select: { number: true, label: true } } } },
} as const;

/**
 * Mutual testing (電話互測): pairs a peer group's offices for a month so that each tests
 * one other and is tested by another, never itself, and stores the pairs. A month's pairs
 * for the group are drawn once unless `replace` is given.
 */
export async function createMutualPairs(db: Db, actorId: number, req: { month: string; peerGroupId: number; seed: number; officeIds: number[]; replace?: boolean }) {
  const pairs = pairMutualTesting(req.officeIds, req.seed);
  return db.$transaction(async (tx) => {
    const existing = await tx.mutualPair.count({ where: { month: req.month, peerGroupId: req.peerGroupId } });
    if (existing && !req.replace) throw new RangeError("pairs-exist");
    await tx.mutualPair.deleteMany({ where: { month: req.month, peerGroupId: req.peerGroupId } });
    await tx.mutualPair.createMany({ data: pairs.map((p) => ({ month: req.month, peerGroupId: req.peerGroupId, seed: req.seed, testerOfficeId: p.tester, testedOfficeId: p.tested })) });
    await audit(tx, { actorId, action: "mutual.pair", entity: "PeerGroup", entityId: req.peerGroupId, data: { month: req.month, seed: req.seed, pairs } });
    return pairs.length;
  });
}

/** A month's stored pairs among the offices a user may see, with the tested offices' extension lists. */
export async function mutualPairsFor(db: Db, month: string, officeWhere: object) {
  return db.mutualPair.findMany({
    where: { month, OR: [{ tester: officeWhere }, { tested: officeWhere }] },
    orderBy: [{ peerGroupId: "asc" }, { testerOfficeId: "asc" }],
    select: { id: true, tester: { select: { id: true, name: true } }, tested: { select: officeWithExtensions } },
  });
}

export async function monthPlanSummary(db: Db, month: string) {
  const plan = await db.callPlan.findFirst({ where: { month, kind: "assigned" }, select: { id: true, seed: true, createdAt: true } });
  const byStatus = await db.testCall.groupBy({ by: ["status"], where: { month, calibrationId: null }, _count: { _all: true } });
  const byEvaluator = await db.testCall.groupBy({ by: ["evaluatorId"], where: { month, calibrationId: null }, _count: { _all: true } });
  const names = await db.user.findMany({ where: { id: { in: byEvaluator.map((e) => e.evaluatorId) } }, select: { id: true, name: true, office: { select: { name: true } } } });
  return {
    plan,
    byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])),
    evaluators: byEvaluator.map((e) => ({ ...names.find((n) => n.id === e.evaluatorId), calls: e._count._all })),
  };
}

/** Calls in a month placed with an evaluator of the called office: the fairness rule says none. */
export async function ownOfficeCalls(db: Db, month: string): Promise<number> {
  const calls = await db.testCall.findMany({ where: { month, calibrationId: null }, select: { officeId: true, evaluator: { select: { officeId: true } } } });
  return calls.filter((c) => c.evaluator.officeId === c.officeId).length;
}
