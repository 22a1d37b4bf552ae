import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { defaultScale, validateScale, type Scale } from "./scale";

export type StoredScale = { id: number; scale: Scale };

function parse(row: { id: number; json: string }): StoredScale {
  return { id: row.id, scale: JSON.parse(row.json) as Scale };
}

/** The newest version of the scale in use; the default scale is stored on first use. */
export async function currentScale(db: Db, key = defaultScale.key): Promise<StoredScale> {
  const row = await db.courtesyScale.findFirst({ where: { key }, orderBy: { version: "desc" }, select: { id: true, json: true } });
  if (row) return parse(row);
  if (key !== defaultScale.key) throw new RangeError(`unknown scale ${key}`);
  const created = await db.courtesyScale.create({
    data: { key, version: defaultScale.version, json: JSON.stringify(defaultScale) },
    select: { id: true, json: true },
  });
  return parse(created);
}

export async function scaleById(db: Db, id: number): Promise<StoredScale | null> {
  const row = await db.courtesyScale.findUnique({ where: { id }, select: { id: true, json: true } });
  return row ? parse(row) : null;
}

export async function scaleVersions(db: Db, key: string) {
  return db.courtesyScale.findMany({
    where: { key },
    orderBy: { version: "desc" },
    select: { id: true, version: true, createdAt: true, _count: { select: { calls: true } } },
  });
}

/** Saves an edited scale as the next version: calls already scored keep theirs. Refuses a malformed one (AppError 400). */
export async function saveScaleVersion(db: Db, actorId: number, edited: Scale): Promise<StoredScale> {
  return db.$transaction(async (tx) => {
    const latest = await tx.courtesyScale.findFirst({
      where: { key: edited.key },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const scale: Scale = { ...edited, version: (latest?.version ?? 0) + 1 };
    validateScale(scale);
    const row = await tx.courtesyScale.create({
      data: { key: scale.key, version: scale.version, json: JSON.stringify(scale) },
      select: { id: true, json: true },
    });
    await audit(tx, {
      actorId,
      action: "scale.version.create",
      entity: "CourtesyScale",
      entityId: row.id,
      data: { key: scale.key, version: scale.version },
    });
    return parse(row);
  });
}
