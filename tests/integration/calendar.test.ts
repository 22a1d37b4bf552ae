import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadedYears } from "~/modules/calendar/calendar.server";
import { submitResponse } from "~/modules/surveys/responses.server";
import * as calendarPage from "~/routes/_staff.admin.calendar";
import * as plansPage from "~/routes/_staff.courtesy.plans";
import { seedShippedCalendars } from "../../prisma/seed/calendar";
import { fixtureCsv, fixtureDays, fixtureYearWithMakeUpDay } from "../support/calendar-fixture";
import { formRequest, get, run, sessionCookie } from "../support/session";
import { RATED } from "../support/citizen";

function upload(cookie: string, name: string, type: string, content: BlobPart): Request {
  const form = new FormData();
  form.append("file", new File([content], name, { type }));
  return new Request("http://localhost/admin/calendar", { method: "POST", body: form, headers: { Cookie: cookie } });
}

const planRequest = (cookie: string, month: string) =>
  formRequest("/courtesy/plans", cookie, { intent: "plan", month, callsPerTarget: "1", seed: "7", replace: "on" });

/** Everything an import or a plan could write, to prove a refusal wrote nothing. */
async function writes() {
  const [days, audits, plans, calls, pending] = await Promise.all([
    prisma.calendarDay.count(),
    prisma.auditLog.count(),
    prisma.callPlan.count(),
    prisma.testCall.count(),
    prisma.followUpCase.count({ where: { dueDate: null } }),
  ]);
  return { days, audits, plans, calls, pending };
}

/** The n-th worked day after `date`, read straight from the table's rows. */
async function nthWorkedDayAfter(date: string, n: number): Promise<string> {
  const rows = await prisma.calendarDay.findMany({
    where: { date: { gt: date }, isHoliday: false },
    orderBy: { date: "asc" },
    take: n,
    select: { date: true },
  });
  return rows[n - 1].date;
}

/** The worked days of a month, read straight from the table's rows. */
async function workedDaysFromRows(month: string): Promise<string[]> {
  const rows = await prisma.calendarDay.findMany({
    where: { date: { startsWith: `${month}-` }, isHoliday: false },
    orderBy: { date: "asc" },
    select: { date: true },
  });
  return rows.map((r) => r.date);
}

/** The dates of the calls a plan drew (started calls carried over from an earlier plan excluded). */
async function plannedDates(month: string): Promise<string[]> {
  const plan = await prisma.callPlan.findFirstOrThrow({ where: { month, kind: "assigned" }, select: { id: true } });
  const calls = await prisma.testCall.findMany({ where: { planId: plan.id, status: "planned" }, select: { scheduledDate: true } });
  return [...new Set(calls.map((c) => c.scheduledDate))].sort();
}

const dissatisfied = { ...Object.fromEntries(RATED.map((n) => [n, 4])), overall: 1 };

let admin = "";
let analyst = "";
let manager = "";
let adminId = 0;

beforeAll(async () => {
  admin = await sessionCookie("admin@demo.gov.tw", "Admin#2026");
  analyst = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
  manager = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
  adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.gov.tw" }, select: { id: true } })).id;
});

describe("the shipped calendars in the seeded database", () => {
  it("has 2025, 2026 and 2027 loaded with the DGPA's totals of days off", async () => {
    expect(await loadedYears(prisma)).toEqual([2025, 2026, 2027]);
    for (const [year, daysOff] of [
      [2025, 118],
      [2026, 120],
      [2027, 121],
    ]) {
      expect(await prisma.calendarDay.count({ where: { year } })).toBe(365);
      expect(await prisma.calendarDay.count({ where: { year, isHoliday: true } })).toBe(daysOff);
    }
  });
});

