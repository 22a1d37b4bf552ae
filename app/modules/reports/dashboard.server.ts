import { monthlyMeans, officeResults } from "~/modules/courtesy/results.server";
import type { SessionUser } from "~/modules/org/auth.server";
import { canSeeOffice } from "~/modules/org/roles";
import { taipeiMonth } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import {
  answerDistribution,
  DASHBOARD_DIMENSIONS,
  filterMonths,
  monthsLabel,
  yearToDateMonths,
  type PeerGroupView,
  type PeerPoint,
  type SamplingRow,
} from "./dashboard";
import { dashboardRequest } from "./dashboard-request.server";
import { optionCounts } from "./monthly-stats.server";
import { completesNeeded, funnelCurve, type OfficeFigure } from "./peer-figures";
import { loadPeerFigures, REPORT_OFFICE_SELECT, yearEarlier } from "./peer-figures.server";
import { byRank } from "./ranking";

const DASHBOARD_OFFICE_SELECT = { ...REPORT_OFFICE_SELECT, peerGroupId: true, peerGroup: { select: { name: true } } } as const;

const placeOf = (r: OfficeFigure) => ({ rank: r.rank, figure: r.current, name: r.office.name });

/**
 * A peer group's funnel plot and ranking for one dimension. Peers the user may not see
 * (a manager's peers) keep only what a funnel plot shows of them, unnamed: n, share and
 * flag, in order of n so that not even the order of ids is left.
 */
function peerGroupView(user: SessionUser, group: OfficeFigure[], listed: Set<number>, authority: string | null): PeerGroupView {
  const points: PeerPoint[] = group
    .filter((r) => r.current !== null)
    .map((r) => {
      const f = r.current!;
      const visible = canSeeOffice(user, r.office);
      return {
        id: visible ? r.office.id : null,
        name: visible ? r.office.name : null,
        listed: listed.has(r.office.id),
        n: f.n,
        share: f.satisfied,
        lower: f.lower,
        upper: f.upper,
        sufficient: f.sufficient,
        flag: f.sufficient ? (r.funnel?.flag ?? null) : null,
        limits: r.funnel
          ? { lower95: r.funnel.lower95, upper95: r.funnel.upper95, lower998: r.funnel.lower998, upper998: r.funnel.upper998 }
          : null,
        rank: visible ? r.rank : null,
      };
    })
    .sort((a, b) => a.n - b.n || a.share - b.share);
  const { peerShare, peerN, office } = group[0];
  const sizes = points.map((p) => p.n);
  // From half the smallest office to a fifth beyond the largest, so every point sits inside the drawn funnel.
  const curve = peerShare !== null && sizes.length > 0 ? funnelCurve(peerShare, Math.min(...sizes) / 2, Math.max(...sizes) * 1.2) : [];
  return { key: group[0].peerKey, kind: office.kind, authority, peerShare, peerN, curve, points };
}

/**
 * Everything /reports shows, for the offices the filters pick within the user's reach:
 * the figures of the chosen dimension from one `loadPeerFigures` call (with the peers'
 * rows for the funnel plots and the overall respondents of the year so far for the
 * sampling plan), the answer distribution and the courtesy test results.
 */
export async function dashboardData(db: Db, user: SessionUser, search: URLSearchParams, now = new Date()) {
  const { scope, filters, office, questionnaires, questionnaire } = await dashboardRequest(db, user, search, now);
  const months = filterMonths(filters);
  // A closed office stays listed for a period in which it still had respondents, or when picked by id.
  const inScope = await db.office.findMany({
    where: { ...scope, OR: [{ active: true }, { responses: { some: { month: { in: months } } } }, ...(office ? [{ id: office.id }] : [])] },
    select: DASHBOARD_OFFICE_SELECT,
    orderBy: [{ kind: "asc" }, { id: "asc" }],
  });
  const listed = inScope.filter((o) => (filters.kind === null || o.kind === filters.kind) && (office === null || o.id === office.id));
  const listedIds = new Set(listed.map((o) => o.id));

  const figures = questionnaire
    ? await loadPeerFigures(db, {
        listed,
        definitionId: questionnaire.id,
        months,
        dimensions: [...new Set([filters.dimension, "overall"])],
        toDateMonths: yearToDateMonths(filters.year, now),
        withPeers: true,
      })
    : [];
  const chosen = figures.filter((r) => r.dimension === filters.dimension);
  const kindOrder = [...new Set(listed.map((o) => `${o.authorityId}:${o.kind}`))];
  const rows = chosen
    .filter((r) => listedIds.has(r.office.id))
    .sort((a, b) => kindOrder.indexOf(a.peerKey) - kindOrder.indexOf(b.peerKey) || byRank(placeOf(a), placeOf(b)));

  const sampling: SamplingRow[] = listed.map((o) => {
    const overall = figures.find((r) => r.office.id === o.id && r.dimension === "overall");
    const needed = completesNeeded(filters.margin / 100, o.yearlyVisitors);
    const reached = overall?.toDateN ?? 0;
    return { officeId: o.id, name: o.name, yearlyVisitors: o.yearlyVisitors, needed, reached, done: reached >= needed };
  });

  const authorityIds = [...new Set(listed.map((o) => o.authorityId))];
  const authorities =
    authorityIds.length > 1
      ? new Map(
          (await db.authority.findMany({ where: { id: { in: authorityIds } }, select: { id: true, name: true } })).map((a) => [
            a.id,
            a.name,
          ]),
        )
      : null;
  const peers = kindOrder.map((key) => {
    const group = chosen.filter((r) => r.peerKey === key);
    return peerGroupView(user, group, listedIds, authorities?.get(group[0].office.authorityId) ?? null);
  });

  const selectedId = office?.id ?? rows[0]?.office.id ?? null;
  const answers = questionnaire
    ? answerDistribution(await optionCounts(db, questionnaire.id, [...listedIds], months), DASHBOARD_DIMENSIONS)
    : [];
  const courtesy = await officeResults(db, listed, { from: months[0], to: months[months.length - 1] });
  const courtesyTrend = selectedId === null ? [] : await monthlyMeans(db, selectedId, months);

  return {
    filters,
    currentYear: Number(taipeiMonth(now).slice(0, 4)),
    manager: user.role === "manager",
    months,
    periodLabel: monthsLabel(months),
    previousPeriodLabel: monthsLabel(months.map(yearEarlier)),
    partial: months[months.length - 1] >= taipeiMonth(now),
    choices: {
      kinds: [...new Set(inScope.map((o) => o.kind))],
      offices: inScope.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
      questionnaires,
    },
    questionnaire,
    selected: selectedId === null ? null : { id: selectedId, name: listed.find((o) => o.id === selectedId)?.name ?? "" },
    rows,
    sampling,
    peers,
    answers,
    courtesy: { ...courtesy, trend: courtesyTrend },
  };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
