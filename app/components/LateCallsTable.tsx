import { Link } from "@remix-run/react";
import { t } from "~/locales";

type LateCall = {
  id: number;
  scheduledDate: string;
  dueDate: string;
  status: string;
  office: { name: string };
  unit: { name: string } | null;
  evaluator: { name: string };
};

/** Test records past their due day: still open (with a link for the evaluator) or submitted late. */
export function LateCallsTable({ calls, showEvaluator }: { calls: LateCall[]; showEvaluator: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{t("evaluator.callDate")}</th>
            <th>{t("office.office")}</th>
            {showEvaluator && <th>{t("courtesy.evaluator")}</th>}
            <th>{t("evaluator.dueDate")}</th>
            <th>{t("followUp.status")}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.id}>
              <td>{c.scheduledDate}</td>
              <td>
                {c.office.name}・{c.unit?.name}
              </td>
              {showEvaluator && <td>{c.evaluator.name}</td>}
              <td>{c.dueDate}</td>
              <td>
                {c.status === "submitted" ? (
                  <span className="badge overdue">{t("evaluator.submittedLate")}</span>
                ) : showEvaluator ? (
                  <span className="badge overdue">{t("evaluator.overdue")}</span>
                ) : (
                  <Link to={`/evaluator/calls/${c.id}`} className="badge overdue">
                    {t("evaluator.overdue")}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
