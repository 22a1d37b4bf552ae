import { t } from "~/locales";
import { formatCell, type ReportModel, type ReportTable } from "~/modules/reports/report-model";
import { ReportChartCanvas } from "./ReportChartCanvas";

function Table({ table }: { table: ReportTable }) {
  return (
    <div className="table-scroll">
      <table className="report-table" id={`table-${table.id}`}>
        <caption>{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={table.columns[i].format === "text" ? undefined : "num"}>
                  {formatCell(cell, table.columns[i].format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The annual report as the page shows it and the PDF prints it: title, contents, then each section. */
export function AnnualReportDocument({ model }: { model: ReportModel }) {
  return (
    <article className="annual-report">
      <header className="report-cover">
        <h1>{model.title}</h1>
        <p className="report-subtitle">{model.subtitle}</p>
        <p>{model.generated}</p>
      </header>
      <nav aria-label={t("report.toc")} className="report-toc">
        <h2>{t("report.toc")}</h2>
        <ol>
          {model.sections.map((s) => (
            <li key={s.id}>
              <a href={`#section-${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {model.sections.map((s, i) => (
        <section key={s.id} id={`section-${s.id}`} className="report-section" aria-labelledby={`heading-${s.id}`}>
          <h2 id={`heading-${s.id}`}>
            {i + 1}. {s.title}
          </h2>
          {s.paragraphs.map((p, k) => (
            <p key={k}>{p}</p>
          ))}
          {s.charts.map((c) => (
            <figure key={c.id} id={c.id}>
              <ReportChartCanvas chart={c} />
              <figcaption>{c.caption}</figcaption>
            </figure>
          ))}
          {s.tables.map((table) => (
            <Table key={table.id} table={table} />
          ))}
        </section>
      ))}
    </article>
  );
}
