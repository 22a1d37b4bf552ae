import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { taipeiDate, taipeiMonth } from "~/utils/dates";
import { annualReport } from "~/modules/reports/annual-report.server";
import type { ReportTable } from "~/modules/reports/report-model";
import { respondents, wilson, yearMonths } from "../support/figures";

// The last complete year: every month has answers, calls and follow-up cases.
const year = Number(taipeiMonth(new Date()).slice(0, 4)) - 1;
let authorityId: number;
let offices: Array<{ id: number; name: string }>;
let tables: Map<string, ReportTable>;

/** A table's rows keyed by their first cell, the office's name. */
function rowsByOffice(id: string): Map<string, Array<string | number | null>> {
  const table = tables.get(id);
  expect(table, id).toBeDefined();
  return new Map(table!.rows.map((r) => [String(r[0]), r]));
}

beforeAll(async () => {
  const wanhua = await prisma.office.update({
    where: { name: "臺北市萬華區公所" },
    data: { yearlyVisitors: 2000 },
    select: { authorityId: true },
  });
  authorityId = wanhua.authorityId;
  offices = await prisma.office.findMany({ where: { authorityId }, select: { id: true, name: true }, orderBy: { id: "asc" } });
  const authority = await prisma.authority.findUniqueOrThrow({ where: { id: authorityId }, select: { name: true } });
  const { model } = await annualReport(prisma, { authorityId, officeId: null, name: authority.name }, year);
  tables = new Map(model.sections.flatMap((s) => s.tables).map((t) => [t.id, t]));
}, 120_000);

describe("the annual report's tables against the raw rows", () => {
  it("調查設計: each questionnaire version answered in the year with its respondents, duplicates left out", async () => {
    const counted = await prisma.response.groupBy({
      by: ["versionId"],
      where: {
        officeId: { in: offices.map((o) => o.id) },
        month: { in: yearMonths(year) },
        duplicate: false,
        version: { definition: { kind: "citizen" } },
      },
      _count: { _all: true },
    });
    const versions = await prisma.surveyVersion.findMany({
      where: { id: { in: counted.map((c) => c.versionId) } },
      select: { id: true, version: true },
    });
    const expected = versions.map((v) => [v.version, counted.find((c) => c.versionId === v.id)!._count._all]).sort((a, b) => a[0] - b[0]);
    expect(tables.get("versions")!.rows.map((r) => [r[1], r[3]])).toEqual(expected);
    expect(expected.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(1000);
  });

  it("抽樣設計: completes and the Wilson margin per office, and the completes a ±5 % margin needs (323 for 2,000 visitors, else 385)", async () => {
    const rows = rowsByOffice("sampling");
    const people = await respondents(
      offices.map((o) => o.id),
      yearMonths(year),
    );
    for (const office of offices) {
      const overall = people.filter((p) => p.officeId === office.id && p.dims.has("overall"));
      const satisfied = overall.filter((p) => p.dims.get("overall")! >= 4).length;
      const row = rows.get(office.name)!;
      expect(row, office.name).toBeDefined();
      expect(row[1]).toBe(overall.length);
      const w = wilson(satisfied, overall.length);
      expect(row[2] as number).toBeCloseTo((w.upper - w.lower) / 2, 9);
      // Cochran's n0 = 1.96² · 0.25 / 0.05² = 384.1; with the finite-population correction for N = 2,000: 322.4.
      const needed = office.name === "臺北市萬華區公所" ? 323 : 385;
      expect(row[3], office.name).toBe(needed);
      expect(row[5]).toBe(overall.length >= needed ? "達成" : "未達成");
    }
  });

  it("不滿意追蹤: cases of the year's answers, those closed, and those closed by their due date (3 working days)", async () => {
    const rows = rowsByOffice("followup");
    const cases = await prisma.followUpCase.findMany({
      where: { officeId: { in: offices.map((o) => o.id) } },
      select: { officeId: true, status: true, dueDate: true, resolvedAt: true, response: { select: { month: true } } },
    });
    let total = 0;
    for (const office of offices) {
      const mine = cases.filter((c) => c.officeId === office.id && c.response.month.startsWith(`${year}-`));
      const closed = mine.filter((c) => c.status === "resolved" && c.resolvedAt !== null);
      const onTime = closed.filter((c) => c.dueDate !== null && taipeiDate(c.resolvedAt!) <= c.dueDate);
      const row = rows.get(office.name)!;
      expect(row.slice(1, 4), office.name).toEqual([mine.length, closed.length, onTime.length]);
      if (mine.length > 0) expect(row[4] as number).toBeCloseTo(onTime.length / mine.length, 12);
      total += mine.length;
    }
    expect(total).toBeGreaterThan(100);
  });

  it("電話禮貌測試: scored calls, their mean, the bands and the improvement reports per office, calibration calls left out", async () => {
    const table = tables.get("courtesy")!;
    const rows = rowsByOffice("courtesy");
    const calls = await prisma.testCall.findMany({
      where: { officeId: { in: offices.map((o) => o.id) }, month: { in: yearMonths(year) }, status: "submitted", calibrationId: null },
      select: { officeId: true, total: true, band: true },
    });
    const reports = await prisma.improvementReport.findMany({
      where: { officeId: { in: offices.map((o) => o.id) }, month: { in: yearMonths(year) } },
      select: { officeId: true, filedAt: true },
    });
    const bandColumns = table.columns.slice(6, -2).map((c) => c.label);
    expect(bandColumns.length).toBeGreaterThan(1);
    let counted = 0;
    for (const office of offices) {
      const mine = calls.filter((c) => c.officeId === office.id && c.total !== null);
      const row = rows.get(office.name);
      if (mine.length === 0 && !row) continue;
      expect(row, office.name).toBeDefined();
      expect(row![1]).toBe(mine.length);
      if (mine.length > 0) expect(row![2] as number).toBeCloseTo(mine.reduce((s, c) => s + c.total!, 0) / mine.length, 9);
      bandColumns.forEach((band, i) => expect(row![6 + i], `${office.name} ${band}`).toBe(mine.filter((c) => c.band === band).length));
      const filed = reports.filter((r) => r.officeId === office.id);
      expect(row!.slice(-2)).toEqual([filed.length, filed.filter((r) => r.filedAt !== null).length]);
      counted += mine.length;
    }
    expect(counted).toBeGreaterThan(100);
  });
});
