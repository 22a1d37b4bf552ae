import { forwardRef } from "react";
import { Form } from "@remix-run/react";
import { t } from "~/locales";
import {
  choiceIndex,
  fieldName,
  nativeQuestions,
  type NativeElement,
  type NativeQuestion,
  type NativeSurvey,
} from "~/modules/surveys/native-form";

type Props = {
  survey: NativeSurvey;
  /** Names of the questions and html blocks to show; the others wait for the answers that reveal them. */
  visible: string[];
  answers: Record<string, unknown>;
  errors: Record<string, string[]>;
  message?: string;
  fillToken: string;
};

/**
 * The questionnaire as a plain HTML form: usable at first paint and without JavaScript,
 * posted form-encoded to the page's own action. The server judges every answer (its
 * messages come back per question), so no control carries the browser's own `required`,
 * whose message would be in the phone's language rather than ours.
 */
export const NativeSurveyForm = forwardRef<HTMLFormElement, Props>(function NativeSurveyForm(props, ref) {
  const { survey, visible, answers, errors, message, fillToken } = props;
  const shown = new Set(visible);
  const titles = new Map(nativeQuestions(survey).map((q) => [q.name, q]));
  const problems = Object.entries(errors);

  const renderElements = (elements: NativeElement[]): React.ReactNode[] =>
    elements.map((e, i) => {
      if (e.kind === "html")
        return shown.has(e.name) ? <div key={e.name} className="native-html" dangerouslySetInnerHTML={{ __html: e.html }} /> : null;
      if (e.kind === "question") {
        const q = e.question;
        return shown.has(q.name) ? <QuestionField key={q.name} q={q} answers={answers} errors={errors[q.name]} /> : null;
      }
      const inner = renderElements(e.elements).filter(Boolean);
      if (inner.length === 0) return null;
      return (
        <section key={`panel-${i}`} className="native-panel">
          {e.title && <h3>{e.title}</h3>}
          {e.description && <p className="muted">{e.description}</p>}
          {inner}
        </section>
      );
    });

  return (
    <Form method="post" ref={ref} className="native-survey" data-survey-mode="native" noValidate>
      {(message || problems.length > 0) && (
        <div className="error-summary" role="alert">
          {message && <p>{message}</p>}
          {problems.length > 0 && (
            <ul>
              {problems.map(([name, messages]) => {
                const q = titles.get(name);
                return (
                  <li key={name}>
                    {q ? <a href={`#q${q.index}`}>{q.title}</a> : name}：{messages.join("、")}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      <input type="hidden" name="fillToken" value={fillToken} />
      {visible.map((name) => (
        <input key={name} type="hidden" name="shown" value={name} />
      ))}
      <div aria-hidden="true" className="honeypot">
        <label htmlFor="native-website">{t("survey.page.honeypot")}</label>
        <input id="native-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {survey.pages.map((page, i) => {
        const inner = renderElements(page.elements).filter(Boolean);
        if (inner.length === 0) return null;
        return (
          <section key={i} className="native-page">
            {page.title && <h2>{page.title}</h2>}
            {page.description && <p className="muted">{page.description}</p>}
            {inner}
          </section>
        );
      })}
      <button type="submit" className="native-submit">
        {survey.completeText || t("survey.native.submit")}
      </button>
    </Form>
  );
});

function QuestionField({ q, answers, errors }: { q: NativeQuestion; answers: Record<string, unknown>; errors?: string[] }) {
  const id = `q${q.index}`;
  const value = answers[q.name];
  const errorId = errors ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      className={`native-question native-${q.type}`}
      data-question={q.name}
      aria-invalid={errors ? true : undefined}
      aria-describedby={errorId}
    >
      <legend id={`${id}-title`}>
        {q.title}
        {q.required && <span className="native-required">{t("survey.native.required")}</span>}
      </legend>
      {q.description && <p className="muted">{q.description}</p>}
      {errors && (
        <p id={errorId} className="native-error">
          {errors.join("、")}
        </p>
      )}
      <Control q={q} value={value} labelledBy={`${id}-title`} />
      {q.otherValue !== undefined && (
        <label className="native-other">
          {t("survey.native.other")}
          <input type="text" name={fieldName(q, "other")} defaultValue={stringOf(answers[`${q.name}-Comment`])} maxLength={2000} />
        </label>
      )}
    </fieldset>
  );
}

const stringOf = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

function Control({ q, value, labelledBy }: { q: NativeQuestion; value: unknown; labelledBy: string }) {
  const name = fieldName(q);
  switch (q.type) {
    case "rating":
    case "radiogroup":
    case "boolean":
      return (
        <div className={q.type === "rating" ? "native-scale" : "native-choices"}>
          {q.type === "rating" && q.minText && <span className="native-scale-end">{q.minText}</span>}
          {q.choices.map((c, i) => (
            <label key={i}>
              <input type="radio" name={name} value={i} defaultChecked={choiceIndex(q.choices, value) === i} />
              <span>{c.text}</span>
            </label>
          ))}
          {q.type === "rating" && q.maxText && <span className="native-scale-end">{q.maxText}</span>}
        </div>
      );
    case "checkbox": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="native-choices">
          {q.choices.map((c, i) => (
            <label key={i}>
              <input type="checkbox" name={name} value={i} defaultChecked={chosen.includes(c.value)} />
              <span>{c.text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "dropdown":
      return (
        <select
          name={name}
          aria-labelledby={labelledBy}
          defaultValue={choiceIndex(q.choices, value) >= 0 ? String(choiceIndex(q.choices, value)) : ""}
        >
          <option value="">{q.placeholder || t("survey.native.choose")}</option>
          {q.choices.map((c, i) => (
            <option key={i} value={i}>
              {c.text}
            </option>
          ))}
        </select>
      );
    case "matrix": {
      const cells = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
      return (
        <div className="native-matrix">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("survey.native.row")}</th>
                {q.choices.map((c, i) => (
                  <th key={i} scope="col">
                    {c.text}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(q.rows ?? []).map((row, r) => (
                <tr key={row.value}>
                  <th scope="row">{row.text}</th>
                  {q.choices.map((c, i) => (
                    <td key={i}>
                      <input
                        type="radio"
                        name={fieldName(q, r)}
                        value={i}
                        aria-label={`${row.text}：${c.text}`}
                        defaultChecked={choiceIndex(q.choices, cells[row.value]) === i}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "comment":
      return (
        <textarea
          name={name}
          aria-labelledby={labelledBy}
          rows={4}
          maxLength={q.maxLength}
          placeholder={q.placeholder}
          defaultValue={stringOf(value)}
        />
      );
    default:
      return (
        <input
          type={q.inputType === "number" ? "number" : q.inputType === "tel" ? "tel" : "text"}
          step={q.inputType === "number" ? "any" : undefined}
          name={name}
          aria-labelledby={labelledBy}
          maxLength={q.maxLength}
          placeholder={q.placeholder}
          defaultValue={stringOf(value)}
        />
      );
  }
}
