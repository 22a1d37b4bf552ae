import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsufficientMark } from "~/components/FigureCells";
import { TrendChart } from "~/components/TrendChart";
import { t } from "~/locales";
import { MIN_CALLS, periodLabel, periodQuery, tooFewCalls, type ScoreFigure } from "~/modules/courtesy/results";
import { officeResults, officeResultsDetail, resultsRequest } from "~/modules/courtesy/results.server";
import { requireUser } from "~/modules/org/auth.server";
import { rocMonthLabel } from "~/utils/dates";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("results.title")}｜${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "manager"]);
  const { period, office, offices } = await resultsRequest(prisma, user, new URL(request.url));
  const results = await officeResults(prisma, offices, period);
  const detail = office
    ? { office: { id: office.id, name: office.name }, ...(await officeResultsDetail(prisma, office.id, period)) }
    : null;
  return json({ period, label: periodLabel(period), query: periodQuery(period), ...results, detail });
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const score = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(1));

/** n, mean, 95 % interval and one count per band: the cells under `FigureHead`; greyed when too few calls to rank. */
function ResultCells({
  figure,
  bands,
  counts,
  insufficient = false,
}: {
  figure: ScoreFigure | null;
  bands: string[];
  counts: Record<string, number>;
  insufficient?: boolean;
}) {
  const cls = insufficient ? "num muted" : "num";
  return (
    <>
      <td className={cls}>{figure?.n ?? 0}</td>
      <td className={cls}>{score(figure?.mean)}</td>
      <td className={cls}>{figure?.lower == null ? "—" : `${score(figure.lower)}–${score(figure.upper)}`}</td>
      {bands.map((b) => (
        <td key={b} className="num">
          {counts[b] ?? 0}
        </td>
      ))}
    </>
  );
}

function FigureHead({ bands }: { bands: string[] }) {
  return (
    <>
      <th className="num">{t("results.calls")}</th>
      <th className="num">{t("results.mean")}</th>
      <th className="num">{t("results.ci95")}</th>
      {bands.map((b) => (
        <th key={b} className="num" title={t("results.bands")}>
          {b}
        </th>
      ))}
    </>
  );
}

export default function CourtesyResults() {
  const d = useLoaderData<typeof loader>();
  const officeField = d.detail ? <input type="hidden" name="office" value={d.detail.office.id} /> : null;
  const csvHref = (officeId?: number) => `/courtesy/results.csv?${d.query}${officeId ? `&office=${officeId}` : ""}`;
  return (
    <>
      <h1>{t("results.title")}</h1>
      <div className="inline-form no-print">
        <Form method="get" className="inline-form">
          <div>
            <label htmlFor="month">{t("results.month")}</label>
            <input id="month" name="month" type="month" defaultValue={d.period.kind === "month" ? d.period.month : ""} />
          </div>
          {officeField}
          <button type="submit" className="secondary">
            {t("results.showMonth")}
          </button>
        </Form>
        <Form method="get" className="inline-form">
          <div>
            <label htmlFor="year">{t("results.year")}</label>
            <input
              id="year"
              name="year"
              type="number"
              min={1912}
              max={2999}
              defaultValue={d.period.kind === "year" ? d.period.year : d.period.month.slice(0, 4)}
            />
          </div>
          {officeField}
          <button type="submit" className="secondary">
            {t("results.showYear")}
          </button>
        </Form>
      </div>

      <h2>{t("results.period", { period: d.label })}</h2>
      <p className="no-print">
        <a href={csvHref()} className="button secondary" download>
          {t("results.download")}
        </a>
      </p>

      <h2>{t("results.byOffice")}</h2>
      {d.offices.length === 0 ? (
        <p className="muted">{t("results.noOffices")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("results.office")}</th>
                <th>{t("results.peerGroup")}</th>
                <th className="num">{t("results.rank")}</th>
                <FigureHead bands={d.bands} />
              </tr>
            </thead>
            <tbody>
              {d.offices.map((o) => (
                <tr key={o.id} aria-current={o.id === d.detail?.office.id ? "true" : undefined}>
                  <td>
                    <Link to={`?${d.query}&office=${o.id}#details`}>{o.name}</Link>
                  </td>
                  <td>{o.peerGroup ?? t("common.none")}</td>
                  <td className="num">{o.rank ? t("results.rankOf", o.rank) : tooFewCalls(o.figure) ? <InsufficientMark /> : "—"}</td>
                  <ResultCells figure={o.figure} bands={d.bands} counts={o.bands} insufficient={tooFewCalls(o.figure)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!d.detail && d.offices.length > 0 && <p className="muted">{t("results.pickOffice")}</p>}

      {d.detail && (
        <section id="details" aria-labelledby="details-title">
          <h2 id="details-title">{t("results.details", { office: d.detail.office.name })}</h2>
          <p className="no-print">
            <a href={csvHref(d.detail.office.id)} download>
              {t("results.downloadOffice")}
            </a>
          </p>

          <h3>{t("results.units")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("results.unit")}</th>
                  <FigureHead bands={d.bands} />
                </tr>
              </thead>
              <tbody>
                {d.detail.units.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <ResultCells figure={u.figure} bands={d.bands} counts={u.bands} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>{t("results.items")}</h3>
          {d.detail.items.length === 0 ? (
            <p className="muted">{t("results.noItems")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("results.item")}</th>
                    <th>{t("results.part")}</th>
                    <th className="num">{t("results.itemCalls")}</th>
                    <th className="num">{t("results.lost")}</th>
                    <th className="num">{t("results.lostShare")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.detail.items.map((i) => (
                    <tr key={i.key}>
                      <td>{i.label}</td>
                      <td>{i.part}</td>
                      <td className="num">{i.calls}</td>
                      <td className="num">
                        {round1(i.lost)} / {round1(i.possible)}
                      </td>
                      <td className="num">{(i.share * 100).toFixed(1)}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h3>{t("results.trend")}</h3>
          <div className="card">
            <TrendChart
              unit="score"
              ariaLabel={t("results.trend")}
              seriesLabel={t("results.trendSeries")}
              intervalLabel={t("results.ci95")}
              points={d.detail.trend.map((p) => ({
                label: rocMonthLabel(p.month),
                value: p.figure?.mean ?? null,
                lower: p.figure?.lower ?? null,
                upper: p.figure?.upper ?? null,
                n: p.figure?.n ?? 0,
              }))}
            />
          </div>
        </section>
      )}
      <p className="muted">{t("results.method", { min: MIN_CALLS })}</p>
    </>
  );
}
