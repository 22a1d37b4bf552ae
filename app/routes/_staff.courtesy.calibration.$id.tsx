import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import surveyStyles from "survey-core/survey-core.fontless.min.css";
import { z } from "~/utils/zod";
import { ScoringForm } from "~/components/ScoringForm";
import { t, type MessageKey } from "~/locales";
import type { IccResult, KappaResult } from "~/modules/courtesy/agreement";
import { calibrationForm, calibrationResults, getCalibration, submitCalibrationScore } from "~/modules/courtesy/calibration.server";
import { callFormSchema } from "~/modules/courtesy/calls.server";
import type { Mark } from "~/modules/courtesy/score";
import { requireUser } from "~/modules/org/auth.server";
import { found } from "~/modules/org/form-actions.server";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam, readJsonBody } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? t("calibration.title")}｜${t("app.name")}` }];

/** A scoring form's SurveyJS data is a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "analyst", "evaluator"]);
  const session = found(await getCalibration(prisma, user, idParam(params.id)));
  const base = { title: session.title, scenario: session.scenario, parts: session.parts, office: session.office.name, date: session.date };
  if (user.role === "evaluator") {
    // Evaluators score blind: they see neither the others' marks nor the statistics.
    const mine = session.scores.find((s) => s.evaluatorId === user.id);
    return json({ ...base, survey: mine ? null : calibrationForm(session), myTotal: mine?.total ?? null, results: null });
  }
  return json({ ...base, survey: null, myTotal: null, results: calibrationResults(session) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["evaluator"]);
  const session = found(await getCalibration(prisma, user, idParam(params.id)));
  const read = await readJsonBody(request, z.object({ answers: callFormSchema }), MAX_BODY_BYTES);
  if (!read.ok) return read.response;
  const outcome = await submitCalibrationScore(prisma, user.id, session, read.data.answers);
  if (!outcome.ok) return errorResponse(outcome.status, outcome.message);
  return json({ ok: true, total: outcome.total });
}

type ActionData = { ok?: boolean; total?: number; error?: string };

export default function CalibrationSession() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/courtesy/calibration">{t("calibration.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="muted">{t("calibration.meta", { office: data.office, parts: data.parts, date: data.date })}</p>
      <section className="card">
        <h2>{t("calibration.scenario")}</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{data.scenario}</p>
      </section>
      {data.results ? <Results results={data.results} /> : <Scoring survey={data.survey} myTotal={data.myTotal} />}
    </>
  );
}

function Scoring({ survey, myTotal }: { survey: object | null; myTotal: number | null }) {
  const fetcher = useFetcher<ActionData>();
  if (myTotal !== null)
    return (
      <p className="ok" role="status">
        {t("calibration.score.done", { total: myTotal })}
      </p>
    );
  if (!survey) return null;
  return (
    <section>
      <p>{t("calibration.score.hint")}</p>
      {fetcher.state === "idle" && fetcher.data?.error && (
        <p className="error-summary" role="alert">
          {fetcher.data.error}
        </p>
      )}
      <ScoringForm
        json={survey}
        data={{}}
        readOnly={false}
        busy={fetcher.state !== "idle"}
        callTools={false}
        onSave={(_intent, answers) => fetcher.submit({ answers } as never, { method: "post", encType: "application/json" })}
      />
    </section>
  );
}

type ResultsData = NonNullable<SerializeFrom<typeof loader>["results"]>;

// Round before formatting so a tiny negative value reads 0.00, not -0.00.
const fixed2 = (x: number) => (Math.round(x * 100) / 100 || 0).toFixed(2);
const percent = (x: number) => `${Math.round(x * 100)}%`;
const markText = (m: Mark) => (m === "na" ? t("calibration.na") : String(m));

function Results({ results }: { results: ResultsData }) {
  const { evaluators, agreement } = results;
  if (evaluators.length === 0) return <p className="muted">{t("calibration.noScores")}</p>;
  const enough = agreement.raters >= 2;
  return (
    <>
      <h2>{t("calibration.overall")}</h2>
      {enough ? (
        <>
          <div className="grid">
            <IccCard label="calibration.iccSingle" result={agreement.icc} pick="single" />
            <IccCard label="calibration.iccAverage" result={agreement.icc} pick="average" />
            <KappaCard result={agreement.kappa} />
          </div>
          <p className="muted">{t("calibration.icc.explain")}</p>
          <p className="muted">{t("calibration.kappa.explain")}</p>
          <p className="muted">{t("calibration.paradox")}</p>
          <p className="muted">{t("calibration.na.explain")}</p>
        </>
      ) : (
        <p className="card" role="status">
          {t("calibration.tooFewRaters")}
        </p>
      )}

      <h2>{t("calibration.evaluators")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("calibration.col.evaluator")}</th>
              <th className="num">{t("calibration.col.total")}</th>
              <th>{t("calibration.col.band")}</th>
              <th className="num">{t("calibration.col.deviation")}</th>
            </tr>
          </thead>
          <tbody>
            {evaluators.map((e) => (
              <tr key={e.evaluatorId}>
                <td>
                  {e.mostDeviant ? <strong>{e.name}</strong> : e.name}
                  {e.mostDeviant && (
                    <>
                      {" "}
                      <span className="badge overdue">{t("calibration.mostDeviant")}</span>
                    </>
                  )}
                </td>
                <td className="num">{e.total ?? "—"}</td>
                <td>{e.band ?? "—"}</td>
                <td className="num">{e.meanAbsDeviation === null ? "—" : (e.meanAbsDeviation * 100).toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {enough && (
        <>
          <p className="muted">{t("calibration.deviation.explain")}</p>
          {agreement.mostDeviant === null && (
            <p className="muted">{t(agreement.raters === 2 ? "calibration.deviation.two" : "calibration.deviation.none")}</p>
          )}
        </>
      )}

      <h2>{t("calibration.items")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("calibration.col.item")}</th>
              <th className="num">{t("calibration.col.max")}</th>
              {evaluators.map((e) => (
                <th key={e.evaluatorId} className="num">
                  {e.name}
                </th>
              ))}
              <th className="num">{t("calibration.col.modal")}</th>
              <th className="num">{t("calibration.col.agree")}</th>
              <th className="num">{t("calibration.col.range")}</th>
              <th className="num">{t("calibration.col.categories")}</th>
            </tr>
          </thead>
          <tbody>
            {agreement.items.map((item) => (
              <tr key={item.key}>
                <td>
                  {item.label}
                  {!item.inStatistics && <div className="muted">{t("calibration.itemExcluded")}</div>}
                </td>
                <td className="num">{item.maxPoints}</td>
                {item.marks.map((m, i) => (
                  <td key={evaluators[i].evaluatorId} className="num">
                    {markText(m)}
                  </td>
                ))}
                <td className="num">{item.modal.map(markText).join("、")}</td>
                <td className="num">{percent(item.modalShare)}</td>
                <td className="num">{item.min === null ? "—" : item.min === item.max ? item.min : `${item.min}–${item.max}`}</td>
                <td className="num">
                  {item.categories.full}／{item.categories.partial}／{item.categories.zero}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Unavailable({ result, statistic }: { result: Extract<IccResult | KappaResult, { ok: false }>; statistic: "icc" | "kappa" }) {
  const key =
    result.reason === "tooFewRaters"
      ? "calibration.unavailable.tooFewRaters"
      : (`calibration.unavailable.${result.reason}.${statistic}` as MessageKey);
  return <p className="muted">{t(key)}</p>;
}

function IccCard({ label, result, pick }: { label: MessageKey; result: IccResult; pick: "single" | "average" }) {
  return (
    <div className="card">
      <div>{t(label)}</div>
      {result.ok ? (
        <>
          <div className="stat">{fixed2(result[pick])}</div>
          <div className="muted">
            {t(`calibration.iccLevel.${pick === "single" ? result.singleLevel : result.averageLevel}`)}・
            {t("calibration.itemsUsed", { n: result.items })}
          </div>
        </>
      ) : (
        <Unavailable result={result} statistic="icc" />
      )}
    </div>
  );
}

function KappaCard({ result }: { result: KappaResult }) {
  return (
    <div className="card">
      <div>{t("calibration.kappa")}</div>
      {result.ok ? (
        <>
          <div className="stat">{fixed2(result.value)}</div>
          <div className="muted">
            {t(`calibration.kappaLevel.${result.level}`)}・{t("calibration.itemsUsed", { n: result.items })}
          </div>
        </>
      ) : (
        <Unavailable result={result} statistic="kappa" />
      )}
    </div>
  );
}