describe("monthly call plans from the calendar table", () => {
  it("refuses a month of a year not loaded: 400, the zh-TW message, nothing written", async () => {
    const year = Math.max(...(await loadedYears(prisma))) + 1;
    const before = await writes();
    const res = await run(plansPage.action, planRequest(analyst, `${year}-01`));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe(
      `尚未匯入 ${year} 年（民國 ${year - 1911} 年）政府行政機關辦公日曆，請系統管理者至「辦公日曆」頁面匯入。`,
    );
    expect(await writes()).toEqual(before);
    expect(await prisma.callPlan.count({ where: { month: `${year}-01` } })).toBe(0);
  });

  it("plans 2026-02 on the table's working days: none of 02-16..02-20 or any other day off", async () => {
    const res = await run(plansPage.action, planRequest(analyst, "2026-02"));
    expect(res.status).toBe(200);
    const dates = await plannedDates("2026-02");
    const off = await prisma.calendarDay.findMany({ where: { date: { startsWith: "2026-02-" }, isHoliday: true }, select: { date: true } });
    expect(off.map((d) => d.date)).toEqual(expect.arrayContaining(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]));
    for (const d of off) expect(dates).not.toContain(d.date);
    // A call a day at least: the plan uses exactly the month's worked days.
    expect(dates).toEqual(await workedDaysFromRows("2026-02"));
  });

  it("plans January to March 2027 on the worked days of the shipped 2027 file, none on a day off", async () => {
    // Days read from the shipped file's own text, not from the table the planner uses.
    const days = readFileSync(new URL("../../prisma/seed/calendar/2027.csv", import.meta.url), "utf8")
      .split(/\r?\n/)
      .map((line) => line.split(","))
      .filter((cells) => /^\d{8}$/.test(cells[0]))
      .map(([d, , flag]) => ({ date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, off: flag === "2" }));
    const off = new Set(days.filter((d) => d.off).map((d) => d.date));
    expect([...off]).toEqual(expect.arrayContaining(["2027-01-01", "2027-02-04", "2027-02-09", "2027-02-10", "2027-03-01"]));
    for (const month of ["2027-01", "2027-02", "2027-03"]) {
      expect((await run(plansPage.action, planRequest(analyst, month))).status).toBe(200);
      const dates = await plannedDates(month);
      expect(dates.filter((d) => off.has(d))).toEqual([]);
      expect(dates).toEqual(days.filter((d) => !d.off && d.date.startsWith(`${month}-`)).map((d) => d.date));
    }
  });
});

