import { CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";
import { t } from "~/locales";

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip);

export type PChartPoint = { label: string; share: number; n: number; lower: number; upper: number; outOfControl: boolean };

const IN = "#0b5cad";
const OUT = "#b3261e";
const pct = (v: number) => Math.round(v * 1000) / 10;

/**
 * A p-chart: each month's share against the centre line and its 3σ limits for that
 * month's n (stepped, since n differs by month); months outside are drawn as red triangles.
 */
export function PChart({ points, centre, ariaLabel }: { points: PChartPoint[]; centre: number; ariaLabel: string }) {
  return (
    <Line
      aria-label={ariaLabel}
      role="img"
      data={{
        labels: points.map((p) => p.label),
        datasets: [
          {
            label: t("dashboard.trend.series"),
            data: points.map((p) => pct(p.share)),
            borderColor: IN,
            backgroundColor: points.map((p) => (p.outOfControl ? OUT : IN)),
            pointBorderColor: points.map((p) => (p.outOfControl ? OUT : IN)),
            pointStyle: points.map((p) => (p.outOfControl ? "triangle" : "circle")),
            pointRadius: points.map((p) => (p.outOfControl ? 7 : 3)),
          },
          {
            label: t("dashboard.trend.centre"),
            data: points.map(() => pct(centre)),
            borderColor: "#1d2430",
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 1,
          },
          {
            label: t("dashboard.trend.upper"),
            data: points.map((p) => pct(p.upper)),
            borderColor: "#a35a00",
            stepped: "middle",
            pointRadius: 0,
            borderWidth: 1,
          },
          {
            label: t("dashboard.trend.lower"),
            data: points.map((p) => pct(p.lower)),
            borderColor: "#a35a00",
            stepped: "middle",
            pointRadius: 0,
            borderWidth: 1,
          },
        ],
      }}
      options={{
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { ticks: { callback: (v) => `${v}%` } } },
        plugins: {
          tooltip: { callbacks: { afterLabel: (ctx) => (ctx.datasetIndex === 0 ? `n = ${points[ctx.dataIndex].n}` : "") } },
        },
      }}
    />
  );
}
