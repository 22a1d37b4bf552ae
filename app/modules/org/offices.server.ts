import type { Prisma } from "~/generated/prisma/client";
import { t } from "~/locales";
import { invalidFields, notFound, type FieldErrors } from "~/utils/errors";
import type { Db } from "~/utils/db.server";
import { audit } from "./audit.server";
import {
  guardedTransaction,
  type ExtensionInput,
  type OfficeInput,
  type OfficeUpdate,
  type UnitInput,
  type UnitRename,
} from "./validation";

type Tx = Prisma.TransactionClient;

const duplicateOffice = { unique: { name: [t("admin.office.duplicateName")] } };
const duplicateUnit = { unique: { name: [t("admin.unit.duplicateName")] } };

/** The columns an admin edits: what the edit form shows and what the audit log compares. */
const editableOfficeFields = {
  name: true,
  kind: true,
  city: true,
  district: true,
  authorityId: true,
  peerGroupId: true,
  phone: true,
  address: true,
  yearlyVisitors: true,
  active: true,
} as const;

export async function listOffices(db: Db) {
  return db.office.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      id: true,
      ...editableOfficeFields,
      authority: { select: { name: true } },
      peerGroup: { select: { name: true } },
      _count: { select: { units: true } },
    },
  });
}

/** Choices for the office form: authorities, and peer groups with their kind for filtering. */
export async function officeFormOptions(db: Db) {
  const [authorities, peerGroups] = await Promise.all([
    db.authority.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.peerGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } }),
  ]);
  return { authorities, peerGroups };
}

export async function getOfficeDetail(db: Db, officeId: number) {
  return db.office.findUnique({
    where: { id: officeId },
    select: {
      id: true,
      ...editableOfficeFields,
      units: {
        orderBy: [{ isSwitchboard: "desc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          isSwitchboard: true,
          extensions: { orderBy: { number: "asc" }, select: { id: true, number: true, label: true } },
        },
      },
    },
  });
}

/** The authority must exist and the peer group, when given, must hold offices of the same kind. */
async function checkOfficeRefs(tx: Tx, input: OfficeInput) {
  const [authority, group] = await Promise.all([
    tx.authority.findUnique({ where: { id: input.authorityId }, select: { id: true } }),
    input.peerGroupId === null ? null : tx.peerGroup.findUnique({ where: { id: input.peerGroupId }, select: { kind: true } }),
  ]);
  const errors: FieldErrors = {};
  if (!authority) errors.authorityId = [t("admin.form.invalidChoice")];
  if (input.peerGroupId !== null && !group) errors.peerGroupId = [t("admin.form.invalidChoice")];
  else if (group && group.kind !== input.kind) errors.peerGroupId = [t("admin.office.peerGroupKind")];
  if (Object.keys(errors).length) throw invalidFields(errors);
}

export async function createOffice(db: Db, actorId: number, input: OfficeInput): Promise<{ id: number }> {
  return guardedTransaction(db, duplicateOffice, async (tx) => {
    await checkOfficeRefs(tx, input);
    const office = await tx.office.create({ data: input, select: { id: true } });
    await audit(tx, { actorId, action: "office.create", entity: "Office", entityId: office.id, data: input });
    return office;
  });
}

export async function updateOffice(db: Db, actorId: number, officeId: number, input: OfficeUpdate): Promise<void> {
  await guardedTransaction(db, duplicateOffice, async (tx) => {
    const before = await tx.office.findUnique({ where: { id: officeId }, select: editableOfficeFields });
    if (!before) throw notFound();
    await checkOfficeRefs(tx, input);
    await tx.office.update({ where: { id: officeId }, data: input });
    await audit(tx, { actorId, action: "office.update", entity: "Office", entityId: officeId, data: { before, after: input } });
  });
}

/** A unit of this office, or a 404: ids from the form are never trusted across offices. */
async function unitOfOffice(tx: Tx, officeId: number, unitId: number) {
  const unit = await tx.unit.findFirst({ where: { id: unitId, officeId }, select: { id: true, name: true } });
  if (!unit) throw notFound();
  return unit;
}

async function requireOffice(tx: Tx, officeId: number) {
  if (!(await tx.office.count({ where: { id: officeId } }))) throw notFound();
}

export async function addUnit(db: Db, actorId: number, officeId: number, input: UnitInput): Promise<{ id: number }> {
  return guardedTransaction(db, duplicateUnit, async (tx) => {
    await requireOffice(tx, officeId);
    const unit = await tx.unit.create({ data: { officeId, ...input }, select: { id: true } });
    await audit(tx, { actorId, action: "unit.create", entity: "Unit", entityId: unit.id, data: { officeId, ...input } });
    return unit;
  });
}

export async function renameUnit(db: Db, actorId: number, officeId: number, input: UnitRename): Promise<void> {
  await guardedTransaction(db, duplicateUnit, async (tx) => {
    const before = await unitOfOffice(tx, officeId, input.unitId);
    await tx.unit.update({ where: { id: input.unitId }, data: { name: input.name } });
    await audit(tx, {
      actorId,
      action: "unit.rename",
      entity: "Unit",
      entityId: input.unitId,
      data: { officeId, before: before.name, after: input.name },
    });
  });
}

export async function addExtension(db: Db, actorId: number, officeId: number, input: ExtensionInput): Promise<{ id: number }> {
  return guardedTransaction(db, { unique: { number: [t("admin.extension.duplicate")] } }, async (tx) => {
    await unitOfOffice(tx, officeId, input.unitId);
    const ext = await tx.extension.create({ data: input, select: { id: true } });
    await audit(tx, { actorId, action: "extension.create", entity: "Extension", entityId: ext.id, data: { officeId, ...input } });
    return ext;
  });
}

export async function deleteExtension(db: Db, actorId: number, officeId: number, extensionId: number): Promise<void> {
  // Later records (test calls) may point at an extension; keep their history intact.
  await guardedTransaction(db, { foreignKey: { extensionId: [t("admin.extension.inUse")] } }, async (tx) => {
    const ext = await tx.extension.findFirst({
      where: { id: extensionId, unit: { officeId } },
      select: { unitId: true, number: true, label: true },
    });
    if (!ext) throw notFound();
    await tx.extension.delete({ where: { id: extensionId } });
    await audit(tx, { actorId, action: "extension.delete", entity: "Extension", entityId: extensionId, data: { officeId, ...ext } });
  });
}
