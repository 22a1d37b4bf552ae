import type { Db } from "~/utils/db.server";

type Tx = Pick<Db, "auditLog">;

/** Appends one entry to the audit log; nothing ever updates or deletes these rows. */
export async function audit(
  db: Tx,
  entry: { actorId: number | null; action: string; entity: string; entityId: string | number; data?: unknown },
) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      data: JSON.stringify(entry.data ?? {}),
    },
  });
}
