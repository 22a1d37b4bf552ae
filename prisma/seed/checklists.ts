import {
  answersToFormData,
  readChecklistForm,
  scoreChecklist,
  templateItems,
  type Check,
  type Checks,
  type ChecklistTemplateDef,
  type FieldValue,
} from "../../app/modules/checklists";
import { ensureTemplates, latestTemplates } from "../../app/modules/checklists/records.server";
import { loadedYears, workingDaysOf } from "../../app/modules/calendar/calendar.server";
import { currentScale } from "../../app/modules/courtesy/scales.server";
import { lastMonths, taipeiDate, taipeiDayStart, taipeiMonth } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import type { Random } from "./random";

/** Items that fail more often on real rounds: wilting plants, stale leaflets, queues. */
const TROUBLE_ITEMS: Record<string, number> = {
  "duty-log/env08": 4,
  "duty-log/env06": 2.5,
  "duty-log/env12": 2,
  "duty-log/fac10": 3,
  "duty-log/fac12": 3,
  "duty-log/fac26": 3.5,
  "duty-log/etq04": 2.5,
  "mystery-visit/arr02": 3,
  "mystery-visit/ctr02": 2.5,
  "mystery-visit/pro02": 3,
  "mystery-visit/wait04": 2,
};
/** Parking items: not applicable where the office has no car park. */
const PARKING_ITEMS = ["env01", "env02", "fac01"];
const LUNCH_SLOT = "s1230";

const SURNAMES = ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭"];
const GIVEN = ["雅婷", "志明", "淑惠", "冠宇", "怡君", "建宏", "佩珊", "家豪", "美玲", "俊傑"];
const UNITS: Record<string, string[]> = { district: ["民政課", "社會課", "經建課", "兵役課", "人文課"], household: ["戶籍課", "行政課"] };
const ERRANDS: Record<string, string[]> = {
  district: ["申請低收入戶資格", "詢問敬老愛心卡申辦", "申請役男兵籍資料", "申請急難救助", "租借活動中心場地"],
  household: ["申請戶籍謄本", "辦理出生登記", "換發國民身分證", "辦理遷入登記", "申請印鑑證明"],
};
const INCIDENTS = [
  "10:40 民眾於等候區身體不適，已協助通報並聯繫家屬。",
  "12:50 叫號機當機約 10 分鐘，已請資訊人員排除。",
  "2 樓廁所衛生紙用罄，已通知清潔人員補充。",
  "宣導架上仍有過期活動文宣，已請權責課室撤換。",
  "無障礙坡道旁有機車停放，已請警衛勸導移置。",
];
const VISIT_NOTES = [
  "承辦人員說明清楚，並主動提供書表範例。",
  "等候時間較長，現場無人員疏導。",
  "服務台志工未在位，需自行尋找櫃檯。",
  "櫃檯人員態度親切，唯未主動詢問是否還有其他需求。",
];

/**
 * About six months of on-site records for nine offices (every third one, and 萬華, whose
 * manager is the demo account): a duty-officer log and a mystery-shopper visit a month,
 * each by an evaluator from another office. Every office has its own level and improves
 * slowly; some items fail more often, the lunch hour worst. Answers go through the same
 * form reader and scoring as the pages. Returns how many templates and records exist.
 */
