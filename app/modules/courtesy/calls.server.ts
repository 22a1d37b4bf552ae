import { z } from "~/utils/zod";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { t } from "~/locales";
import { scoreCall } from "./score";
import type { Scale } from "./scale";
import { scaleById } from "./scales.server";
import { questionBank } from "./question-bank";
import { CALL_FIELDS, notesMissing, type CallInput } from "./form";
import { refreshImprovementReport } from "./improvement.server";
import { addDays, taipeiDate } from "~/utils/dates";

/** An evaluator's record form is due by this day of the month after the call. */
export const RECORD_DUE_DAY = 3;

export function recordDueDate(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const next = new Date(Date.UTC(y, m, RECORD_DUE_DAY));
  return next.toISOString().slice(0, 10);
}

const allQuestions = [...questionBank.district, ...questionBank.household];
export function questionText(id: string | null) {
  return allQuestions.find((q) => q.id === id) ?? null;
}

const callSelect = {
  id: true,
  scaleId: true,
  officeId: true,
  unitId: true,
  extension: true,
  evaluatorId: true,
  scheduledDate: true,
  slot: true,
  month: true,
  questionId: true,
  partsTested: true,
  status: true,
  rings: true,
  secondsToAnswer: true,
  marks: true,
  notes: true,
  comment: true,
  total: true,
  band: true,
  needsImprovement: true,
  submittedAt: true,
  calibrationId: true,
  office: { select: { name: true, phone: true, kind: true } },
  unit: { select: { name: true, isSwitchboard: true } },
  evaluator: { select: { name: true } },
} as const;

/** A test call with its JSON columns parsed. */
export async function getCall(db: Db, id: number) {
  const row = await db.testCall.findUnique({ where: { id }, select: callSelect });
  if (!row) return null;
  return {
    ...row,
    partsTested: JSON.parse(row.partsTested) as string[],
    marks: JSON.parse(row.marks) as CallInput["marks"],
    notes: JSON.parse(row.notes) as Record<string, string>,
    question: questionText(row.questionId),
    dueDate: recordDueDate(row.month),
  };
}

export type TestCallView = NonNullable<Awaited<ReturnType<typeof getCall>>>;

