import { lastMonths } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { countResponse } from "~/modules/reports/monthly-stats.server";

const Z = 1.959963984540054; // qnorm(0.975)

/** Wilson (1927) score interval in closed form, as R's prop.test(x, n, correct = FALSE). */
export function wilson(x: number, n: number) {
  const p = x / n;
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n);
  return { lower: centre - half, upper: centre + half };
}

export type ExpectedFigure = { n: number; satisfied: number; lower: number; upper: number; score: number; sufficient: boolean };

/**
 * The figures of one office × months × questionnaire recomputed from the raw rows, without
 * the app's SQL: every non-duplicate respondent's items of a dimension are averaged, the
 * respondent is satisfied when that average is 4 or more on the 1-5 scale, the score maps
 * the mean of those averages onto 0-100, and the interval is Wilson's.
 */
export async function expectedFigures(officeId: number, months: string[], definitionId: number): Promise<Map<string, ExpectedFigure>> {
  const responses = await prisma.response.findMany({
    where: { officeId, month: { in: months }, version: { definitionId } },
    select: { duplicate: true, answerRows: { select: { dimension: true, value: true } } },
  });
  const perDimension = new Map<string, number[]>();
  for (const r of responses) {
    if (r.duplicate) continue;
    const items = new Map<string, number[]>();
    for (const a of r.answerRows) items.set(a.dimension, [...(items.get(a.dimension) ?? []), a.value]);
    for (const [dimension, values] of items) {
      const average = values.reduce((s, v) => s + v, 0) / values.length;
      perDimension.set(dimension, [...(perDimension.get(dimension) ?? []), average]);
    }
  }
  const out = new Map<string, ExpectedFigure>();
  for (const [dimension, averages] of perDimension) {
    const n = averages.length;
    const satisfied = averages.filter((a) => a >= 4).length;
    const mean = averages.reduce((s, a) => s + a, 0) / n;
    out.set(dimension, { n, satisfied: satisfied / n, ...wilson(satisfied, n), score: ((mean - 1) / 4) * 100, sufficient: n >= 30 });
  }
  return out;
}

/** Competition rank among eligible values, highest first: 1 + how many are strictly higher. */
export function expectedRank(value: number, eligible: number[]) {
  return { rank: 1 + eligible.filter((v) => v > value).length, of: eligible.length };
}

/** The month before the latest month holding responses: the latest complete month in the seed. */
export async function latestCompleteMonth(): Promise<string> {
  const latest = await prisma.response.findFirstOrThrow({ orderBy: { month: "desc" }, select: { month: true } });
  return lastMonths(latest.month, 2)[0];
}

type Rated = { name: string; dimension: string };

/** The rated items of a SurveyJS definition with their dimensions, read from its JSON. */
export function ratedItems(json: { pages: Array<{ elements: Array<{ type: string; name: string; dimension?: string }> }> }): Rated[] {
  return json.pages
    .flatMap((p) => p.elements)
    .filter((e) => e.type === "rating")
    .map((e) => ({ name: e.name, dimension: e.dimension ?? "untagged" }));
}

/**
 * Stores `count` responses the way the intake does: the answers JSON and one numeric row
 * per rated item, in the middle of `month`. `value` gives each rated item's answer.
 */
export async function insertResponses(input: {
  channelId: number;
  versionId: number;
  officeId: number;
  month: string;
  count: number;
  items: Rated[];
  value: (item: Rated, i: number) => number;
  extra?: (i: number) => Record<string, unknown>;
  duplicate?: boolean;
}) {
  for (let i = 0; i < input.count; i += 1) {
    const values = input.items.map((item) => ({ item, value: input.value(item, i) }));
    await prisma.response.create({
      data: {
        channelId: input.channelId,
        versionId: input.versionId,
        officeId: input.officeId,
        month: input.month,
        submittedAt: new Date(`${input.month}-15T02:00:00Z`),
        duplicate: input.duplicate ?? false,
        answers: JSON.stringify({ ...Object.fromEntries(values.map((v) => [v.item.name, v.value])), ...input.extra?.(i) }),
        answerRows: {
          create: values.map((v) => ({
            officeId: input.officeId,
            month: input.month,
            questionName: v.item.name,
            dimension: v.item.dimension,
            value: v.value,
          })),
        },
      },
    });
    // As the intake does in its transaction: a counted response adds to the monthly statistics.
    if (!input.duplicate) {
      const rated = values.map((v) => ({ dimension: v.item.dimension, value: v.value, scaleMin: 1, scaleMax: 5 }));
      await countResponse(prisma, { officeId: input.officeId, month: input.month, versionId: input.versionId }, rated, 1);
    }
  }
}

/** The CSV's rows as objects keyed by the header; the file is ours, so no quoted commas in numbers. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const keys = head.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [keys[i], v])));
}

export type Respondent = { officeId: number; month: string; dims: Map<string, number> };

/** Every non-duplicate citizen respondent of the year range with their item average per dimension, from the raw rows. */
export async function respondents(officeIds: number[], months: string[]): Promise<Respondent[]> {
  const rows = await prisma.response.findMany({
    where: { officeId: { in: officeIds }, month: { in: months }, duplicate: false, version: { definition: { kind: "citizen" } } },
    select: { officeId: true, month: true, answerRows: { select: { dimension: true, value: true } } },
  });
  return rows.map((r) => {
    const values = new Map<string, number[]>();
    for (const a of r.answerRows) values.set(a.dimension, [...(values.get(a.dimension) ?? []), a.value]);
    return {
      officeId: r.officeId,
      month: r.month,
      dims: new Map([...values].map(([d, v]) => [d, v.reduce((s, x) => s + x, 0) / v.length])),
    };
  });
}

/** The twelve months (YYYY-MM) of a calendar year. */
export const yearMonths = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
