import { pathToFileURL } from "node:url";
import { prisma, type Db } from "../app/utils/db.server";
import { workedDays } from "../app/modules/calendar/calendar.server";
import { rebuildMonthlyStats } from "../app/modules/reports/monthly-stats.server";
import { seedShippedCalendars } from "./seed/calendar";
import { seedChecklists } from "./seed/checklists";
import { seedCourtesy } from "./seed/courtesy";
import { seedOrganisation } from "./seed/org";
import { createRandom } from "./seed/random";
import { seedResponses } from "./seed/responses";
import { seedSurveys } from "./seed/surveys";

const SEED = 20260101;

/** Fills an empty database with the demo (and the shipped calendars); refuses a database that already has offices. */
export async function seedDemo(db: Db, now = new Date()) {
  await seedShippedCalendars(db);
  if ((await db.office.count()) > 0) return null;
  const rnd = createRandom(SEED);
  const offices = await seedOrganisation(db);
  const surveys = await seedSurveys(db, offices);
  const counts = await seedResponses(db, rnd, surveys.citizenVersionId, surveys.channels, now, await workedDays(db));
  // The demo's answers are bulk-inserted past the submission path, so count them once here.
  await rebuildMonthlyStats(db);
  const courtesy = await seedCourtesy(db, rnd, now);
  const checklists = await seedChecklists(db, rnd, now);
  return {
    offices: offices.length,
    ...counts,
    testCalls: courtesy.calls,
    improvementReports: courtesy.reports,
    checklistRecords: checklists.records,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = Date.now();
  const result = await seedDemo(prisma);
  console.log(
    result ? `Seeded demo data in ${Date.now() - started} ms: ${JSON.stringify(result)}` : "Database already has offices; nothing seeded.",
  );
  await prisma.$disconnect();
}
