import { json, redirect } from "@remix-run/node";
import { prisma, type Db } from "~/utils/db.server";
import { sessionUser } from "~/utils/session.server";
import { t } from "~/locales";
import { checkPassword } from "./passwords.server";
import { canSeeOffice, type Role } from "./roles";
import { publicUserSelect } from "./user-fields";

const userSelect = { ...publicUserSelect, passwordHash: true } as const;

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorityId: number | null;
  officeId: number | null;
  unitId: number | null;
};

function toSessionUser(u: { passwordHash: string; active: boolean } & Omit<SessionUser, "role"> & { role: string }): SessionUser {
  const { passwordHash: _hash, active: _active, ...rest } = u;
  return { ...rest, role: rest.role as Role };
}

export async function verifyLogin(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: userSelect });
  const ok = await checkPassword(password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  return toSessionUser(user);
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const session = await sessionUser(request);
  if (!session) return null;
  const user = await prisma.user.findUnique({ where: { id: session.userId }, select: userSelect });
  if (!user || !user.active) return null;
  return toSessionUser(user);
}

export function forbidden(): never {
  throw json({ error: t("auth.forbidden") }, { status: 403 });
}

/** The signed-in user, or a redirect to the login page; 403 when the role is not allowed. */
export async function requireUser(request: Request, roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !roles.includes(user.role)) forbidden();
  return user;
}

/** Loads an office the user may see, or throws 404 / 403. */
export async function requireOfficeAccess(user: SessionUser, officeId: number) {
  const office = await prisma.office.findUnique({
    where: { id: officeId },
    select: { id: true, name: true, kind: true, authorityId: true, peerGroupId: true, city: true, district: true },
  });
  if (!office) throw json({ error: t("error.notFound") }, { status: 404 });
  if (!canSeeOffice(user, office)) forbidden();
  return office;
}
