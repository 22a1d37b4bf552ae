import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { workingDaysOf } from "~/modules/calendar/calendar.server";
import { forbidden } from "~/modules/org/auth.server";
import { found } from "~/modules/org/form-actions.server";
import type { ScopedUser } from "~/modules/org/roles";
import { generateCallPlan, pairMutualTesting } from "./plan";
import { questionBank, questionsForMonth, type QuestionKind } from "./question-bank";
import { currentScale } from "./scales.server";
import { idParam } from "~/utils/http.server";
import { AppError } from "~/utils/errors";
import { t } from "~/locales";

/** Questions asked per office kind each month; the bank rotates by this window. */
const QUESTIONS_PER_MONTH = 6;

type Target = { officeId: number; unitId: number; extension: string; kind: string; switchboard: boolean };

/**
 * Every unit with an extension in the authority's active offices is a target; the
 * switchboard's part is scored alone, as are the units'.
 */
async function targetsOf(db: Db, authorityId: number, month: string, seed: number): Promise<Target[]> {
  const units = await db.unit.findMany({
    where: { office: { authorityId, active: true }, extensions: { some: {} } },
    orderBy: [{ officeId: "asc" }, { id: "asc" }],
    select: {
      id: true,
      officeId: true,
      isSwitchboard: true,
      office: { select: { kind: true } },
      extensions: { select: { number: true }, orderBy: { id: "asc" } },
    },
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

/**
 * The authority a plan request acts on, with the authorities the user may choose from: an
 * analyst plans for their own authority only (naming another is 403), an admin for the one
 * they pick (the first by name when none is named; an unknown one is 404).
 */
export async function planAuthority(db: Db, user: ScopedUser, requested: string | null) {
  if (user.role === "analyst" && user.authorityId !== null) {
    if (requested && idParam(requested) !== user.authorityId) forbidden();
    const own = await db.authority.findUniqueOrThrow({ where: { id: user.authorityId }, select: { id: true, name: true } });
    return { authorityId: own.id, authorities: [own] };
  }
  if (user.role !== "admin") forbidden();
  const authorities = await db.authority.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  const chosen = requested ? found(authorities.find((a) => a.id === idParam(requested)) ?? null) : authorities[0];
  return { authorityId: chosen?.id ?? null, authorities };
}

export type PlanRequest = { authorityId: number; month: string; callsPerTarget: number; seed: number };

/**
 * Draws an authority's plan of unannounced calls for a month with generateCallPlan and
 * stores it: its offices are called by its own evaluators only. An authority has at most
 * one assigned plan a month; `replace` swaps it while keeping any call already started
 * (draft or submitted). Other authorities' plans are never read or touched. Refuses with
 * an AppError (400) when the authority has nothing to call or nobody to call it, when a
 * plan exists and `replace` is not given, and when the month's calendar is not loaded.
 */
export async function createMonthlyPlan(db: Db, actorId: number, req: PlanRequest & { replace?: boolean }) {
  const targets = await targetsOf(db, req.authorityId, req.month, req.seed);
  const evaluators = await db.user.findMany({
    where: { role: "evaluator", active: true, office: { authorityId: req.authorityId } },
    orderBy: { id: "asc" },
    select: { id: true, officeId: true, unitId: true },
  });
  if (targets.length === 0) throw new AppError(400, t("plan.error.noTargets"));
  if (evaluators.length === 0) throw new AppError(400, t("plan.error.noEvaluators"));
  // An evaluator never calls their own office: a target needs one from another office.
  const uncallable = targets.find((target) => evaluators.every((e) => e.officeId === target.officeId));
  if (uncallable) {
    const office = await db.office.findUniqueOrThrow({ where: { id: uncallable.officeId }, select: { name: true } });
    throw new AppError(400, t("plan.error.onlyOwnOffice", { office: office.name }));
  }
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
    const existing = await tx.callPlan.findUnique({
      where: { authorityId_month_kind: { authorityId: req.authorityId, month: req.month, kind: "assigned" } },
      select: { id: true },
    });
    if (existing && !req.replace) throw new AppError(400, t("courtesy.error.planExists"));
    if (existing) {
      await tx.testCall.deleteMany({ where: { planId: existing.id, status: "planned" } });
    }
    // A replaced plan keeps its row (and the calls already started) with the new draw's seed.
    const drawn = { seed: req.seed, createdById: actorId, createdAt: new Date() };
    const plan = existing
      ? await tx.callPlan.update({ where: { id: existing.id }, data: drawn, select: { id: true } })
      : await tx.callPlan.create({
          data: { ...drawn, authorityId: req.authorityId, month: req.month, kind: "assigned" },
          select: { id: true },
        });
    await tx.testCall.createMany({ data: calls.map((c) => ({ ...c, planId: plan.id })) });
    await audit(tx, {
      actorId,
      action: existing ? "plan.replace" : "plan.create",
      entity: "CallPlan",
      entityId: plan.id,
      data: { authorityId: req.authorityId, month: req.month, seed: req.seed, calls: calls.length },
    });
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
 * Mutual testing (電話互測): pairs the active offices of one authority in a peer group for a
 * month so that each tests one other and is tested by another, never itself, and stores the
 * pairs. Peer groups may span authorities, but pairs never do: another authority's pairs in
 * the same group are left alone. A month's pairs are drawn once unless `replace` is given.
 * Refuses with an AppError (400) below two offices and when the month's pairs exist.
 */
export async function createMutualPairs(
  db: Db,
  actorId: number,
  req: { authorityId: number; month: string; peerGroupId: number; seed: number; replace?: boolean },
) {
  const offices = await db.office.findMany({
    where: { authorityId: req.authorityId, peerGroupId: req.peerGroupId, active: true },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (offices.length < 2) throw new AppError(400, t("mutual.error.tooFew"));
  const pairs = pairMutualTesting(
    offices.map((o) => o.id),
    req.seed,
  );
  const ours = { month: req.month, peerGroupId: req.peerGroupId, tester: { authorityId: req.authorityId } };
  return db.$transaction(async (tx) => {
    const existing = await tx.mutualPair.count({ where: ours });
    if (existing && !req.replace) throw new AppError(400, t("mutual.error.exists"));
    await tx.mutualPair.deleteMany({ where: ours });
    await tx.mutualPair.createMany({
      data: pairs.map((p) => ({
        month: req.month,
        peerGroupId: req.peerGroupId,
        seed: req.seed,
        testerOfficeId: p.tester,
        testedOfficeId: p.tested,
      })),
    });
    await audit(tx, {
      actorId,
      action: "mutual.pair",
      entity: "PeerGroup",
      entityId: req.peerGroupId,
      data: { authorityId: req.authorityId, month: req.month, seed: req.seed, pairs },
    });
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

/** An authority's plan for a month and its calls by status and by evaluator. */
export async function monthPlanSummary(db: Db, authorityId: number, month: string) {
  const plan = await db.callPlan.findUnique({
    where: { authorityId_month_kind: { authorityId, month, kind: "assigned" } },
    select: { id: true, seed: true, createdAt: true },
  });
  const where = authorityCalls(authorityId, month);
  const byStatus = await db.testCall.groupBy({ by: ["status"], where, _count: { _all: true } });
  const byEvaluator = await db.testCall.groupBy({ by: ["evaluatorId"], where, _count: { _all: true } });
  const names = await db.user.findMany({
    where: { id: { in: byEvaluator.map((e) => e.evaluatorId) } },
    select: { id: true, name: true, office: { select: { name: true } } },
  });
  return {
    plan,
    byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])),
    evaluators: byEvaluator.map((e) => ({ ...names.find((n) => n.id === e.evaluatorId), calls: e._count._all })),
  };
}

/** A month's real calls (calibration excluded) to the offices of one authority. */
function authorityCalls(authorityId: number, month: string) {
  return { month, calibrationId: null, office: { authorityId } };
}

/** An authority's calls in a month placed with an evaluator of the called office: the fairness rule says none. */
export async function ownOfficeCalls(db: Db, authorityId: number, month: string): Promise<number> {
  const calls = await db.testCall.findMany({
    where: authorityCalls(authorityId, month),
    select: { officeId: true, evaluator: { select: { officeId: true } } },
  });
  return calls.filter((c) => c.evaluator.officeId === c.officeId).length;
}
