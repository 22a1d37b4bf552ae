import Chart from "chart.js/auto";
import { useEffect, useRef } from "react";
import type { ReportChart } from "~/modules/reports/report-model";
import { chartConfig } from "./report-chart-config";

/**
 * One report chart. In the browser it is drawn on mount; printed to PDF the same canvas
 * carries its configuration in `data-chart`, which the print page's script draws.
 */
export function ReportChartCanvas({ chart }: { chart: ReportChart }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const config = chartConfig(chart);
  useEffect(() => {
    if (!canvas.current) return;
    const drawn = new Chart(canvas.current, chartConfig(chart));
    return () => drawn.destroy();
  }, [chart]);
  return (
    <div className="report-chart" style={{ position: "relative", height: 320 }}>
      <canvas ref={canvas} role="img" aria-label={chart.caption} data-chart={JSON.stringify(config)} />
    </div>
  );
}
