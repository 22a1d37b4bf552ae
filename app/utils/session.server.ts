import { randomBytes } from "node:crypto";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { prisma, type DbOrTx } from "./db.server";
import { env, sessionSecret } from "./env.server";

type CookieData = { sid: string };

/** A sign-in ends 8 hours after it began, a working day, however active. */
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
/** …and after 2 hours without a request: a counter PC left signed in at lunch. */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
// lastSeenAt is written at most this often, so reading pages does not write on every request.
const TOUCH_EVERY_MS = 60_000;

let storage: ReturnType<typeof createCookieSessionStorage<CookieData>> | undefined;

function sessionStorage() {
  storage ??= createCookieSessionStorage<CookieData>({
    cookie: {
      name: "sqp_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      // A plain-http PUBLIC_URL (an intranet without TLS) cannot carry secure cookies.
      secure: env().NODE_ENV === "production" && !env().PUBLIC_URL?.startsWith("http:"),
      secrets: [sessionSecret()],
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    },
  });
  return storage;
}

function cookieSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export type ActiveSession = { id: string; userId: number; createdAt: Date };

/**
 * The sign-in this request's cookie names, or null when there is none, its row is gone
 * (logged out, ended by an admin or a password reset) or it has expired; an expired row
 * is deleted on sight. The cookie alone proves nothing.
 */
export async function sessionUser(request: Request, now = new Date()): Promise<ActiveSession | null> {
  const sid = (await cookieSession(request)).get("sid");
  if (typeof sid !== "string" || sid === "") return null;
  const row = await prisma.session.findUnique({
    where: { id: sid },
    select: { id: true, userId: true, createdAt: true, lastSeenAt: true },
  });
  if (!row) return null;
  const age = now.getTime() - row.createdAt.getTime();
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (age > SESSION_ABSOLUTE_MS || idle > SESSION_IDLE_MS) {
    await prisma.session.deleteMany({ where: { id: sid } });
    return null;
  }
  if (idle > TOUCH_EVERY_MS) await prisma.session.updateMany({ where: { id: sid }, data: { lastSeenAt: now } });
  return { id: row.id, userId: row.userId, createdAt: row.createdAt };
}

/** Signs in: a new session id every time (the one the browser had is ended), so a planted cookie never becomes a sign-in. */
export async function createUserSession(request: Request, userId: number, redirectTo: string) {
  const session = await cookieSession(request);
  const previous = session.get("sid");
  if (typeof previous === "string") await prisma.session.deleteMany({ where: { id: previous } });
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  // Sessions nobody came back to would stay forever: each sign-in clears the expired ones.
  await prisma.session.deleteMany({
    where: { OR: [{ createdAt: { lt: new Date(now - SESSION_ABSOLUTE_MS) } }, { lastSeenAt: { lt: new Date(now - SESSION_IDLE_MS) } }] },
  });
  await prisma.session.create({ data: { id, userId } });
  session.set("sid", id);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

/** Logs out this browser: the row goes, so a copy of the cookie is worthless too. */
export async function destroyUserSession(request: Request) {
  const session = await cookieSession(request);
  const sid = session.get("sid");
  if (typeof sid === "string") await prisma.session.deleteMany({ where: { id: sid } });
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}

/** Ends every sign-in of a user: "sign out everywhere", a password reset, a changed role or scope. */
export async function endAllSessions(db: DbOrTx, userId: number): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}