describe("importing a year (TEST FIXTURE 2031, built from the weekday rule, not an official calendar)", () => {
  const fixture = fixtureYearWithMakeUpDay(2031);
  let pendingCaseId = 0;

  it("accepts a dissatisfied answer before its period's calendar is known; the case waits without a due date", async () => {
    // 2030-12-31 in Taipei: the three working days to count all fall in 2031.
    const result = await submitResponse({ code: "demo", answers: dissatisfied, now: new Date("2030-12-31T02:00:00Z") });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.followUpId).not.toBeNull();
    pendingCaseId = result.followUpId!;
    const stored = await prisma.followUpCase.findUniqueOrThrow({ where: { id: pendingCaseId }, select: { dueDate: true, status: true } });
    expect(stored).toEqual({ dueDate: null, status: "open" });
    // The admin page names the years the waiting case needs, beside this year and the next.
    const page = await (await run(calendarPage.loader, get("/admin/calendar", admin))).json();
    expect(page.missing).toEqual(expect.arrayContaining([2030, 2031]));
    expect((await run(plansPage.action, planRequest(analyst, "2031-01"))).status).toBe(400);
  });

  it("imports the year, fills the waiting due date counting the make-up Saturday, and audits it", async () => {
    const res = await run(calendarPage.action, upload(admin, "2031.csv", "text/csv", fixtureCsv(fixture.days)));
    expect(res.status).toBe(200);
    const daysOff = fixture.days.filter((d) => d.off).length;
    expect((await res.json()).ok).toMatch(new RegExp(`^已匯入 2031 年（民國 120 年）辦公日曆：放假 ${daysOff} 天`));
    expect(await loadedYears(prisma)).toContain(2031);
    expect(await prisma.calendarDay.count({ where: { year: 2031, isHoliday: true } })).toBe(daysOff);

    const due = (await prisma.followUpCase.findUniqueOrThrow({ where: { id: pendingCaseId }, select: { dueDate: true } })).dueDate;
    expect(due).toBe(await nthWorkedDayAfter("2030-12-31", 3));
    expect(due).toBe(fixture.makeUpSaturday);

    const log = await prisma.auditLog.findFirstOrThrow({ where: { entity: "CalendarDay", entityId: "2031" }, orderBy: { id: "desc" } });
    expect(log).toMatchObject({ action: "calendar.import", actorId: adminId });
    expect(JSON.parse(log.data)).toMatchObject({ makeUpDays: [fixture.makeUpSaturday] });
    expect(JSON.parse(log.data).filledDueDates).toBeGreaterThanOrEqual(1);
  });

  it("gives a new case its due date from the table, make-up Saturday included", async () => {
    const opened = "2031-01-02"; // a Thursday; the fixture's Saturday 2031-01-04 is worked
    const result = await submitResponse({ code: "demo", answers: dissatisfied, now: new Date(`${opened}T02:00:00Z`) });
    if (!result.ok) throw new Error(result.message);
    const stored = await prisma.followUpCase.findUniqueOrThrow({ where: { id: result.followUpId! }, select: { dueDate: true } });
    expect(stored.dueDate).toBe(await nthWorkedDayAfter(opened, 3));
    expect(stored.dueDate).toBe("2031-01-06");
  });

  it("plans a month of the imported year on its worked days: the make-up Saturday in, the holiday out", async () => {
    const res = await run(plansPage.action, planRequest(analyst, "2031-01"));
    expect(res.status).toBe(200);
    const dates = await plannedDates("2031-01");
    expect(dates).toEqual(await workedDaysFromRows("2031-01"));
    expect(dates).toContain(fixture.makeUpSaturday);
    expect(dates).not.toContain(fixture.holiday);
  });

  it("replaces a year on a second import, keeping one row per day", async () => {
    const changed = fixtureDays(2031, { "2031-06-02": { off: true, note: "測試用調整放假" } });
    const res = await run(
      calendarPage.action,
      upload(admin, "2031-revised.CSV", "application/vnd.ms-excel", fixtureCsv(changed, { eol: "\n", bom: true })),
    );
    expect(res.status).toBe(200);
    expect(await prisma.calendarDay.count({ where: { year: 2031 } })).toBe(365);
    expect(await prisma.calendarDay.findUniqueOrThrow({ where: { date: "2031-06-02" } })).toMatchObject({
      isHoliday: true,
      note: "測試用調整放假",
    });
    expect(await prisma.calendarDay.findUniqueOrThrow({ where: { date: fixture.makeUpSaturday } })).toMatchObject({
      isHoliday: true,
      note: "",
    });
    expect(
      (await prisma.auditLog.findFirstOrThrow({ where: { entity: "CalendarDay", entityId: "2031" }, orderBy: { id: "desc" } })).action,
    ).toBe("calendar.replace");
  });
});

