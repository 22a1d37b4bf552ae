/**
 * Calibration sessions (評分校準): several evaluators score the same scripted or recorded
 * call so analysts can see where they disagree. A session concerns one office; each
 * evaluator's score is a TestCall of that office with `calibrationId` set, which every
 * results query leaves out: calibration never counts towards an office's results or
 * improvement reports.
 */
import { z } from "~/utils/zod";
import type { Db } from "~/utils/db.server";
import { t } from "~/locales";
import { audit } from "~/modules/org/audit.server";
import { officeScope, type ScopedUser } from "~/modules/org/roles";
import { AppError, invalidFields } from "~/utils/errors";
import { idField } from "~/modules/org/validation";
import { taipeiDate } from "~/utils/dates";
import { calibrationAgreement } from "./agreement";
import { readCallForm } from "./calls.server";
import { scoringSurvey, type CallInput } from "./form";
import { currentScale, scaleById } from "./scales.server";
import { scoreCall } from "./score";
import type { Scale } from "./scale";

/** The parts choice on the create form: one part of the scale, or all of them. */
const ALL_PARTS = "all";

const text = (max: number) =>
  z
    .string({ required_error: t("error.required"), invalid_type_error: t("error.required") })
    .trim()
    .min(1, t("error.required"))
    .max(max, t("admin.form.tooLong", { max }));

export const calibrationCreateSchema = z.object({
  title: text(100),
  scenario: text(5000),
  officeId: idField,
  parts: z
    .string({ required_error: t("admin.form.invalidChoice") })
    .min(1, t("admin.form.invalidChoice"))
    .max(50),
});
export type CalibrationCreateInput = z.output<typeof calibrationCreateSchema>;

/** "總機", or "全部（總機、業務單位）" when every part of the scale was tested. */
export function partsLabel(scale: Scale, partsTested: string[]): string {
  const labels = scale.parts.filter((p) => partsTested.includes(p.key)).map((p) => p.label);
  return labels.length === scale.parts.length && labels.length > 1
    ? t("calibration.parts.all", { parts: labels.join("、") })
    : labels.join("、");
}

function partsFor(scale: Scale, choice: string): string[] | null {
  if (choice === ALL_PARTS) return scale.parts.map((p) => p.key);
  return scale.parts.some((p) => p.key === choice) ? [choice] : null;
}

/**
 * Sessions are shown by the office they concern: analysts see their authority's, evaluators
 * those of the authority their own office belongs to, admins all.
 */
function sessionScope(user: ScopedUser) {
  if (user.role === "evaluator" && user.officeId !== null) return { office: { authority: { offices: { some: { id: user.officeId } } } } };
  const scope = user.role === "evaluator" ? null : officeScope(user);
  // Managers never reach these pages; a user without a scope sees nothing.
  if (!scope) return { id: -1 };
  return { office: scope };
}

export async function calibrationFormOptions(db: Db, user: ScopedUser) {
  const scope = officeScope(user) ?? { id: -1 };
  const [offices, { scale }] = await Promise.all([
    db.office.findMany({
      where: { ...scope, active: true },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    currentScale(db),
  ]);
  const parts = [
    ...scale.parts.map((p) => ({ value: p.key, label: p.label })),
    {
      value: ALL_PARTS,
      label: partsLabel(
        scale,
        scale.parts.map((p) => p.key),
      ),
    },
  ];
  return { offices, parts };
}

export async function listCalibrations(db: Db, user: ScopedUser) {
  const rows = await db.calibrationSession.findMany({
    where: sessionScope(user),
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      createdAt: true,
      partsTested: true,
      scale: { select: { json: true } },
      office: { select: { name: true } },
      calls: { select: { evaluatorId: true } },
    },
  });
  return rows.map((r) => {
    const scale = JSON.parse(r.scale.json) as Scale;
    return {
      id: r.id,
      title: r.title,
      date: taipeiDate(r.createdAt),
      officeName: r.office.name,
      parts: partsLabel(scale, JSON.parse(r.partsTested) as string[]),
      evaluators: r.calls.length,
      scoredByMe: r.calls.some((c) => c.evaluatorId === user.id),
    };
  });
}

/** Creates a session on the current scale; the office must be one the creator may see. */
export async function createCalibration(db: Db, user: ScopedUser, input: CalibrationCreateInput): Promise<{ id: number }> {
  const scope = officeScope(user);
  const office = scope ? await db.office.findFirst({ where: { ...scope, id: input.officeId }, select: { id: true } }) : null;
  if (!office) throw invalidFields({ officeId: [t("admin.form.invalidChoice")] });
  const stored = await currentScale(db);
  const partsTested = partsFor(stored.scale, input.parts);
  if (!partsTested) throw invalidFields({ parts: [t("admin.form.invalidChoice")] });
  return db.$transaction(async (tx) => {
    const session = await tx.calibrationSession.create({
      data: {
        title: input.title,
        scenario: input.scenario,
        officeId: office.id,
        scaleId: stored.id,
        partsTested: JSON.stringify(partsTested),
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "calibration.create",
      entity: "CalibrationSession",
      entityId: session.id,
      data: { ...input, partsTested, scaleId: stored.id },
    });
    return session;
  });
}

/** A session with its scale and scores, or null when it does not exist or lies outside the user's scope. */
export async function getCalibration(db: Db, user: ScopedUser, id: number) {
  const row = await db.calibrationSession.findFirst({
    where: { id, ...sessionScope(user) },
    select: {
      id: true,
      title: true,
      scenario: true,
      scaleId: true,
      partsTested: true,
      createdAt: true,
      office: { select: { id: true, name: true } },
      calls: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          evaluatorId: true,
          marks: true,
          total: true,
          band: true,
          submittedAt: true,
          evaluator: { select: { name: true } },
        },
      },
    },
  });
  if (!row) return null;
  const stored = await scaleById(db, row.scaleId);
  if (!stored) return null;
  const partsTested = JSON.parse(row.partsTested) as string[];
  return {
    id: row.id,
    title: row.title,
    scenario: row.scenario,
    date: taipeiDate(row.createdAt),
    scaleId: row.scaleId,
    scale: stored.scale,
    partsTested,
    parts: partsLabel(stored.scale, partsTested),
    office: row.office,
    scores: row.calls.map((c) => ({
      callId: c.id,
      evaluatorId: c.evaluatorId,
      evaluatorName: c.evaluator.name,
      marks: JSON.parse(c.marks) as CallInput["marks"],
      total: c.total,
      band: c.band,
      submittedAt: c.submittedAt,
    })),
  };
}

