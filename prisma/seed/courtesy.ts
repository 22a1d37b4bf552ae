import { hashPassword } from "../../app/modules/org/passwords.server";
import { scoreCall } from "../../app/modules/courtesy/score";
import type { Mark } from "../../app/modules/courtesy/score";
import { loadedYears } from "../../app/modules/calendar/calendar.server";
import { createCalibration, getCalibration, submitCalibrationScore } from "../../app/modules/courtesy/calibration.server";
import { createMonthlyPlan, createMutualPairs } from "../../app/modules/courtesy/plans.server";
import { currentScale } from "../../app/modules/courtesy/scales.server";
import { lastMonths, taipeiDate, taipeiMonth } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { bulkInsert } from "./bulk";
import type { Random } from "./random";

/** Evaluators beside the demo one, each belonging to an office they must never test. */
const MORE_EVALUATORS = [
  ["evaluator2@demo.gov.tw", "測試員 李美玲", "臺北市信義區戶政事務所"],
  ["evaluator3@demo.gov.tw", "測試員 張志豪", "臺北市北投區公所"],
  ["evaluator4@demo.gov.tw", "測試員 黃淑芬", "臺北市中正區戶政事務所"],
  ["evaluator5@demo.gov.tw", "測試員 吳建宏", "臺北市內湖區公所"],
  ["evaluator6@demo.gov.tw", "測試員 劉雅婷", "臺北市文山區戶政事務所"],
] as const;

const DEDUCTION_NOTES = [
  "響鈴超過4聲才接聽",
  "未報單位名稱",
  "未告知轉接分機",
  "語氣平淡",
  "答覆不完整，未說明應備文件",
  "未詢問是否還有其他問題",
];

/**
 * 24 months of monthly plans and scored calls: each office has its own courtesy level and
 * improves slowly; past calls are submitted (a few late), today's and later ones are open.
 * Units under 90 get improvement reports, older ones filed; a few calls are appealed.
 */
export async function seedCourtesy(db: Db, rnd: Random, now: Date, months = 24) {
  const hash = await hashPassword("Evaluator#2026");
  for (const [email, name, officeName] of MORE_EVALUATORS) {
    const office = await db.office.findUniqueOrThrow({ where: { name: officeName }, select: { id: true } });
    await db.user.create({ data: { email, name, role: "evaluator", officeId: office.id, passwordHash: hash } });
  }
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true } });
  const analyst = await db.user.findFirstOrThrow({ where: { role: "analyst" }, select: { id: true } });
  const offices = await db.office.findMany({ select: { id: true } });
  const level = new Map(offices.map((o) => [o.id, 0.8 + rnd.next() * 0.17]));
  const { scale } = await currentScale(db);
  const today = taipeiDate(now);
  const monthList = lastMonths(taipeiMonth(now), months);

  // Months the shipped calendars do not cover get no plan, as the planner refuses them.
  const loaded = await loadedYears(db);
  const authorities = await db.authority.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  for (const { id: authorityId } of authorities) {
    for (const [index, month] of monthList.entries()) {
      if (!loaded.includes(Number(month.slice(0, 4)))) continue;
      await createMonthlyPlan(db, admin.id, { authorityId, month, callsPerTarget: 1, seed: 1000 + index });
    }
    // This month's mutual-testing pairs within each peer group of the authority.
    for (const group of await db.peerGroup.findMany({
      where: { offices: { some: { authorityId } } },
      orderBy: { id: "asc" },
      select: { id: true },
    })) {
      await createMutualPairs(db, admin.id, { authorityId, month: taipeiMonth(now), peerGroupId: group.id, seed: group.id });
    }
  }
  const calls = await db.testCall.findMany({
    where: { scheduledDate: { lt: today } },
    select: { id: true, officeId: true, month: true, scheduledDate: true, partsTested: true, unitId: true },
    orderBy: { id: "asc" },
  });
  const updates: Array<{ id: number; data: Record<string, unknown> }> = [];
  for (const call of calls) {
    const parts = JSON.parse(call.partsTested) as string[];
    const progress = monthList.indexOf(call.month) / months;
    const p = Math.min(0.99, (level.get(call.officeId) ?? 0.9) + progress * 0.05);
    const marks: Record<string, Mark> = {};
    const notes: Record<string, string> = {};
    for (const part of scale.parts.filter((x) => parts.includes(x.key))) {
      for (const item of part.items) {
        if (item.allowNA && rnd.next() < 0.4) {
          marks[item.key] = "na";
          continue;
        }
        const r = rnd.next();
        // An unanswered call is rare; otherwise full marks, a partial deduction, or none.
        const mark = item.autoFail
          ? r < 0.01
            ? 0
            : item.maxPoints
          : r < p
            ? item.maxPoints
            : r < p + (1 - p) * 0.7
              ? Math.ceil(item.maxPoints / 2)
              : 0;
        marks[item.key] = mark;
        if (mark < item.maxPoints) notes[item.key] = rnd.pick(DEDUCTION_NOTES);
      }
    }
    const score = scoreCall(scale, marks, { partsTested: parts });
    const dueLate = rnd.next() < 0.03;
    const [y, m] = call.month.split("-").map(Number);
    const submittedAt = dueLate ? new Date(Date.UTC(y, m, 6, 2)) : new Date(`${call.scheduledDate}T08:00:00Z`);
    updates.push({
      id: call.id,
      data: {
        marks: JSON.stringify(marks),
        notes: JSON.stringify(notes),
        rings: rnd.int(1, 6),
        secondsToAnswer: rnd.int(2, 25),
        status: submittedAt > now ? "draft" : "submitted",
        calledAt: new Date(`${call.scheduledDate}T03:00:00Z`),
        total: score.total,
        band: score.band,
        needsImprovement: score.needsImprovement,
        submittedAt: submittedAt > now ? null : submittedAt,
      },
    });
  }
  await db.$transaction(
    async (tx) => {
      for (const u of updates) await tx.testCall.update({ where: { id: u.id }, data: u.data });
    },
    { timeout: 300_000 },
  );

  // Improvement reports for unit-months under the threshold; older ones already filed.
  const means = await db.testCall.groupBy({
    by: ["officeId", "unitId", "month"],
    where: { status: "submitted", calibrationId: null },
    _avg: { total: true },
  });
  const reports = means
    .filter((g) => g._avg.total !== null && g._avg.total < scale.improvementBelow)
    .map((g) => {
      const [y, m] = g.month.split("-").map(Number);
      const dueDate = new Date(Date.UTC(y, m, 15)).toISOString().slice(0, 10);
      const filed = dueDate < today && rnd.next() < 0.9;
      return {
        officeId: g.officeId,
        unitId: g.unitId,
        month: g.month,
        score: Math.round((g._avg.total as number) * 10) / 10,
        dueDate,
        cause: filed ? "值機同仁未依標準話術接聽，轉接前未告知分機" : "",
        actions: filed ? "召開課務會議重申電話禮貌規範，並安排同仁參加電話禮貌訓練" : "",
        completeBy: filed ? new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10) : null,
        filedAt: filed ? new Date(Date.UTC(y, m, 10)) : null,
        filedById: null,
      };
    });
  await bulkInsert(db, "ImprovementReport", reports);

  // A few appeals: one pending on a recent call, one rejected, one accepted and re-scored.
  const appealable = await db.testCall.findMany({
    where: { status: "submitted", total: { lt: 85, gt: 0 } },
    orderBy: { submittedAt: "desc" },
    take: 3,
    select: { id: true, total: true, submittedAt: true, officeId: true, marks: true, partsTested: true },
  });
  for (const [i, call] of appealable.entries()) {
    const manager = await db.user.findFirst({ where: { role: "manager", officeId: call.officeId }, select: { id: true } });
    if (!manager || call.total === null || !call.submittedAt) continue;
    const status = ["pending", "rejected", "accepted"][i];
    let newTotal: number | null = null;
    if (status === "accepted") {
      // The reviewer restores the first deducted item to full marks.
      const marks = JSON.parse(call.marks) as Record<string, Mark>;
      const item = scale.parts
        .flatMap((part) => part.items)
        .find((it) => typeof marks[it.key] === "number" && (marks[it.key] as number) < it.maxPoints);
      if (item) marks[item.key] = item.maxPoints;
      const revised = scoreCall(scale, marks, { partsTested: JSON.parse(call.partsTested) });
      newTotal = revised.total;
      await db.testCall.update({
        where: { id: call.id },
        data: { marks: JSON.stringify(marks), total: revised.total, band: revised.band, needsImprovement: revised.needsImprovement },
      });
    }
    const day = 86_400_000;
    await db.appeal.create({
      data: {
        callId: call.id,
        filedById: manager.id,
        reason: "當日總機線路異常，響鈴次數係系統延遲所致，檢附電信公司障礙紀錄，請重新評分。",
        oldTotal: call.total,
        filedAt: new Date(Math.min(now.getTime(), call.submittedAt.getTime() + day)),
        status,
        decidedById: status === "pending" ? null : analyst.id,
        decidedAt: status === "pending" ? null : new Date(Math.min(now.getTime(), call.submittedAt.getTime() + 3 * day)),
        decisionReason:
          status === "rejected" ? "障礙紀錄時間與測試時間不符，維持原評分。" : status === "accepted" ? "經查證屬實，該項改給滿分。" : "",
        newTotal,
      },
    });
  }
  await seedCalibration(db, rnd);
  return { calls: calls.length, reports: reports.length };
}

