import { BarElement, CategoryScale, Chart, Legend, LinearScale, PointElement, Tooltip, type ChartData } from "chart.js";
import { Chart as ChartView } from "react-chartjs-2";
import { t } from "~/locales";

Chart.register(CategoryScale, LinearScale, BarElement, PointElement, Legend, Tooltip);

export type IntervalRow = { label: string; share: number; lower: number; upper: number; highlight: boolean };

const pct = (v: number) => Math.round(v * 1000) / 10;

/** A ranking as horizontal 95 % intervals (floating bars) with the share as a dot, best first. */
export function IntervalChart({ rows, ariaLabel }: { rows: IntervalRow[]; ariaLabel: string }) {
  const data: ChartData<"bar" | "scatter", Array<[number, number] | { x: number; y: string }>, string> = {
    labels: rows.map((r) => r.label),
    datasets: [
      {
        type: "bar",
        label: t("figures.ci95"),
        data: rows.map((r) => [pct(r.lower), pct(r.upper)] as [number, number]),
        backgroundColor: rows.map((r) => (r.highlight ? "rgba(11,92,173,0.55)" : "rgba(11,92,173,0.2)")),
        borderColor: "#0b5cad",
        borderWidth: 1,
        barPercentage: 0.5,
      },
      {
        type: "scatter",
        label: t("office.satisfied"),
        data: rows.map((r) => ({ x: pct(r.share), y: r.label })),
        backgroundColor: "#1d2430",
        pointRadius: 4,
      },
    ],
  };
  return (
    <ChartView
      type="bar"
      aria-label={ariaLabel}
      role="img"
      data={data as ChartData<"bar">}
      options={{
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        // Floating bars start at zero by default; the intervals sit near the top of the scale, so start below the lowest.
        scales: {
          x: {
            min: Math.max(0, Math.floor(Math.min(100, ...rows.map((r) => pct(r.lower))) / 10) * 10 - 10),
            max: 100,
            ticks: { callback: (v) => `${v}%` },
          },
        },
      }}
    />
  );
}