export async function seedChecklists(db: Db, rnd: Random, now: Date, months = 6) {
  await ensureTemplates(db);
  const templates = await latestTemplates(db);
  const { scale } = await currentScale(db);
  const evaluators = await db.user.findMany({
    where: { role: "evaluator", active: true },
    orderBy: { id: "asc" },
    select: { id: true, officeId: true },
  });
  const all = await db.office.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, name: true, kind: true } });
  const offices = all.filter((o, i) => i % 3 === 0 || o.name === "臺北市萬華區公所");
  const today = taipeiDate(now);
  // Only months the shipped calendars cover: a working day is never guessed from the weekday.
  const loaded = await loadedYears(db);
  const monthList = lastMonths(taipeiMonth(now), months).filter((m) => loaded.includes(Number(m.slice(0, 4))));
  const workingDays = await Promise.all(monthList.map((month) => workingDaysOf(db, month)));

  const rows = [];
  for (const [officeIndex, office] of offices.entries()) {
    const level = 0.8 + rnd.next() * 0.16;
    const hasParking = rnd.next() < 0.7;
    const visitors = evaluators.filter((e) => e.officeId !== office.id);
    if (visitors.length === 0) continue;
    // Visits rotate among the other offices' evaluators, so each of them (the demo
    // evaluator too) has records at every office whatever day the demo is seeded.
    let visit = officeIndex;
    for (const [index, month] of monthList.entries()) {
      const days = workingDays[index].filter((d) => d < today);
      if (days.length === 0) continue;
      const quality = Math.min(0.995, level + index * 0.008);
      for (const stored of templates) {
        const date = rnd.pick(days);
        const { data, submittedAt } = fillIn(rnd, stored.template, office.kind, quality, hasParking, date);
        const form = readChecklistForm(stored.template, data);
        if (!form.ok) throw new Error(`seed checklist ${stored.template.key} is invalid: ${JSON.stringify(form.errors)}`);
        const score = scoreChecklist(stored.template, form.answers.checks, scale);
        rows.push({
          templateId: stored.id,
          officeId: office.id,
          date,
          month,
          evaluatorId: visitors[visit++ % visitors.length].id,
          kind: stored.template.kind,
          answers: JSON.stringify(form.answers),
          score: score.score,
          band: score.band,
          notes: form.notes,
          submittedAt,
        });
      }
    }
  }
  await db.checklistRecord.createMany({ data: rows });
  return { templates: templates.length, records: rows.length };
}

/** One realistic filled-in form, as SurveyJS data. */
function fillIn(rnd: Random, template: ChecklistTemplateDef, officeKind: string, quality: number, hasParking: boolean, date: string) {
  const kind = officeKind === "household" ? "household" : "district";
  const fields: Record<string, FieldValue> = {};
  let notes = "";
  let waitMinutes = 0;
  let submittedAt = new Date(taipeiDayStart(date).getTime() + 17.5 * 3_600_000);
  if (template.kind === "mystery-visit") {
    waitMinutes = Math.max(0, Math.round(6 + 6 * rnd.normal() + (1 - quality) * 40));
    const hour = rnd.pick([9, 10, 11, 14, 15, 16]);
    const minute = rnd.int(0, 59);
    fields.arrivedAt = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    fields.errand = rnd.pick(ERRANDS[kind]);
    fields.waitMinutes = waitMinutes;
    if (rnd.next() < 0.5) fields.counter = `${rnd.int(1, 8)} 號櫃檯`;
    if (rnd.next() < 0.6) notes = rnd.pick(VISIT_NOTES);
    submittedAt = new Date(taipeiDayStart(date).getTime() + (hour + 1) * 3_600_000);
  } else {
    const person = () => `${rnd.pick(UNITS[kind])} ${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`;
    fields.recommendedStaff = Array.from({ length: rnd.int(1, 3) }, person);
    fields.volunteerName = `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`;
    fields.volunteerVest = rnd.next() < 0.92 ? "yes" : "no";
    fields.volunteerMorning = rnd.next() < 0.9 ? "normal" : rnd.pick(["abnormal", "none"]);
    fields.volunteerAfternoon = rnd.next() < 0.85 ? "normal" : rnd.pick(["abnormal", "none"]);
    fields.volunteerService = rnd.next() < 0.7 ? "good" : rnd.next() < 0.8 ? "fair" : "poor";
    if (rnd.next() < 0.3) notes = rnd.pick(INCIDENTS);
  }

  const checks: Checks = {};
  for (const slot of template.slots) {
    checks[slot.key] = {};
    for (const item of templateItems(template)) {
      checks[slot.key][item.key] = check(rnd, template.key, slot.key, item.key, { quality, hasParking, waitMinutes });
    }
  }
  return { data: answersToFormData(template, { checks, fields }, notes), submittedAt };
}

function check(
  rnd: Random,
  templateKey: string,
  slot: string,
  item: string,
  o: { quality: number; hasParking: boolean; waitMinutes: number },
): Check {
  if (!o.hasParking && PARKING_ITEMS.includes(item) && templateKey === "duty-log") return "na";
  if (templateKey === "duty-log" && item === "fac13" && rnd.next() < 0.6) return "na"; // nobody waited 10 minutes
  if (templateKey === "mystery-visit") {
    if (item === "wait03" && o.waitMinutes <= 10) return "na";
    if (item === "wait02") return o.waitMinutes <= 15 ? "yes" : "no";
  }
  const difficulty = (TROUBLE_ITEMS[`${templateKey}/${item}`] ?? 0.6) * (slot === LUNCH_SLOT ? 1.6 : 1);
  return rnd.next() < (1 - o.quality) * difficulty ? "no" : "yes";
}
