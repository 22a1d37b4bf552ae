import { Link } from "@remix-run/react";
import { t, type MessageKey } from "~/locales";
import { isOverdue } from "~/modules/surveys/follow-up";

export type FollowUpRow = {
  id: number;
  reason: string;
  dueDate: string | null;
  status: string;
  owner: { name: string } | null;
  office?: { name: string };
};

/** A case's due date, or the notice that it waits for the calendar of its period. */
export function DueDate({ dueDate }: { dueDate: string | null }) {
  return <>{dueDate ?? <span className="muted">{t("followUp.duePending")}</span>}</>;
}

/** Follow-up cases with their due dates; unresolved cases past due are flagged. */
export function FollowUpTable({ cases, today, showOffice }: { cases: FollowUpRow[]; today: string; showOffice: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>#</th>
            {showOffice && <th>{t("followUp.office")}</th>}
            <th>{t("followUp.reason")}</th>
            <th>{t("followUp.due")}</th>
            <th>{t("followUp.owner")}</th>
            <th>{t("followUp.status")}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/follow-ups/${c.id}`}>{c.id}</Link>
              </td>
              {showOffice && <td>{c.office?.name}</td>}
              <td>{t(c.reason as MessageKey)}</td>
              <td>
                <DueDate dueDate={c.dueDate} /> {isOverdue(c, today) && <span className="badge overdue">{t("followUp.overdue")}</span>}
              </td>
              <td>{c.owner?.name ?? t("common.none")}</td>
              <td>{t(`followUp.status.${c.status}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
