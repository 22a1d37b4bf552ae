import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";
import { t, type MessageKey } from "~/locales";

Chart.register(CategoryScale, LinearScale, BarElement, Legend, Tooltip);

export type DivergingRow = { label: string; shares: number[] };

// ColorBrewer RdBu: reds for the dissatisfied side, blues for the satisfied, grey between.
const COLORS = ["#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"];
export const optionLabel = (value: number) => t(`dashboard.option.${value}` as MessageKey);

const pct = (v: number) => Math.round(v * 1000) / 10;

/**
 * Diverging stacked bars of the five options: 1-2 to the left of zero, 3 split across
 * it, 4-5 to the right, so each bar's balance of satisfied and dissatisfied reads at a
 * glance (Robbins & Heiberger 2011). Negative stacks grow outwards in dataset order.
 */
/** The option each dataset draws, in stacking order: outwards from zero on each side, 3 split in two halves. */
const STACK = [3, 2, 1, 3, 4, 5];

export function DivergingBarChart({ rows, ariaLabel }: { rows: DivergingRow[]; ariaLabel: string }) {
  const half = t("dashboard.answers.neutralHalf");
  const datasets = STACK.map((option, i) => {
    const sign = i < 3 ? -1 : 1;
    const share = (s: number[]) => (option === 3 ? s[2] / 2 : s[option - 1]);
    return {
      label: i === 3 ? `${optionLabel(3)}${half}` : optionLabel(option),
      data: rows.map((r) => sign * pct(share(r.shares))),
      backgroundColor: COLORS[option - 1],
    };
  });
  // Symmetric about zero, so both sides read on the same scale; wide enough for the longer side.
  const side = (sign: number) => Math.max(0, ...rows.map((_, r) => datasets.reduce((s, d) => s + Math.max(0, sign * d.data[r]), 0)));
  const extent = Math.min(100, Math.ceil(Math.max(side(-1), side(1)) / 20) * 20) || 100;
  return (
    <Bar
      aria-label={ariaLabel}
      role="img"
      data={{ labels: rows.map((r) => r.label), datasets }}
      options={{
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, min: -extent, max: extent, ticks: { callback: (v) => `${Math.abs(Number(v))}%` } },
          y: { stacked: true },
        },
        plugins: {
          legend: {
            labels: {
              filter: (item) => !String(item.text).endsWith(half),
              sort: (a, b) => STACK[a.datasetIndex!] - STACK[b.datasetIndex!],
            },
          },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const option = STACK[ctx.datasetIndex];
                return `${optionLabel(option)}：${pct(rows[ctx.dataIndex].shares[option - 1])}%`;
              },
            },
          },
        },
      }}
    />
  );
}