/**
 * One calibration session (評分校準) of the first authority, scored by three evaluators
 * who disagree on a few items, so analysts find an example of the agreement figures.
 */
async function seedCalibration(db: Db, rnd: Random) {
  const analyst = await db.user.findFirstOrThrow({
    where: { role: "analyst" },
    orderBy: { id: "asc" },
    select: { id: true, role: true, authorityId: true, officeId: true },
  });
  const authorityId = analyst.authorityId;
  if (authorityId === null) throw new Error("The seeded analyst has no authority.");
  const office = await db.office.findFirstOrThrow({ where: { authorityId }, orderBy: { id: "asc" }, select: { id: true } });
  const { id } = await createCalibration(db, analyst, {
    title: "總機轉接情境校準",
    scenario: "民眾來電詢問低收入戶申請應備文件，總機轉接社會課；承辦人答覆時未主動說明應備文件清單。",
    officeId: office.id,
    parts: "all",
  });
  const session = await getCalibration(db, analyst, id);
  if (!session) throw new Error("The seeded calibration session cannot be read back.");
  const evaluators = await db.user.findMany({
    where: { role: "evaluator", office: { authorityId } },
    orderBy: { id: "asc" },
    take: 3,
    select: { id: true },
  });
  for (const evaluator of evaluators) {
    const data: Record<string, unknown> = {};
    for (const item of session.scale.parts.filter((p) => session.partsTested.includes(p.key)).flatMap((p) => p.items)) {
      const mark = item.autoFail || rnd.next() < 0.7 ? item.maxPoints : Math.ceil(item.maxPoints / 2);
      data[item.key] = mark;
      if (mark < item.maxPoints) data[`${item.key}-Comment`] = rnd.pick(DEDUCTION_NOTES);
    }
    const outcome = await submitCalibrationScore(db, evaluator.id, session, data);
    if (!outcome.ok) throw new Error(`Seeding a calibration score failed: ${outcome.message}`);
  }
}
