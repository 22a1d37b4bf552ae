import { citizenSatisfaction } from "../../app/modules/surveys/templates/citizen";
import { followUpDueDate } from "../../app/modules/surveys/follow-up";
import { lastMonths, taipeiMonth } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import type { WorkedDays } from "../../app/modules/calendar/working-days";
import { bulkInsert } from "./bulk";
import { createRandom, type Random } from "./random";

type RatedItem = { name: string; dimension: string };

const RATED_ITEMS: RatedItem[] = citizenSatisfaction.pages
  .flatMap((p) => p.elements as Array<{ type: string; name: string; dimension?: string }>)
  .filter((e) => e.type === "rating")
  .map((e) => ({ name: e.name, dimension: e.dimension ?? "untagged" }));

// How each dimension sits against the office's mean: environment scores a little lower
// in the plans' published results, courtesy a little higher.
const DIMENSION_SHIFT: Record<string, number> = { environment: -0.15, courtesy: 0.15, professionalism: 0.05, measures: -0.1, overall: 0 };

const COMMENTS = ["等候時間有點久", "服務人員很親切，謝謝", "希望增加停車位", "指標不太清楚", "線上預約很方便", "冷氣太冷", "辦理速度很快"];
const PURPOSES = ["registration", "social", "civil", "consult"];
const GENDERS = ["female", "female", "male", "male", "other"];
const AGES = ["under20", "20-29", "30-39", "30-39", "40-49", "40-49", "50-64", "50-64", "65+"];
// The optional demographic answers draw from their own stream, so adding them left every
// other seeded figure as it was.
const DEMOGRAPHICS_SEED = 4077;

type Channel = { id: number; officeId: number };

/**
 * Synthetic responses over `months` months ending now: each office has its own level,
 * a summer dip (crowds and heat), a slow upward trend, and respondents vary around it.
 */
export async function seedResponses(
  db: Db,
  rnd: Random,
  versionId: number,
  channels: Channel[],
  now: Date,
  calendar: WorkedDays,
  months = 24,
) {
  const monthList = lastMonths(taipeiMonth(now), months);
  const managers = new Map(
    (await db.user.findMany({ where: { role: "manager" }, select: { id: true, officeId: true }, orderBy: { id: "asc" } }))
      .filter((m) => m.officeId !== null)
      .map((m) => [m.officeId as number, m.id]),
  );
  let responseId = ((await db.response.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
  const responses: Array<Record<string, unknown>> = [];
  const answers: Array<{ responseId: number; officeId: number; month: string; questionName: string; dimension: string; value: number }> =
    [];
  const cases: Array<{
    responseId: number;
    officeId: number;
    reason: string;
    dueDate: string | null;
    ownerId: number | null;
    status: string;
    resolution: string;
    resolvedAt: Date | null;
    createdAt: Date;
    contact: string | null;
  }> = [];

  const about = createRandom(DEMOGRAPHICS_SEED);
  for (const channel of channels) {
    const officeLevel = 4.0 + rnd.normal() * 0.25;
    const officeSize = rnd.int(25, 60);
    monthList.forEach((month, index) => {
      const [y, m] = month.split("-").map(Number);
      const summerDip = m >= 6 && m <= 8 ? -0.15 : 0;
      const trend = (index / months) * 0.2;
      const count = Math.max(5, Math.round(officeSize * (1 + rnd.normal() * 0.15)));
      const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let i = 0; i < count; i += 1) {
        // Every draw happens whether or not the answer is kept, so the demo is the same
        // whatever the hour it is seeded: skipping an answer dated after "now" before its
        // draws would shift the stream for every office after it.
        const day = rnd.int(1, daysInMonth);
        const submittedAt = new Date(Date.UTC(y, m - 1, day, rnd.int(0, 8), rnd.int(0, 59)));
        const person = officeLevel + summerDip + trend + rnd.normal() * 0.7;
        const data: Record<string, unknown> = {};
        if (rnd.next() < 0.6) data.purpose = rnd.pick(PURPOSES);
        if (about.next() < 0.7) data.gender = about.pick(GENDERS);
        if (about.next() < 0.65) data.age = about.pick(AGES);
        let low = false;
        const rated = RATED_ITEMS.map((item) => {
          const value = Math.min(5, Math.max(1, Math.round(person + (DIMENSION_SHIFT[item.dimension] ?? 0) + rnd.normal() * 0.45)));
          data[item.name] = value;
          if (value <= 2) low = true;
          return { responseId, officeId: channel.officeId, month, questionName: item.name, dimension: item.dimension, value };
        });
        if (rnd.next() < 0.12) data.comment = rnd.pick(COMMENTS);
        const caseDraws = { resolvedChance: rnd.next(), statusChance: rnd.next(), daysToResolve: rnd.int(1, 4) };
        const durationMs = rnd.int(40, 240) * 1000;
        const duplicate = rnd.next() < 0.01;
        if (submittedAt > now) continue;
        answers.push(...rated);
        if (low) {
          const ageDays = (now.getTime() - submittedAt.getTime()) / 86_400_000;
          const resolved = ageDays > 10 || caseDraws.resolvedChance < 0.3;
          cases.push({
            responseId,
            officeId: channel.officeId,
            reason: "followUp.reason.lowRating",
            dueDate: followUpDueDate(calendar, submittedAt),
            ownerId: managers.get(channel.officeId) ?? null,
            status: resolved ? "resolved" : caseDraws.statusChance < 0.5 ? "open" : "in_progress",
            resolution: resolved ? "已電話聯繫民眾說明並改善" : "",
            resolvedAt: resolved ? new Date(submittedAt.getTime() + caseDraws.daysToResolve * 86_400_000) : null,
            createdAt: submittedAt,
            contact: null,
          });
        }
        responses.push({
          id: responseId,
          channelId: channel.id,
          versionId,
          officeId: channel.officeId,
          answers: JSON.stringify(data),
          submittedAt,
          month,
          durationMs,
          duplicate,
        });
        responseId += 1;
      }
    });
  }
  keepLatestCaseOpen(cases);
  await bulkInsert(db, "Response", responses);
  await bulkInsert(db, "Answer", answers);
  await bulkInsert(db, "FollowUpCase", cases);
  return { responses: responses.length, answers: answers.length, followUps: cases.length };
}

type SeededCase = { officeId: number; status: string; resolution: string; resolvedAt: Date | null; createdAt: Date };

/**
 * Every office's manager finds work waiting whatever day the demo is seeded: where chance
 * resolved all of an office's cases, its latest one is left open.
 */
function keepLatestCaseOpen(cases: SeededCase[]): void {
  const latest = new Map<number, SeededCase>();
  const waiting = new Set<number>();
  for (const c of cases) {
    if (c.status !== "resolved") waiting.add(c.officeId);
    const seen = latest.get(c.officeId);
    if (!seen || c.createdAt > seen.createdAt) latest.set(c.officeId, c);
  }
  for (const [officeId, c] of latest) {
    if (waiting.has(officeId)) continue;
    Object.assign(c, { status: "open", resolution: "", resolvedAt: null });
  }
}
