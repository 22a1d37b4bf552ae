import { ChartFigure } from "~/components/ChartFigure";
import { InsufficientMark, InsufficientSuffix } from "~/components/FigureCells";
import { flagLabel, FunnelChart } from "~/components/FunnelChart";
import { IntervalChart } from "~/components/IntervalChart";
import { num, TableHead } from "~/components/TableHead";
import { t } from "~/locales";
import type { PeerGroupView } from "~/modules/reports/dashboard";
import { formatInterval, formatPercent, MIN_RESPONDENTS } from "~/modules/reports/satisfaction";
import { officeKindLabel, type DashboardView } from "./types";

const range = (lower: number, upper: number) => `${formatPercent(lower)}–${formatPercent(upper)}`;

function Funnel({ g, title }: { g: PeerGroupView; title: string }) {
  const unnamed = g.points.some((p) => p.name === null);
  return (
    <ChartFigure
      height={340}
      caption={`${t("dashboard.peers.funnelCaption", { share: formatPercent(g.peerShare ?? 0), n: g.peerN, offices: g.points.length })}${
        unnamed ? t("dashboard.peers.unnamedNote") : ""
      }`}
      chart={
        <FunnelChart
          ariaLabel={t("dashboard.peers.funnel", { group: title })}
          points={g.points}
          curve={g.curve}
          target={g.peerShare ?? 0}
        />
      }
      table={
        <table data-testid="funnel-table">
          <TableHead
            columns={[
              t("office.office"),
              num("n"),
              num(t("office.satisfied")),
              num(t("dashboard.peers.limit95")),
              num(t("dashboard.peers.limit998")),
              t("dashboard.peers.position"),
            ]}
          />
          <tbody>
            {g.points.map((p, i) => (
              <tr key={p.id ?? `peer-${i}`} aria-current={p.listed ? "true" : undefined} className={p.sufficient ? undefined : "muted"}>
                <td>{p.name ?? t("dashboard.peers.unnamed")}</td>
                <td className="num">{p.n}</td>
                <td className="num">{formatPercent(p.share)}</td>
                <td className="num">{p.limits ? range(p.limits.lower95, p.limits.upper95) : "—"}</td>
                <td className="num">{p.limits ? range(p.limits.lower998, p.limits.upper998) : "—"}</td>
                <td>{p.sufficient ? flagLabel(p.flag) : <InsufficientMark />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function Ranking({ g, title }: { g: PeerGroupView; title: string }) {
  const named = g.points.filter((p) => p.name !== null);
  const ranked = named.filter((p) => p.rank !== null).sort((a, b) => a.rank!.rank - b.rank!.rank);
  const unranked = named.filter((p) => p.rank === null).sort((a, b) => b.n - a.n);
  return (
    <ChartFigure
      height={Math.max(160, 28 * ranked.length + 60)}
      caption={t("dashboard.peers.rankingCaption", {
        offices: ranked.length,
        n: ranked.reduce((s, p) => s + p.n, 0),
        min: MIN_RESPONDENTS,
      })}
      chart={
        <IntervalChart
          ariaLabel={t("dashboard.peers.ranking", { group: title })}
          rows={ranked.map((p) => ({ label: p.name!, share: p.share, lower: p.lower, upper: p.upper, highlight: p.listed }))}
        />
      }
      table={
        <table data-testid="ranking-table">
          <TableHead columns={[num(t("office.rank")), t("office.office"), num("n"), num(t("office.satisfied")), num(t("figures.ci95"))]} />
          <tbody>
            {[...ranked, ...unranked].map((p) => (
              <tr key={p.id!} aria-current={p.listed ? "true" : undefined} className={p.sufficient ? undefined : "muted"}>
                <td className="num">{p.rank ? t("office.rankOf", p.rank) : t("office.unranked")}</td>
                <td>{p.name}</td>
                <td className="num">{p.n}</td>
                <td className="num">
                  {formatPercent(p.share)}
                  <InsufficientSuffix show={!p.sufficient} />
                </td>
                <td className="num">{formatInterval(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** 同性質機關比較: per peer group a funnel plot and a ranking with intervals. */
export function PeersPanel({ d }: { d: DashboardView }) {
  return (
    <section aria-labelledby="panel-peers">
      <h2 id="panel-peers">{t("dashboard.peers.title")}</h2>
      {d.peers.map((g) => {
        const title = g.authority ? `${g.authority}｜${officeKindLabel(g.kind)}` : officeKindLabel(g.kind);
        return (
          <section key={g.key} aria-label={title}>
            <h3>{title}</h3>
            {g.points.length === 0 ? (
              <p className="muted">{t("figures.noData")}</p>
            ) : (
              <>
                <Funnel g={g} title={title} />
                <h4>{t("dashboard.peers.rankingTitle")}</h4>
                <Ranking g={g} title={title} />
              </>
            )}
          </section>
        );
      })}
    </section>
  );
}