export type CalibrationView = NonNullable<Awaited<ReturnType<typeof getCalibration>>>;

function testedParts(session: Pick<CalibrationView, "scale" | "partsTested">) {
  return session.scale.parts.filter((p) => session.partsTested.includes(p.key));
}

export function calibrationForm(session: CalibrationView) {
  return scoringSurvey(session.scale, session.partsTested);
}

export type ScoreOutcome = { ok: true; total: number } | { ok: false; status: 400 | 409; message: string };

/**
 * Scores the session for one evaluator, once: the marks go through the same parsing and
 * arithmetic as a real call, and a second submission is refused with 409.
 */
export async function submitCalibrationScore(
  db: Db,
  evaluatorId: number,
  session: CalibrationView,
  data: Record<string, unknown>,
): Promise<ScoreOutcome> {
  let input: CallInput;
  let score: ReturnType<typeof scoreCall>;
  try {
    input = readCallForm(
      data,
      testedParts(session).flatMap((p) => p.items.map((i) => i.key)),
    );
    score = scoreCall(session.scale, input.marks, { partsTested: session.partsTested });
  } catch (e) {
    if (e instanceof AppError) return { ok: false, status: 400, message: e.message };
    throw e;
  }
  const now = new Date();
  const today = taipeiDate(now);
  return db.$transaction(async (tx) => {
    // Checked inside the transaction so two quick submissions cannot both land.
    const existing = await tx.testCall.findFirst({
      where: { calibrationId: session.id, evaluatorId, status: "submitted" },
      select: { id: true },
    });
    if (existing) return { ok: false, status: 409, message: t("calibration.error.alreadyScored") } as const;
    const call = await tx.testCall.create({
      data: {
        calibrationId: session.id,
        scaleId: session.scaleId,
        officeId: session.office.id,
        evaluatorId,
        scheduledDate: today,
        month: today.slice(0, 7),
        partsTested: JSON.stringify(session.partsTested),
        status: "submitted",
        calledAt: now,
        submittedAt: now,
        marks: JSON.stringify(input.marks),
        notes: JSON.stringify(input.notes),
        rings: input.rings,
        secondsToAnswer: input.secondsToAnswer,
        comment: input.comment,
        total: score.total,
        band: score.band,
        needsImprovement: score.needsImprovement,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: evaluatorId,
      action: "calibration.score",
      entity: "TestCall",
      entityId: call.id,
      data: { calibrationId: session.id, total: score.total },
    });
    return { ok: true, total: score.total } as const;
  });
}

/** Each evaluator's total and deviation beside the agreement statistics. */
export function calibrationResults(session: CalibrationView) {
  // Both parts have items of the same wording (e.g. answering speed), so name the part.
  const tested = testedParts(session);
  const items = tested.flatMap((p) => p.items.map((i) => (tested.length > 1 ? { ...i, label: `${p.label}・${i.label}` } : i)));
  const agreement = calibrationAgreement(
    items,
    session.scores.map((s) => ({ evaluatorId: s.evaluatorId, marks: s.marks })),
  );
  const evaluators = session.scores.map((s, i) => ({
    evaluatorId: s.evaluatorId,
    name: s.evaluatorName,
    total: s.total,
    band: s.band,
    meanAbsDeviation: agreement.deviations[i].meanAbsDeviation,
    mostDeviant: agreement.mostDeviant === s.evaluatorId,
  }));
  return { evaluators, agreement };
}
