import type { ChartConfiguration } from "chart.js";
import { t } from "~/locales";
import type { ReportChart } from "~/modules/reports/report-model";

const BLUE = "#0b5cad";
const RED = "#c62828";
const GREY = "#5f6b7a";
const pct = (v: number) => Math.round(v * 1000) / 10;

/**
 * The chart.js configuration of a report chart, plain JSON (no callbacks): the page draws
 * it in React and the PDF draws the same object in Chromium from the printed HTML.
 */
export function chartConfig(chart: ReportChart): ChartConfiguration {
  const common = { animation: false as const, responsive: true, maintainAspectRatio: false };
  if (chart.kind === "trend") {
    const labels = chart.points.map((p) => p.label);
    return {
      type: "line",
      data: {
        labels,
        datasets: [
          {
            label: t("chart.band"),
            data: chart.points.map((p) => pct(p.upper)),
            borderWidth: 0,
            pointRadius: 0,
            fill: "+1",
            backgroundColor: "rgba(11,92,173,0.15)",
          },
          { label: t("chart.bandLower"), data: chart.points.map((p) => pct(p.lower)), borderWidth: 0, pointRadius: 0, fill: false },
          {
            label: t("chart.share"),
            data: chart.points.map((p) => pct(p.share)),
            borderColor: BLUE,
            backgroundColor: chart.points.map((p) => (p.out ? RED : BLUE)),
            pointRadius: chart.points.map((p) => (p.out ? 6 : 3)),
            pointStyle: chart.points.map((p) => (p.out ? "triangle" : "circle")),
          },
          {
            label: t("chart.centre"),
            data: chart.points.map((p) => pct(p.centre)),
            borderColor: GREY,
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 1,
          },
          {
            label: t("chart.controlLimits"),
            data: chart.points.map((p) => pct(p.controlUpper)),
            borderColor: RED,
            borderDash: [3, 3],
            pointRadius: 0,
            borderWidth: 1,
          },
          {
            label: t("chart.controlLower"),
            data: chart.points.map((p) => pct(p.controlLower)),
            borderColor: RED,
            borderDash: [3, 3],
            pointRadius: 0,
            borderWidth: 1,
          },
        ],
      },
      options: {
        ...common,
        scales: { y: { title: { display: true, text: t("chart.sharePercent") } } },
      },
    };
  }
  const limit = (key: "lower95" | "upper95" | "lower998" | "upper998") => chart.limits.map((l) => ({ x: l.n, y: pct(l[key]) }));
  const line = (label: string, data: Array<{ x: number; y: number }>, dash: number[]) => ({
    type: "line" as const,
    label,
    data,
    borderColor: GREY,
    borderDash: dash,
    borderWidth: 1,
    pointRadius: 0,
    showLine: true,
  });
  return {
    type: "scatter",
    data: {
      datasets: [
        {
          label: t("chart.offices"),
          data: chart.points.map((p) => ({ x: p.n, y: pct(p.share) })),
          backgroundColor: chart.points.map((p) => (p.flag.startsWith("below") ? RED : p.flag.startsWith("above") ? "#2e7d32" : BLUE)),
          pointRadius: 5,
        },
        line(
          t("chart.target"),
          [
            { x: chart.limits[0]?.n ?? 0, y: pct(chart.target) },
            { x: chart.limits.at(-1)?.n ?? 0, y: pct(chart.target) },
          ],
          [],
        ),
        line(t("chart.limit95"), limit("upper95"), [6, 4]),
        line(t("chart.limit95"), limit("lower95"), [6, 4]),
        line(t("chart.limit998"), limit("upper998"), [2, 3]),
        line(t("chart.limit998"), limit("lower998"), [2, 3]),
      ],
    },
    options: {
      ...common,
      scales: {
        x: { type: "linear", title: { display: true, text: t("chart.n") } },
        y: { title: { display: true, text: t("chart.sharePercent") } },
      },
    },
  };
}
