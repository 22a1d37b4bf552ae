import { Prisma } from "~/generated/prisma/client";
import { t, type MessageKey } from "~/locales";
import { officeResults } from "~/modules/courtesy/results.server";
import { rocDateLabel, rocMonthLabel, taipeiDate } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { AnnualScope } from "./annual-request.server";
import { annualFigures } from "./annual.server";
import { completesNeeded, funnelCurve, monthlySeries, monthlyTrend, type OfficeFigure } from "./peer-figures";
import { yearMonths } from "./peer-figures.server";
import type { ReportChart, ReportModel, ReportSection, ReportTable } from "./report-model";

/** The margin an office's yearly sample is held to in the report (±5 points at 95 %). */
export const TARGET_MARGIN = 0.05;
const OVERALL = "overall";

const dimensionLabel = (d: string) => t(`dimension.${d}` as MessageKey);
const kindLabel = (k: string) => t(`officeKind.${k}` as MessageKey);
const col = (key: MessageKey, format: ReportTable["columns"][number]["format"]) => ({ label: t(key), format });
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const pts = (v: number) => (v * 100).toFixed(1);
const pValue = (p: number) => (p < 0.001 ? "< 0.001" : p.toFixed(3));

type AnsweredVersion = { title: string; version: number; createdAt: Date; responses: number };

/**
 * The questionnaire's versions answered in the year with their respondents, and the first
 * and last month answered, from the kept monthly statistics: the cost is offices × months.
 * A version's respondents in an office-month are its best-answered dimension's n, exact
 * where every respondent rates some dimension, as the required citizen items make sure.
 */
