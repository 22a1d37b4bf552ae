import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { destroyUserSession, endAllSessions, sessionUser } from "~/utils/session.server";
import { readForm } from "~/utils/http.server";

export const loader = () => redirect("/");

/** Logs out this browser, or with `scope=everywhere` every device this person is signed in on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form.get("scope") === "everywhere") {
    const session = await sessionUser(request);
    if (session) await endAllSessions(prisma, session.userId);
  }
  return destroyUserSession(request);
}
