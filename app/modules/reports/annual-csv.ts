import { csvLine, UTF8_BOM } from "./csv";
import type { OfficeFigure } from "./peer-figures";

export const ANNUAL_CSV_HEADER = [
  "office_id",
  "office_name",
  "office_kind",
  "year",
  "dimension",
  "n",
  "top2_share",
  "ci95_low",
  "ci95_high",
  "margin95",
  "mean100",
  "prev_n",
  "prev_top2_share",
  "yoy_diff",
  "yoy_p",
  "yoy_p_holm",
  "peer_top2_share",
  "funnel_flag",
  "mk_tau",
  "mk_p",
] as const;

/** Shares with six decimals; p-values with six significant digits, since small ones matter. */
const share = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(6));
const prob = (v: number | null | undefined) => (v === null || v === undefined ? null : String(Number(v.toPrecision(6))));

/** One row per office × dimension of the annual report; empty cells where a year has no respondents. */
export function annualCsvRow(r: OfficeFigure, year: number): unknown[] {
  return [
    r.office.id,
    r.office.name,
    r.office.kind,
    year,
    r.dimension,
    r.current?.n ?? 0,
    share(r.current?.satisfied),
    share(r.current?.lower),
    share(r.current?.upper),
    share(r.margin95),
    r.current ? r.current.score.toFixed(4) : null,
    r.previous?.n ?? 0,
    share(r.previous?.satisfied),
    share(r.yoy?.diff),
    prob(r.yoy?.p),
    prob(r.yoy?.pHolm),
    share(r.peerShare),
    r.funnel?.flag ?? null,
    r.trend ? r.trend.tau.toFixed(6) : null,
    prob(r.trend?.p),
  ];
}

export function annualCsv(rows: OfficeFigure[], year: number): string {
  return UTF8_BOM + csvLine([...ANNUAL_CSV_HEADER]) + rows.map((r) => csvLine(annualCsvRow(r, year))).join("");
}