async function versionsAnswered(
  db: Db,
  questionnaire: { id: number; title: string },
  officeIds: number[],
  months: string[],
): Promise<{ versions: AnsweredVersion[]; firstMonth: string | null; lastMonth: string | null }> {
  if (officeIds.length === 0) return { versions: [], firstMonth: null, lastMonth: null };
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT c."versionId" AS "versionId", SUM(c."n") AS "n", MIN(c."month") AS "first", MAX(c."month") AS "last"
    FROM (
      SELECT s."versionId" AS "versionId", s."officeId" AS "officeId", s."month" AS "month", MAX(s."n") AS "n"
      FROM "MonthlyStat" s JOIN "SurveyVersion" v ON v."id" = s."versionId"
      WHERE v."definitionId" = ${questionnaire.id} AND s."officeId" IN (${Prisma.join(officeIds)})
        AND s."month" IN (${Prisma.join(months)}) AND s."n" > 0
      GROUP BY s."versionId", s."officeId", s."month"
    ) c
    GROUP BY c."versionId"`;
  const details = await db.surveyVersion.findMany({
    where: { id: { in: rows.map((r) => Number(r.versionId)) } },
    orderBy: { version: "asc" },
    select: { id: true, version: true, createdAt: true },
  });
  const firsts = rows.map((r) => String(r.first)).sort();
  const lasts = rows.map((r) => String(r.last)).sort();
  return {
    versions: details.map((v) => ({
      title: questionnaire.title,
      version: v.version,
      createdAt: v.createdAt,
      responses: Number(rows.find((r) => Number(r.versionId) === v.id)!.n),
    })),
    firstMonth: firsts[0] ?? null,
    lastMonth: lasts[lasts.length - 1] ?? null,
  };
}

function designSection(
  scope: AnnualScope,
  year: number,
  versions: Array<{ title: string; version: number; createdAt: Date; responses: number }>,
  channels: Array<{ kind: string; count: number }>,
  period: { first: string | null; last: string | null },
): ReportSection {
  const span =
    period.first && period.last
      ? t("report.design.period", { from: rocMonthLabel(period.first), to: rocMonthLabel(period.last) })
      : t("report.design.noPeriod");
  return {
    id: "design",
    title: t("report.section.design"),
    paragraphs: [t("report.design.intro", { scope: scope.name, year: year - 1911 }), span],
    tables: [
      {
        id: "versions",
        title: t("report.design.versions"),
        columns: [
          col("report.col.questionnaire", "text"),
          col("report.col.version", "int"),
          col("report.col.published", "text"),
          col("report.col.responses", "int"),
        ],
        rows: versions.map((v) => [v.title, v.version, rocDateLabel(taipeiDate(v.createdAt)), v.responses]),
      },
      {
        id: "channels",
        title: t("report.design.channels"),
        columns: [col("report.col.channelKind", "text"), col("report.col.count", "int")],
        rows: channels.map((c) => [t(`channel.kind.${c.kind}` as MessageKey), c.count]),
      },
    ],
    charts: [],
  };
}

function samplingSection(overall: OfficeFigure[]): ReportSection {
  const rows = overall.map((r) => {
    const needed = completesNeeded(TARGET_MARGIN, r.office.yearlyVisitors);
    const n = r.current?.n ?? 0;
    return [
      r.office.name,
      n,
      r.margin95,
      needed,
      r.office.yearlyVisitors,
      t(n >= needed ? "report.sampling.met" : "report.sampling.notMet"),
    ];
  });
  return {
    id: "sampling",
    title: t("report.section.sampling"),
    paragraphs: [t("report.sampling.intro", { margin: TARGET_MARGIN * 100 })],
    tables: [
      {
        id: "sampling",
        title: t("report.section.sampling"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.completes", "int"),
          col("report.col.margin95", "pct"),
          col("report.col.needed", "int"),
          col("report.col.visitors", "int"),
          col("report.col.met", "text"),
        ],
        rows,
      },
    ],
    charts: [],
  };
}

function resultsSection(rows: OfficeFigure[]): ReportSection {
  return {
    id: "results",
    title: t("report.section.results"),
    paragraphs: [t("report.results.intro")],
    tables: [
      {
        id: "results",
        title: t("report.section.results"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.dimension", "text"),
          col("report.col.n", "int"),
          col("report.col.share", "pct"),
          col("report.col.ciLow", "pct"),
          col("report.col.ciHigh", "pct"),
          col("report.col.score", "score"),
          col("report.col.rank", "text"),
        ],
        rows: rows.map((r) => [
          r.office.name,
          dimensionLabel(r.dimension),
          r.current?.n ?? 0,
          r.current?.satisfied ?? null,
          r.current?.lower ?? null,
          r.current?.upper ?? null,
          r.current?.score ?? null,
          r.rank ? `${r.rank.rank} / ${r.rank.of}` : r.current ? t("report.insufficient") : null,
        ]),
      },
    ],
    charts: [],
  };
}

function trendSection(overall: OfficeFigure[], scopeName: string): ReportSection {
  const pooled = new Map<string, { month: string; n: number; satisfied: number }>();
  for (const r of overall) {
    for (const m of r.monthly) {
      const p = pooled.get(m.month) ?? { month: m.month, n: 0, satisfied: 0 };
      pooled.set(m.month, { month: m.month, n: p.n + m.n, satisfied: p.satisfied + m.satisfied });
    }
  }
  const { points: series, centre } = monthlySeries([...pooled.values()]);
  const trend = monthlyTrend(series);
  const n = series.reduce((s, m) => s + m.n, 0);
  const chart: ReportChart = {
    kind: "trend",
    id: "trend-chart",
    caption: t("report.trend.caption", { scope: scopeName, n }),
    points: series.map((m) => ({
      label: rocMonthLabel(m.month),
      share: m.share,
      lower: m.lower,
      upper: m.upper,
      controlLower: m.controlLower,
      controlUpper: m.controlUpper,
      centre: centre ?? 0,
      out: m.outOfControl,
    })),
  };
  return {
    id: "trend",
    title: t("report.section.trend"),
    paragraphs: [trendSentence(scopeName, trend)],
    tables: [
      {
        id: "trend-months",
        title: t("report.trend.months", { scope: scopeName }),
        columns: [
          col("report.col.month", "text"),
          col("report.col.n", "int"),
          col("report.col.share", "pct"),
          col("report.col.ciLow", "pct"),
          col("report.col.ciHigh", "pct"),
          col("report.col.controlLow", "pct"),
          col("report.col.controlHigh", "pct"),
          col("report.col.outOfControl", "text"),
        ],
        rows: series.map((m) => [
          rocMonthLabel(m.month),
          m.n,
          m.share,
          m.lower,
          m.upper,
          m.controlLower,
          m.controlUpper,
          m.outOfControl ? t("report.trend.out") : "",
        ]),
      },
      {
        id: "trend-offices",
        title: t("report.trend.offices"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.months", "int"),
          col("report.col.verdict", "text"),
          col("report.col.tau", "stat"),
          col("report.col.p", "p"),
          col("report.col.sen", "score"),
          col("report.col.outMonths", "int"),
        ],
        rows: overall.map((r) => [
          r.office.name,
          r.monthly.length,
          r.trend ? t(`report.verdict.${r.trend.verdict}`) : t("report.trend.tooShort"),
          r.trend?.tau ?? null,
          r.trend?.p ?? null,
          r.trend ? r.trend.senPerYear * 100 : null,
          r.monthly.filter((m) => m.outOfControl).length,
        ]),
      },
    ],
    charts: [chart],
  };
}

function trendSentence(name: string, trend: ReturnType<typeof monthlyTrend>): string {
  if (!trend) return t("report.trend.tooShort");
  return t("report.trend.sentence", {
    name,
    verdict: t(`report.verdict.${trend.verdict}`),
    tau: trend.tau.toFixed(3),
    p: pValue(trend.p),
    sen: pts(trend.senPerYear),
    months: trend.months,
  });
}

function peersSection(rows: OfficeFigure[], overall: OfficeFigure[]): ReportSection {
  const charts: ReportChart[] = [];
  for (const kind of new Set(overall.map((r) => r.office.kind))) {
    const group = overall.filter((r) => r.office.kind === kind && r.current);
    const target = group[0]?.peerShare;
    if (target === null || target === undefined) continue;
    const maxN = Math.max(...group.map((r) => r.current!.n));
    const limits = funnelCurve(target, 10, maxN * 1.1);
    charts.push({
      kind: "funnel",
      id: `funnel-${kind}`,
      caption: t("report.peers.caption", { kind: kindLabel(kind), offices: group.length, share: pct(target) }),
      target,
      points: group.map((r) => ({ label: r.office.name, n: r.current!.n, share: r.current!.satisfied, flag: r.funnel?.flag ?? "within" })),
      limits,
    });
  }
  const ranked = [...overall].sort((a, b) => (a.rank?.rank ?? 1e9) - (b.rank?.rank ?? 1e9) || a.office.name.localeCompare(b.office.name));
  return {
    id: "peers",
    title: t("report.section.peers"),
    paragraphs: [t("report.peers.intro")],
    tables: [
      {
        id: "ranking",
        title: t("report.peers.ranking"),
        columns: [
          col("report.col.kind", "text"),
          col("report.col.office", "text"),
          col("report.col.rank", "text"),
          col("report.col.n", "int"),
          col("report.col.share", "pct"),
          col("report.col.ciLow", "pct"),
          col("report.col.ciHigh", "pct"),
          col("report.col.peerShare", "pct"),
          col("report.col.funnel", "text"),
        ],
        rows: ranked.map((r) => [
          kindLabel(r.office.kind),
          r.office.name,
          r.rank ? `${r.rank.rank} / ${r.rank.of}` : t("report.insufficient"),
          r.current?.n ?? 0,
          r.current?.satisfied ?? null,
          r.current?.lower ?? null,
          r.current?.upper ?? null,
          r.peerShare,
          r.funnel && r.current?.sufficient ? t(`report.funnel.${r.funnel.flag}` as MessageKey) : null,
        ]),
      },
      {
        id: "yoy",
        title: t("report.peers.yoy"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.dimension", "text"),
          col("report.col.share", "pct"),
          col("report.col.prevShare", "pct"),
          col("report.col.diff", "pp"),
          col("report.col.diffLow", "pp"),
          col("report.col.diffHigh", "pp"),
          col("report.col.p", "p"),
          col("report.col.pHolm", "p"),
          col("report.col.significant", "text"),
        ],
        rows: rows.map((r) => [
          r.office.name,
          dimensionLabel(r.dimension),
          r.current?.satisfied ?? null,
          r.previous?.satisfied ?? null,
          r.yoy?.diff ?? null,
          r.yoy?.lower ?? null,
          r.yoy?.upper ?? null,
          r.yoy?.p ?? null,
          r.yoy?.pHolm ?? null,
          r.yoy?.significant ? t("report.significant") : "",
        ]),
      },
    ],
    charts,
  };
}

async function courtesySection(db: Db, scope: AnnualScope, year: number): Promise<ReportSection> {
  const offices = await db.office.findMany({
    where: scope.officeId === null ? { authorityId: scope.authorityId } : { id: scope.officeId },
    orderBy: { id: "asc" },
    select: { id: true, name: true, active: true, peerGroupId: true, peerGroup: { select: { name: true } } },
  });
  const results = await officeResults(db, offices, { kind: "year", year: String(year) });
  const months = yearMonths(year);
  const reports = await db.improvementReport.groupBy({
    by: ["officeId"],
    where: { officeId: { in: offices.map((o) => o.id) }, month: { in: months } },
    _count: { _all: true, filedAt: true },
  });
  return {
    id: "courtesy",
    title: t("report.section.courtesy"),
    paragraphs: [t("report.courtesy.intro")],
    tables: [
      {
        id: "courtesy",
        title: t("report.section.courtesy"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.calls", "int"),
          col("report.col.meanScore", "score"),
          col("report.col.ciLow", "score"),
          col("report.col.ciHigh", "score"),
          col("report.col.rank", "text"),
          ...results.bands.map((b) => ({ label: b, format: "int" as const })),
          col("report.col.improvements", "int"),
          col("report.col.improvementsFiled", "int"),
        ],
        rows: results.offices.map((o) => {
          const r = reports.find((x) => x.officeId === o.id);
          return [
            o.name,
            o.figure?.n ?? 0,
            o.figure?.mean ?? null,
            o.figure?.lower ?? null,
            o.figure?.upper ?? null,
            o.rank ? `${o.rank.rank} / ${o.rank.of}` : null,
            ...results.bands.map((b) => o.bands[b] ?? 0),
            r?._count._all ?? 0,
            r?._count.filedAt ?? 0,
          ];
        }),
      },
    ],
    charts: [],
  };
}

async function followUpSection(db: Db, offices: Array<{ id: number; name: string }>, year: number): Promise<ReportSection> {
  const cases = await db.followUpCase.findMany({
    where: { officeId: { in: offices.map((o) => o.id) }, response: { month: { in: yearMonths(year) } } },
    select: { officeId: true, status: true, dueDate: true, resolvedAt: true },
  });
  const rows = offices.map((o) => {
    const mine = cases.filter((c) => c.officeId === o.id);
    const closed = mine.filter((c) => c.status === "resolved" && c.resolvedAt);
    // On time: closed on or before the third working day after the answer (the case's due date).
    const onTime = closed.filter((c) => c.dueDate !== null && taipeiDate(c.resolvedAt!) <= c.dueDate);
    return [o.name, mine.length, closed.length, onTime.length, mine.length ? onTime.length / mine.length : null];
  });
  return {
    id: "followup",
    title: t("report.section.followUp"),
    paragraphs: [t("report.followUp.intro")],
    tables: [
      {
        id: "followup",
        title: t("report.section.followUp"),
        columns: [
          col("report.col.office", "text"),
          col("report.col.cases", "int"),
          col("report.col.closed", "int"),
          col("report.col.onTime", "int"),
          col("report.col.onTimeShare", "pct"),
        ],
        rows,
      },
    ],
    charts: [],
  };
}

/** The significant changes of the year in plain sentences, for the 檢討改善 section. */
export function significantChanges(rows: OfficeFigure[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.yoy?.significant) {
      out.push(
        t(r.yoy.diff > 0 ? "report.summary.yoyUp" : "report.summary.yoyDown", {
          office: r.office.name,
          dimension: dimensionLabel(r.dimension),
          diff: pts(Math.abs(r.yoy.diff)),
          p: pValue(r.yoy.pHolm!),
        }),
      );
    }
  }
  for (const r of rows.filter((x) => x.dimension === OVERALL)) {
    if (r.trend && r.trend.verdict !== "none") {
      out.push(
        t("report.summary.trend", {
          office: r.office.name,
          verdict: t(`report.verdict.${r.trend.verdict}`),
          p: pValue(r.trend.p),
          sen: pts(r.trend.senPerYear),
        }),
      );
    }
    if (r.current?.sufficient && (r.funnel?.flag === "below99.8" || r.funnel?.flag === "above99.8")) {
      out.push(t(r.funnel.flag === "below99.8" ? "report.summary.funnelBelow" : "report.summary.funnelAbove", { office: r.office.name }));
    }
  }
  return out.length ? out : [t("report.summary.none")];
}

function methodsSection(): ReportSection {
  const keys = ["unit", "wilson", "score", "yoy", "holm", "funnel", "pchart", "mk", "sample", "followUp", "courtesy"] as const;
  return {
    id: "methods",
    title: t("report.section.methods"),
    paragraphs: keys.map((k) => t(`report.method.${k}`)),
    tables: [],
    charts: [],
  };
}

/** The whole annual report of an authority or one office; `progress` hears the fraction done. */
export async function annualReport(
  db: Db,
  scope: AnnualScope,
  year: number,
  progress: (fraction: number) => Promise<void> = async () => {},
): Promise<{ model: ReportModel; rows: OfficeFigure[] }> {
  const { questionnaire, offices, rows } = await annualFigures(db, scope, year);
  await progress(0.3);
  const months = yearMonths(year);
  const officeIds = offices.map((o) => o.id);
  const { versions, firstMonth, lastMonth } = await versionsAnswered(db, questionnaire, officeIds, months);
  // An index on (channelId, month) keeps this to a lookup per channel, however many answers there are.
  const channelGroups = await db.channel.groupBy({
    by: ["kind"],
    where: { officeId: { in: officeIds }, responses: { some: { month: { in: months } } } },
    _count: { _all: true },
  });
  await progress(0.45);
  const overall = rows.filter((r) => r.dimension === OVERALL);
  const note = await db.reportNote.findUnique({ where: { scope_year: { scope: noteScope(scope), year } }, select: { text: true } });
  const sections: ReportSection[] = [
    designSection(
      scope,
      year,
      versions,
      channelGroups.map((c) => ({ kind: c.kind, count: c._count._all })),
      { first: firstMonth, last: lastMonth },
    ),
    samplingSection(overall),
    resultsSection(rows),
    trendSection(overall, scope.name),
    peersSection(rows, overall),
    await courtesySection(db, scope, year),
    await followUpSection(db, offices, year),
    {
      id: "review",
      title: t("report.section.review"),
      paragraphs: [
        t("report.review.automatic"),
        ...significantChanges(rows),
        t("report.review.analyst"),
        ...(note?.text.trim() ? note.text.trim().split(/\n+/) : [t("report.review.noNote")]),
      ],
      tables: [],
      charts: [],
    },
    methodsSection(),
  ];
  await progress(0.6);
  return {
    model: {
      title: t("report.title", { year: year - 1911 }),
      subtitle: scope.name,
      generated: t("report.generated", { date: rocDateLabel(taipeiDate(new Date())) }),
      sections,
    },
    rows,
  };
}

/** The key a report's analyst note is saved under. */
export function noteScope(scope: AnnualScope): string {
  return scope.officeId === null ? `authority:${scope.authorityId}` : `office:${scope.officeId}`;
}