/** An evaluator's calls for one day, in slot order. */
export async function evaluatorDay(db: Db, evaluatorId: number, date: string) {
  const rows = await db.testCall.findMany({
    where: { evaluatorId, scheduledDate: date, calibrationId: null },
    orderBy: [{ slot: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slot: true,
      status: true,
      extension: true,
      questionId: true,
      total: true,
      office: { select: { name: true, phone: true } },
      unit: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, question: questionText(r.questionId) }));
}

/** Lateness older than this no longer needs anyone's attention on the evaluator's screen. */
const LATE_LOOKBACK_DAYS = 92;

/** Calls of the last three months whose record is overdue (not submitted by the due day) or was submitted late. */
export async function lateCalls(db: Db, whose: { evaluatorId: number } | { office: object }, today: string) {
  const rows = await db.testCall.findMany({
    where: { calibrationId: null, scheduledDate: { lt: today, gte: addDays(today, -LATE_LOOKBACK_DAYS) }, ...whose },
    orderBy: { scheduledDate: "desc" },
    select: {
      id: true,
      scheduledDate: true,
      month: true,
      status: true,
      submittedAt: true,
      office: { select: { name: true } },
      unit: { select: { name: true } },
      evaluator: { select: { name: true } },
    },
    take: 5000,
  });
  return rows
    .map((r) => ({ ...r, dueDate: recordDueDate(r.month) }))
    .filter((r) => (r.status !== "submitted" ? r.dueDate < today : r.submittedAt !== null && taipeiDate(r.submittedAt) > r.dueDate))
    .slice(0, 200);
}

const markSchema = z.union([z.literal("na"), z.number().finite()]);
export const callFormSchema = z.record(z.string().max(100), z.unknown());

/** Splits SurveyJS form data into marks, notes and the call's facts; wrong keys or types are refused with an AppError (400). */
export function readCallForm(data: Record<string, unknown>, itemKeys: string[]): CallInput {
  const known = new Set<string>([...itemKeys, ...itemKeys.map((k) => `${k}-Comment`), ...Object.values(CALL_FIELDS)]);
  const unknown = Object.keys(data).find((key) => !known.has(key));
  if (unknown) throw new AppError(400, t("courtesy.error.unknownItem", { item: unknown }));
  const marks: CallInput["marks"] = {};
  const notes: Record<string, string> = {};
  for (const key of itemKeys) {
    if (data[key] !== undefined) {
      const mark = markSchema.safeParse(data[key]);
      if (!mark.success) throw new AppError(400, t("courtesy.error.mark", { item: key }));
      marks[key] = mark.data;
    }
    const note = data[`${key}-Comment`];
    if (typeof note === "string" && note.trim()) notes[key] = note.trim().slice(0, 500);
  }
  const int = (v: unknown, max: number) => {
    if (v === undefined || v === null || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new AppError(400, t("courtesy.error.facts"));
    return n;
  };
  const comment = data[CALL_FIELDS.comment];
  if (comment !== undefined && (typeof comment !== "string" || comment.length > 2000)) throw new AppError(400, t("error.tooLong"));
  return {
    marks,
    notes,
    rings: int(data[CALL_FIELDS.rings], 50),
    secondsToAnswer: int(data[CALL_FIELDS.seconds], 600),
    comment: comment ?? "",
  };
}

export type SaveOutcome =
  { ok: true; total: number | null } | { ok: false; status: 400 | 403 | 404 | 409; message: string; errors?: Record<string, string> };

/** A call is unannounced on its scheduled day: scoring it earlier would record a call not yet made. */
export function scorableOn(call: Pick<TestCallView, "scheduledDate">, now: Date): boolean {
  return call.scheduledDate <= taipeiDate(now);
}

/**
 * Saves the assigned evaluator's marks as a draft, or scores and submits them, from the
 * call's scheduled day (Asia/Taipei) on. A submission needs a note on every deduction. A
 * submitted call is final for the evaluator (changes go through an appeal).
 */
export async function saveCall(
  db: Db,
  evaluatorId: number,
  callId: number,
  data: Record<string, unknown>,
  submit: boolean,
  now = new Date(),
): Promise<SaveOutcome> {
  const call = await getCall(db, callId);
  if (!call) return { ok: false, status: 404, message: t("error.notFound") };
  if (call.evaluatorId !== evaluatorId) return { ok: false, status: 403, message: t("auth.forbidden") };
  if (call.status === "submitted") return { ok: false, status: 409, message: t("courtesy.error.submitted") };
  if (!scorableOn(call, now)) return { ok: false, status: 400, message: t("evaluator.error.notYet", { date: call.scheduledDate }) };
  const stored = await scaleById(db, call.scaleId);
  if (!stored) return { ok: false, status: 404, message: t("error.notFound") };
  const itemKeys = stored.scale.parts.filter((p) => call.partsTested.includes(p.key)).flatMap((p) => p.items.map((i) => i.key));
  let input: CallInput;
  let score: ReturnType<typeof scoreCall> | null = null;
  try {
    input = readCallForm(data, itemKeys);
    if (submit) score = scoreCall(stored.scale, input.marks, { partsTested: call.partsTested });
  } catch (e) {
    if (e instanceof AppError) return { ok: false, status: 400, message: e.message };
    throw e;
  }
  const missing = submit ? notesMissing(stored.scale, call.partsTested, input) : {};
  if (Object.keys(missing).length > 0) return { ok: false, status: 400, message: Object.values(missing).join(" "), errors: missing };
  await db.$transaction(async (tx) => {
    await tx.testCall.update({
      where: { id: callId },
      data: {
        marks: JSON.stringify(input.marks),
        notes: JSON.stringify(input.notes),
        rings: input.rings,
        secondsToAnswer: input.secondsToAnswer,
        comment: input.comment,
        status: submit ? "submitted" : "draft",
        calledAt: now,
        ...(score ? { total: score.total, band: score.band, needsImprovement: score.needsImprovement, submittedAt: now } : {}),
      },
    });
    if (score && call.calibrationId === null) await refreshImprovementReport(tx, call.officeId, call.unitId, call.month);
  });
  return { ok: true, total: score?.total ?? null };
}

/** The next calls still to make, for an evaluator's "upcoming" list. */
export async function upcomingCalls(db: Db, evaluatorId: number, after: string, take = 8) {
  const rows = await db.testCall.findMany({
    where: { evaluatorId, calibrationId: null, scheduledDate: { gt: after }, status: { not: "submitted" } },
    orderBy: [{ scheduledDate: "asc" }, { slot: "asc" }],
    take,
    select: {
      id: true,
      scheduledDate: true,
      slot: true,
      status: true,
      extension: true,
      office: { select: { name: true, phone: true } },
      unit: { select: { name: true } },
    },
  });
  return rows;
}

/** Scored calls of the offices a user may see, for one month (calibration excluded). */
export async function scoredCalls(db: Db, officeWhere: object, month: string) {
  return db.testCall.findMany({
    where: { office: officeWhere, month, status: "submitted", calibrationId: null },
    orderBy: [{ scheduledDate: "desc" }, { id: "desc" }],
    take: 500,
    select: {
      id: true,
      scheduledDate: true,
      extension: true,
      total: true,
      band: true,
      office: { select: { name: true } },
      unit: { select: { name: true } },
      evaluator: { select: { name: true } },
      appeals: { select: { status: true }, orderBy: { id: "desc" }, take: 1 },
    },
  });
}

/** Each item of the parts tested with its mark and the evaluator's note, deductions first. */
export function deductions(scale: Scale, call: Pick<TestCallView, "partsTested" | "marks" | "notes">) {
  return scale.parts
    .filter((p) => call.partsTested.includes(p.key))
    .flatMap((p) =>
      p.items.map((item) => ({
        part: p.label,
        key: item.key,
        label: item.label,
        max: item.maxPoints,
        mark: call.marks[item.key] ?? null,
        note: call.notes[item.key] ?? "",
      })),
    )
    .sort((a, b) => lost(b) - lost(a));
}

function lost(row: { max: number; mark: number | "na" | null }): number {
  return typeof row.mark === "number" ? row.max - row.mark : 0;
}
