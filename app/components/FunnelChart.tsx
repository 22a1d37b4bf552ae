import { Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Scatter } from "react-chartjs-2";
import { t, type MessageKey } from "~/locales";
import type { PeerPoint } from "~/modules/reports/dashboard";
import type { FunnelCurvePoint, FunnelFlag } from "~/modules/reports/peer-figures";

Chart.register(LinearScale, PointElement, LineElement, Legend, Tooltip);

/** Above the limits in greens, below in reds, triangles pointing the way they lie: colour is never the only cue. */
export const FLAG_STYLE: Record<FunnelFlag, { color: string; rotation: number; style: "circle" | "triangle" }> = {
  "above99.8": { color: "#1b5e20", rotation: 0, style: "triangle" },
  above95: { color: "#43a047", rotation: 0, style: "triangle" },
  within: { color: "#0b5cad", rotation: 0, style: "circle" },
  below95: { color: "#e65100", rotation: 180, style: "triangle" },
  "below99.8": { color: "#b3261e", rotation: 180, style: "triangle" },
};
const INSUFFICIENT = "#8a94a3";
const FLAGS = Object.keys(FLAG_STYLE) as FunnelFlag[];

export const flagLabel = (f: FunnelFlag | null) => (f === null ? t("figures.insufficient") : t(`dashboard.flag.${f}` as MessageKey));

const pct = (v: number) => Math.round(v * 1000) / 10;

type Props = { points: PeerPoint[]; curve: FunnelCurvePoint[]; target: number; ariaLabel: string };

/**
 * Funnel plot (Spiegelhalter 2005): each office's share against its n, the peers' pooled
 * share as a line, the 95 % and 99.8 % limits as curves; points coloured by position.
 * Peers without a name are drawn like the rest but never labelled.
 */
export function FunnelChart({ points, curve, target, ariaLabel }: Props) {
  const line = (label: string, y: (c: FunnelCurvePoint) => number, color: string, dash: number[] = []) => ({
    label,
    data: curve.map((c) => ({ x: Math.round(c.n), y: pct(y(c)) })),
    showLine: true,
    borderColor: color,
    borderDash: dash,
    borderWidth: 1,
    pointRadius: 0,
  });
  const group = (flag: FunnelFlag | null) => {
    const members = points.filter((p) => p.flag === flag);
    const style = flag === null ? { color: INSUFFICIENT, rotation: 0, style: "rectRot" as const } : FLAG_STYLE[flag];
    return {
      label: flagLabel(flag),
      data: members.map((p) => ({ x: p.n, y: pct(p.share) })),
      names: members.map((p) => p.name),
      backgroundColor: members.map((p) => (p.listed ? style.color : `${style.color}99`)),
      borderColor: members.map((p) => (p.listed ? "#1d2430" : style.color)),
      borderWidth: members.map((p) => (p.listed ? 2 : 1)),
      pointStyle: style.style,
      rotation: style.rotation,
      pointRadius: members.map((p) => (p.listed ? 7 : 5)),
    };
  };
  const groups = [...FLAGS, null].map(group).filter((g) => g.data.length > 0);
  return (
    <Scatter
      aria-label={ariaLabel}
      role="img"
      data={{
        datasets: [
          ...groups,
          line(t("dashboard.peers.pooled"), () => target, "#1d2430"),
          line(t("dashboard.peers.limit95"), (c) => c.upper95, "#a35a00", [5, 3]),
          line(`${t("dashboard.peers.limit95")}${t("figures.lowerBoundSuffix")}`, (c) => c.lower95, "#a35a00", [5, 3]),
          line(t("dashboard.peers.limit998"), (c) => c.upper998, "#b3261e"),
          line(`${t("dashboard.peers.limit998")}${t("figures.lowerBoundSuffix")}`, (c) => c.lower998, "#b3261e"),
        ],
      }}
      options={{
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { title: { display: true, text: t("dashboard.peers.axisN") }, beginAtZero: true },
          y: { title: { display: true, text: t("office.satisfied") }, ticks: { callback: (v) => `${v}%` } },
        },
        plugins: {
          legend: { labels: { filter: (item) => !String(item.text).endsWith(t("figures.lowerBoundSuffix")) } },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const names = (ctx.dataset as { names?: Array<string | null> }).names;
                if (!names) return `${ctx.dataset.label}：${ctx.parsed.y}%`;
                const name = names[ctx.dataIndex] ?? t("dashboard.peers.unnamed");
                return `${name}：${ctx.parsed.y}%，n = ${ctx.parsed.x}`;
              },
            },
          },
        },
      }}
    />
  );
}
