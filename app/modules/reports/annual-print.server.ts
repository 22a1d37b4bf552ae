import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { AnnualReportDocument } from "~/components/AnnualReportDocument";
import type { ReportModel } from "./report-model";

const require = createRequire(import.meta.url);
let chartScript: string | null = null;

/**
 * chart.js's UMD build, inlined so the printed page draws its charts without any network.
 * The package's "exports" hide dist/chart.umd.js, so it is found beside the CommonJS entry.
 */
function chartJs(): string {
  chartScript ??= readFileSync(path.join(path.dirname(require.resolve("chart.js")), "chart.umd.js"), "utf8");
  return chartScript;
}

const PRINT_CSS = `
  body { font-family: "Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK", sans-serif; font-size: 10.5pt; color: #1b1f24; line-height: 1.55; }
  h1 { font-size: 22pt; margin: 30mm 0 6mm; }
  h2 { font-size: 15pt; border-bottom: 2px solid #0b5cad; padding-bottom: 2mm; margin-top: 8mm; }
  .report-cover { page-break-after: always; }
  .report-subtitle { font-size: 15pt; }
  .report-toc { page-break-after: always; }
  .report-toc ol { font-size: 12pt; line-height: 2; }
  .report-section { page-break-before: always; }
  .report-toc + .report-section { page-break-before: auto; }
  table { border-collapse: collapse; width: 100%; margin: 4mm 0; font-size: 8.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  caption { text-align: left; font-weight: bold; margin-bottom: 1mm; }
  th, td { border: 1px solid #b8c0cc; padding: 1mm 1.5mm; }
  th { background: #eef3f9; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  figure { margin: 4mm 0; page-break-inside: avoid; }
  figcaption { font-size: 9pt; color: #444; }
  .report-chart { height: 85mm !important; }
  a { color: inherit; text-decoration: none; }
`;

/**
 * The report as one self-contained HTML document for Chromium to print: the same React
 * component the page shows, chart.js inlined, and a script that draws every canvas from
 * its `data-chart` configuration before telling the printer it is ready.
 */
export function annualReportHtml(model: ReportModel): string {
  const body = renderToStaticMarkup(createElement(AnnualReportDocument, { model }));
  const draw = `
    for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
      new Chart(canvas, JSON.parse(canvas.dataset.chart));
    }
    requestAnimationFrame(() => { window.__reportReady = true; });`;
  // "</script" cannot appear inside the inlined library or the JSON; escape it defensively.
  const safe = (js: string) => js.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title>
<style>${PRINT_CSS}</style><script>window.__reportPending = true;</script></head>
<body>${body}<script>${safe(chartJs())}</script><script>${safe(draw)}</script></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
