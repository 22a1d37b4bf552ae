import type { Prisma } from "~/generated/prisma/client";
import { t } from "~/locales";
import { invalidFields, notFound, type FieldErrors } from "~/utils/errors";
import { endAllSessions } from "~/utils/session.server";
import type { Db } from "~/utils/db.server";
import { containsText } from "~/utils/sql-dialect.server";
import { audit } from "./audit.server";
import { hashPassword } from "./passwords.server";
import { passwordProblem } from "./password-policy";
import { publicUserSelect } from "./user-fields";
import { guardedTransaction, type UserCreate, type UserUpdate } from "./validation";

type Tx = Prisma.TransactionClient;
type Scope = { authorityId: number | null; officeId: number | null; unitId: number | null };

const userSelect = { ...publicUserSelect, createdAt: true } as const;

export const USERS_PER_PAGE = 50;

/** One page of users, optionally narrowed by a text in e-mail or name and by role. */
export async function listUsers(db: Db, filter: { q?: string; role?: string; page?: number } = {}) {
  const where = {
    ...(filter.q ? { OR: [{ email: containsText(filter.q) }, { name: containsText(filter.q) }] } : {}),
    ...(filter.role ? { role: filter.role } : {}),
  };
  const page = Math.max(1, filter.page ?? 1);
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ role: "asc" }, { email: "asc" }],
      skip: (page - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
      select: {
        ...userSelect,
        authority: { select: { name: true } },
        office: { select: { name: true } },
        unit: { select: { name: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  return { users, total, page, pages: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

export async function getUserDetail(db: Db, id: number) {
  return db.user.findUnique({ where: { id }, select: userSelect });
}

/** Choices for the scope fields; units carry their office so the page can filter them. */
export async function userFormOptions(db: Db) {
  const [authorities, offices, units] = await Promise.all([
    db.authority.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.office.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, active: true } }),
    db.unit.findMany({ orderBy: [{ officeId: "asc" }, { id: "asc" }], select: { id: true, name: true, officeId: true } }),
  ]);
  return { authorities, offices, units };
}

/** The scope's rows must exist, and a unit must belong to the chosen office. */
async function checkScopeRefs(tx: Tx, scope: Scope) {
  const errors: FieldErrors = {};
  if (scope.authorityId !== null && !(await tx.authority.count({ where: { id: scope.authorityId } })))
    errors.authorityId = [t("admin.form.invalidChoice")];
  if (scope.officeId !== null && !(await tx.office.count({ where: { id: scope.officeId } })))
    errors.officeId = [t("admin.form.invalidChoice")];
  else if (scope.unitId !== null && !(await tx.unit.count({ where: { id: scope.unitId, officeId: scope.officeId ?? -1 } })))
    errors.unitId = [t("admin.user.unitNotInOffice")];
  if (Object.keys(errors).length) throw invalidFields(errors);
}

export async function createUser(db: Db, actorId: number, input: UserCreate): Promise<{ id: number }> {
  const { password, ...fields } = input;
  // Hashing takes ~100 ms; do it before the transaction so SQLite's write lock is held briefly.
  const passwordHash = await hashPassword(password);
  return guardedTransaction(db, { unique: { email: [t("admin.user.duplicateEmail")] } }, async (tx) => {
    await checkScopeRefs(tx, fields);
    const user = await tx.user.create({ data: { ...fields, passwordHash }, select: { id: true } });
    await audit(tx, { actorId, action: "user.create", entity: "User", entityId: user.id, data: fields });
    return user;
  });
}

/** Admins cannot lock themselves out: no demoting or deactivating one's own account. */
function checkSelfEdit(actorId: number, userId: number, input: UserUpdate) {
  if (actorId !== userId) return;
  const errors: FieldErrors = {};
  if (input.role !== "admin") errors.role = [t("admin.user.selfDemote")];
  if (!input.active) errors.active = [t("admin.user.selfDeactivate")];
  if (Object.keys(errors).length) throw invalidFields(errors);
}

export async function updateUser(db: Db, actorId: number, userId: number, input: UserUpdate): Promise<void> {
  checkSelfEdit(actorId, userId, input);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!before) throw notFound();
    await checkScopeRefs(tx, input);
    await tx.user.update({ where: { id: userId }, data: input });
    // A changed role, scope or deactivation takes effect at once: the user signs in again.
    const changed = (["role", "authorityId", "officeId", "unitId", "active"] as const).some((k) => before[k] !== input[k]);
    if (changed) await endAllSessions(tx, userId);
    await audit(tx, { actorId, action: "user.update", entity: "User", entityId: userId, data: { before, after: input } });
  });
}

export async function resetPassword(db: Db, actorId: number, userId: number, password: string): Promise<void> {
  const account = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!account) throw notFound();
  const problem = passwordProblem(password, account.email);
  if (problem) throw invalidFields({ password: [problem] });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    if (!(await tx.user.count({ where: { id: userId } }))) throw notFound();
    // A new password from an admin also lifts a lock from failed sign-ins.
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null },
    });
    // Whoever knew the old password is signed out everywhere.
    await endAllSessions(tx, userId);
    await audit(tx, { actorId, action: "user.resetPassword", entity: "User", entityId: userId });
  });
}

/** An admin signs a user out on every device (a lost phone, a shared PC); audited with the count. */
export async function endUserSessions(db: Db, actorId: number, userId: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const ended = await endAllSessions(tx, userId);
    await audit(tx, { actorId, action: "user.endSessions", entity: "User", entityId: userId, data: { ended } });
    return ended;
  });
}
