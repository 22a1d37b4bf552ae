import type { ReactNode } from "react";

type Props = {
  /** n and the method, in words: a chart is not read without them. */
  caption: string;
  chart: ReactNode;
  /** The same figures as a table, right after the figure, for screen readers and printing. */
  table: ReactNode;
  height?: number;
};

/** A chart with its caption, followed by the table of its figures. */
export function ChartFigure({ caption, chart, table, height = 300 }: Props) {
  return (
    <>
      <figure className="chart-figure">
        <div className="chart-box" style={{ height }}>
          {chart}
        </div>
        <figcaption className="muted">{caption}</figcaption>
      </figure>
      <div className="table-wrap">{table}</div>
    </>
  );
}