describe("the calendar admin page", () => {
  it("lists the loaded years with days off and make-up days, warns about missing years, shows a year's special days", async () => {
    const res = await run(calendarPage.loader, new Request("http://localhost/admin/calendar?year=2025", { headers: { Cookie: admin } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    const loaded = await loadedYears(prisma);
    expect(body.years.map((y: { year: number }) => y.year)).toEqual(loaded);
    expect(body.years[0]).toEqual({ year: 2025, daysOff: 118, makeUpDays: ["2025-02-08"] });
    const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    expect(body.missing).toEqual([thisYear, thisYear + 1].filter((y) => !loaded.includes(y)));

    const rows = await prisma.calendarDay.findMany({ where: { year: 2025 }, orderBy: { date: "asc" } });
    const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const special = rows.filter((r) => r.isHoliday !== weekend(r.date) || r.note !== "");
    expect(body.specialDays).toEqual(special.map((r) => ({ date: r.date, isHoliday: r.isHoliday, note: r.note })));
    expect(body.specialDays.filter((d: { isHoliday: boolean }) => d.isHoliday)).toHaveLength(15);
    expect(body.specialDays).toContainEqual({ date: "2025-02-08", isHoliday: false, note: "補行上班" });
  });

  it("answers 400 for a year parameter that is not a year and 404 for a year not loaded", async () => {
    for (const [year, status] of [
      ["abc", 400],
      ["2026-01", 400],
      ["1999", 404],
    ] as const) {
      const res = await run(
        calendarPage.loader,
        new Request(`http://localhost/admin/calendar?year=${year}`, { headers: { Cookie: admin } }),
      );
      expect(res.status, year).toBe(status);
      expect((await res.json()).error, year).toMatch(status === 400 ? /年度應為/ : /找不到/);
    }
  });

  it("is for admins only: 403 for an analyst or a manager, nothing written", async () => {
    const before = await writes();
    for (const cookie of [analyst, manager]) {
      expect((await run(calendarPage.loader, new Request("http://localhost/admin/calendar", { headers: { Cookie: cookie } }))).status).toBe(
        403,
      );
      expect((await run(calendarPage.action, upload(cookie, "2032.csv", "text/csv", fixtureCsv(fixtureDays(2032))))).status).toBe(403);
    }
    expect(await writes()).toEqual(before);
  });

  it.each<[string, number, () => Request, RegExp]>([
    [
      "a form without a file part",
      400,
      () => new Request("http://localhost/admin/calendar", { method: "POST", body: new FormData(), headers: { Cookie: admin } }),
      /請選擇/,
    ],
    ["a plain form post", 415, () => formRequest("/admin/calendar", admin, { file: fixtureCsv(fixtureDays(2032)) }), /只接受 CSV/],
    [
      "a spreadsheet",
      415,
      () => upload(admin, "2032.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"),
      /只接受 CSV/,
    ],
    ["a .csv name with an image type", 415, () => upload(admin, "2032.csv", "image/png", fixtureCsv(fixtureDays(2032))), /只接受 CSV/],
    [
      "a file over 512 KB",
      413,
      () => upload(admin, "2032.csv", "text/csv", fixtureCsv(fixtureDays(2032)) + "x".repeat(520 * 1024)),
      /512 KB/,
    ],
    [
      "a weekday that disagrees with its date",
      400,
      () => upload(admin, "2032.csv", "text/csv", fixtureCsv(fixtureDays(2032)).replace("20320101,四", "20320101,五")),
      /第 2 行的星期「五」與日期不符/,
    ],
    [
      "a file missing a day",
      400,
      () => upload(admin, "2032.csv", "text/csv", fixtureCsv(fixtureDays(2032).filter((d) => d.date !== "2032-02-29"))),
      /缺少 2032 年的 1 天（例如 2032-02-29）/,
    ],
    [
      "bytes that are neither UTF-8 nor Big5",
      400,
      () => upload(admin, "2032.csv", "text/csv", new Uint8Array([0xff, 0xfe, 0xff, 0x80])),
      /文字編碼/,
    ],
  ])("refuses %s with %i and a zh-TW message, writing nothing", async (_, status, request, message) => {
    const before = await writes();
    const res = await run(calendarPage.action, request());
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
    expect(await writes()).toEqual(before);
    expect(await loadedYears(prisma)).not.toContain(2032);
  });
});

describe("seeding the shipped calendars", () => {
  it("fills a shipped year missing from the table, once, and leaves a year already there alone", async () => {
    await prisma.calendarDay.deleteMany({ where: { year: 2025 } });
    await prisma.calendarDay.update({ where: { date: "2026-03-02" }, data: { isHoliday: true, note: "管理者匯入的修正" } });
    expect(await seedShippedCalendars(prisma)).toEqual([2025]);
    expect(await prisma.calendarDay.count({ where: { year: 2025, isHoliday: true } })).toBe(118);
    expect(await prisma.calendarDay.findUniqueOrThrow({ where: { date: "2026-03-02" } })).toMatchObject({
      isHoliday: true,
      note: "管理者匯入的修正",
    });
    const audits = await prisma.auditLog.count();
    expect(await seedShippedCalendars(prisma)).toEqual([]);
    expect(await prisma.auditLog.count()).toBe(audits);
  });
});
