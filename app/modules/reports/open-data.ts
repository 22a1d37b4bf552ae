/** Cells of a breakdown with fewer respondents than this are not published. */
export const MIN_PUBLISHED_CELL = 5;

export type Suppression = "n<5" | "secondary" | null;

export type BreakdownCell = { n: number; satisfied: number };

/**
 * Which cells of one breakdown group (one office, question and dimension: its cells add up
 * to the office's yearly figure, which is published) must be left empty. A cell under
 * MIN_PUBLISHED_CELL respondents is suppressed; when exactly one cell is, the smallest
 * other cell goes too, or the hidden one could be recovered by subtraction from the total.
 */
export function suppressions(cells: BreakdownCell[]): Suppression[] {
  const marks: Suppression[] = cells.map((c) => (c.n < MIN_PUBLISHED_CELL ? "n<5" : null));
  if (marks.filter((m) => m !== null).length === 1) {
    let smallest = -1;
    cells.forEach((c, i) => {
      if (marks[i] === null && (smallest < 0 || c.n < cells[smallest].n)) smallest = i;
    });
    if (smallest >= 0) marks[smallest] = "secondary";
  }
  return marks;
}

/** A share as published: a fraction with six decimals, or an empty cell without respondents. */
export function publishedShare(satisfied: number, n: number): number | null {
  return n > 0 ? Number((satisfied / n).toFixed(6)) : null;
}
