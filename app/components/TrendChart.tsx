import { CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";
import { t } from "~/locales";

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, Filler, Legend, Tooltip);

export type TrendPoint = { label: string; value: number | null; lower: number | null; upper: number | null; n: number };

type Props = {
  points: TrendPoint[];
  seriesLabel: string;
  intervalLabel: string;
  ariaLabel: string;
  /** "share": values are 0-1 and plotted as percentages (default); "score": values are 0-100 points. */
  unit?: "share" | "score";
};

/** A monthly percentage (or 0-100 score) with its 95 % interval as a shaded band. */
export function TrendChart({ points, seriesLabel, intervalLabel, ariaLabel, unit = "share" }: Props) {
  const lowerSuffix = t("figures.lowerBoundSuffix");
  const factor = unit === "share" ? 100 : 1;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * factor * 10) / 10);
  return (
    <div style={{ position: "relative", height: 300 }}>
      <Line
        aria-label={ariaLabel}
        role="img"
        data={{
          labels: points.map((p) => p.label),
          datasets: [
            {
              label: intervalLabel,
              data: points.map((p) => pct(p.upper)),
              borderWidth: 0,
              pointRadius: 0,
              fill: "+1",
              backgroundColor: "rgba(11,92,173,0.15)",
            },
            { label: `${intervalLabel}${lowerSuffix}`, data: points.map((p) => pct(p.lower)), borderWidth: 0, pointRadius: 0, fill: false },
            { label: seriesLabel, data: points.map((p) => pct(p.value)), borderColor: "#0b5cad", backgroundColor: "#0b5cad", tension: 0.2 },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          spanGaps: true,
          scales: { y: { suggestedMin: 60, max: 100, ticks: { callback: (v) => (unit === "share" ? `${v}%` : `${v}`) } } },
          plugins: {
            legend: { labels: { filter: (item) => !String(item.text).endsWith(lowerSuffix) } },
            tooltip: { callbacks: { afterLabel: (ctx) => (ctx.datasetIndex === 2 ? `n = ${points[ctx.dataIndex].n}` : "") } },
          },
        }}
      />
    </div>
  );
}
