import { t } from "~/locales";
import { formatInterval, formatPercent, type SatisfactionFigure } from "~/modules/reports/satisfaction";

/** The mark of a figure on too few respondents (or calls) to be ranked or compared. */
export function InsufficientMark() {
  return <span className="badge">{t("figures.insufficient")}</span>;
}

/** The mark after a figure's text, with the space before it, when `show`. */
export function InsufficientSuffix({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <>
      {" "}
      <InsufficientMark />
    </>
  );
}

/**
 * Table cells n, % satisfied and the 95 % interval as its bounds, greyed and marked when
 * n is under the minimum; dashes when there is no data. `score` adds the 0-100 mean.
 */
export function FigureCells({ figure, score = false }: { figure: SatisfactionFigure | null; score?: boolean }) {
  if (!figure) {
    return (
      <>
        <td className="num">0</td>
        <td className="num">{t("figures.noData")}</td>
        <td className="num">—</td>
        {score && <td className="num">—</td>}
      </>
    );
  }
  const cls = figure.sufficient ? "num" : "num muted";
  return (
    <>
      <td className={cls}>{figure.n}</td>
      <td className={cls}>
        {formatPercent(figure.satisfied)}
        <InsufficientSuffix show={!figure.sufficient} />
      </td>
      <td className={cls}>{formatInterval(figure)}</td>
      {score && <td className={cls}>{figure.score.toFixed(1)}</td>}
    </>
  );
}

/** Header cells matching `FigureCells`. */
export function FigureHeads({ score = false }: { score?: boolean }) {
  return (
    <>
      <th className="num">n</th>
      <th className="num">{t("office.satisfied")}</th>
      <th className="num">{t("figures.ci95")}</th>
      {score && <th className="num">{t("office.score")}</th>}
    </>
  );
}
