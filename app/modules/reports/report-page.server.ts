import { t } from "~/locales";
import type { SessionUser } from "~/modules/org/auth.server";
import { taipeiDate } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { errorResponse } from "~/utils/http.server";
import { parseAnnualRequest, type AnnualScope } from "./annual-request.server";
import { noteScope } from "./annual-report.server";
import { MAX_NOTE_CHARS } from "./report-formats";

/** Who may open the annual report page and poll its jobs. */
export const REPORT_PAGE_ROLES = ["admin", "analyst", "manager"] as const;

/**
 * The report the page is about: `authority=` or `office=` and `year=` from the URL, or the
 * user's own authority (analysts, admins the first one) or office (managers) this year.
 */
export async function reportPageRequest(db: Db, user: SessionUser, url: URL) {
  const search = new URLSearchParams(url.searchParams);
  if (!search.has("authority") && !search.has("office")) {
    if (user.role === "manager" && user.officeId !== null) search.set("office", String(user.officeId));
    else {
      const own = user.authorityId ?? (await db.authority.findFirst({ orderBy: { id: "asc" }, select: { id: true } }))?.id;
      if (own === undefined) throw errorResponse(404, t("report.error.noAuthority"));
      search.set("authority", String(own));
    }
  }
  if (!search.has("year")) search.set("year", taipeiDate(new Date()).slice(0, 4));
  search.set("format", "pdf");
  return parseAnnualRequest(db, user, search, { managers: true });
}

/** What the scope selector offers: the authorities and offices the user may report on. */
export async function reportScopes(db: Db, user: SessionUser) {
  const officeWhere =
    user.role === "admin" ? {} : user.role === "analyst" ? { authorityId: user.authorityId ?? -1 } : { id: user.officeId ?? -1 };
  const authorities =
    user.role === "manager"
      ? []
      : await db.authority.findMany({
          where: user.role === "admin" ? {} : { id: user.authorityId ?? -1 },
          orderBy: { id: "asc" },
          select: { id: true, name: true },
        });
  const offices = await db.office.findMany({
    where: officeWhere,
    orderBy: [{ authorityId: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  return { authorities, offices };
}

export async function readNote(db: Db, scope: AnnualScope, year: number) {
  return db.reportNote.findUnique({ where: { scope_year: { scope: noteScope(scope), year } }, select: { text: true, updatedAt: true } });
}

export async function saveNote(db: Db, scope: AnnualScope, year: number, text: string, userId: number) {
  if (text.length > MAX_NOTE_CHARS) throw errorResponse(400, t("report.error.noteTooLong", { max: MAX_NOTE_CHARS }));
  const key = { scope: noteScope(scope), year };
  await db.reportNote.upsert({
    where: { scope_year: key },
    create: { ...key, text, updatedById: userId },
    update: { text, updatedById: userId },
  });
}

/** A version of the note for the job key: editing the text makes the next download a new job. */
export function noteVersion(note: { updatedAt: Date } | null): string {
  return note ? String(note.updatedAt.getTime()) : "none";
}
