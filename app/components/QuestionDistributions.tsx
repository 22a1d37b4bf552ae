import { t } from "~/locales";
import { formatPercent } from "~/modules/reports/satisfaction";
import type { QuestionDistribution } from "~/modules/reports/question-distribution";

/** One table per countable question: each option's count and share of the question's respondents. */
export function QuestionDistributions({ questions }: { questions: QuestionDistribution[] }) {
  if (questions.length === 0) return <p className="muted">{t("distribution.noQuestions")}</p>;
  return (
    <>
      {questions.map((q, i) => (
        <section key={q.key} aria-labelledby={`question-${i}`}>
          <h3 id={`question-${i}`}>{q.title}</h3>
          <p className="muted">
            {t("distribution.n", { n: q.n })}
            {q.type === "checkbox" && `｜${t("distribution.multiple")}`}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("distribution.option")}</th>
                  <th className="num">{t("distribution.count")}</th>
                  <th className="num">{t("distribution.share")}</th>
                </tr>
              </thead>
              <tbody>
                {q.options.map((o) => (
                  <tr key={o.value}>
                    <td>{o.label}</td>
                    <td className="num">{o.count}</td>
                    <td className="num">{q.n > 0 ? formatPercent(o.share) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
