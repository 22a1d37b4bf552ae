import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, type MessageKey } from "~/locales";
import { READING_ROLES, canReadRecord, templateItems, type Check, type ChecklistField, type FieldValue } from "~/modules/checklists";
import { getRecord } from "~/modules/checklists/records.server";
import { currentScale } from "~/modules/courtesy/scales.server";
import { forbidden, requireUser } from "~/modules/org/auth.server";
import { taipeiLocalInput } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, idParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t("checklist.record", { id: data.record.id }) : t("checklist.title")}｜${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, READING_ROLES);
  const record = await getRecord(prisma, idParam(params.id));
  if (!record) throw errorResponse(404, t("error.notFound"));
  if (!canReadRecord(user, record)) forbidden();
  const { scale } = await currentScale(prisma);
  return json({ record, improvementBelow: scale.improvementBelow });
}

function counts(checks: Record<string, Record<string, Check>>) {
  const all = Object.values(checks).flatMap((bySlot) => Object.values(bySlot));
  return {
    applicable: all.filter((c) => c !== "na").length,
    obtained: all.filter((c) => c === "yes").length,
    failed: all.filter((c) => c === "no").length,
  };
}

function fieldText(field: ChecklistField, value: FieldValue | undefined): string {
  if (value === undefined) return t("common.none");
  if (Array.isArray(value)) return value.join("、");
  if (field.type === "choice") return field.choices.find((c) => c.value === value)?.label ?? String(value);
  return String(value);
}

export default function ChecklistRecord() {
  const { record, improvementBelow } = useLoaderData<typeof loader>();
  const { template, answers } = record;
  const c = counts(answers.checks);
  const failed = template.slots.flatMap((slot) =>
    templateItems(template)
      .filter((item) => answers.checks[slot.key]?.[item.key] === "no")
      .map((item) => ({ slot, item })),
  );
  const single = template.slots.length === 1;
  const fields = template.sections.flatMap((s) => s.fields);
  return (
    <>
      <p className="no-print">
        <Link to="/checklists">{t("common.back")}</Link>
      </p>
      <h1>
        {t("checklist.record", { id: record.id })}：{template.title}
      </h1>
      <p>
        {record.office.name}・{record.date}・{t(`checklist.kind.${record.kind}` as MessageKey)}
        <br />
        <span className="muted">
          {t("checklist.evaluator")}：{record.evaluatorName}　{t("checklist.submittedAt")}：
          {taipeiLocalInput(record.submittedAt).replace("T", " ")}
        </span>
      </p>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("checklist.score")}</div>
          <div className="stat">{record.score.toFixed(1)}</div>
          <div className="muted">{t("checklist.passed", { obtained: c.obtained, applicable: c.applicable })}</div>
        </div>
        <div className="card">
          <div className="muted">{t("checklist.band")}</div>
          <div className="stat">{record.band}</div>
          {record.score < improvementBelow && <span className="badge overdue">{t("checklist.needsImprovement")}</span>}
        </div>
        <div className="card">
          <div className="muted">{t("checklist.failedOnly")}</div>
          <div className="stat">{c.failed}</div>
        </div>
      </div>

      <h2>{t("checklist.failedOnly")}</h2>
      {failed.length === 0 ? (
        <p className="muted">{t("checklist.noneFailed")}</p>
      ) : (
        <ul>
          {failed.map(({ slot, item }) => (
            <li key={`${slot.key}/${item.key}`} className="error">
              {single ? "" : `${slot.label}｜`}
              {item.group.label}：{item.label}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("checklist.checks")}</h2>
      {template.groups.map((group) => (
        <div key={group.key} className="table-wrap">
          <table>
            <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.5rem 0" }}>{group.label}</caption>
            <thead>
              <tr>
                <th>{t("checklist.item")}</th>
                {template.slots.map((slot) => (
                  <th key={slot.key} className="num">
                    {single ? t("checklist.result") : slot.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {group.items.map((item) => (
                <tr key={item.key}>
                  <td>{item.label}</td>
                  {template.slots.map((slot) => {
                    const check = answers.checks[slot.key]?.[item.key];
                    return (
                      <td
                        key={slot.key}
                        className={check === "no" ? "num error" : "num"}
                        style={check === "no" ? { fontWeight: 700, background: "#fff5f5" } : undefined}
                      >
                        {check ? t(`checklist.check.${check}`) : t("checklist.check.missing")}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      {fields.length > 0 && (
        <>
          <h2>{t("checklist.details")}</h2>
          <dl>
            {fields.map((field) => (
              <div key={field.key}>
                <dt className="muted">{field.label}</dt>
                <dd>{fieldText(field, answers.fields[field.key])}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <h2>{template.notesLabel}</h2>
      <p style={{ whiteSpace: "pre-wrap" }}>{record.notes || t("common.none")}</p>
    </>
  );
}
