import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { notFound } from "~/utils/errors";
import { answerSummary } from "./answer-summary";
import { recountStoredResponse } from "~/modules/reports/monthly-stats.server";

/** `flagged`: counted out of the figures now; `cleared`: un-flagged by staff, and may be flagged again. */
export type DuplicateView = "flagged" | "cleared";

export const DUPLICATES_PER_PAGE = 50;

const inView = (view: DuplicateView) =>
  view === "flagged" ? { duplicate: true } : { duplicate: false, duplicateReviewedAt: { not: null } };

/** One page of responses under duplicate review in the offices `officeWhere` allows, newest first. */
export async function listDuplicateReview(db: Db, officeWhere: object, view: DuplicateView, page: number) {
  const where = { office: officeWhere, ...inView(view) };
  const [rows, total] = await Promise.all([
    db.response.findMany({
      where,
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * DUPLICATES_PER_PAGE,
      take: DUPLICATES_PER_PAGE,
      select: {
        id: true,
        submittedAt: true,
        duplicate: true,
        duplicateReviewedAt: true,
        answers: true,
        office: { select: { name: true } },
        channel: { select: { code: true, label: true } },
        version: { select: { json: true } },
      },
    }),
    db.response.count({ where }),
  ]);
  const responses = rows.map(({ answers, version, ...r }) => ({
    ...r,
    answers: answerSummary(JSON.parse(version.json), JSON.parse(answers)),
  }));
  return { responses, total, page, pages: Math.max(1, Math.ceil(total / DUPLICATES_PER_PAGE)) };
}

/**
 * Sets a response's duplicate flag by hand and records who did it. Only responses under
 * review (flagged now, or cleared earlier) can be changed, and only within `officeWhere`;
 * anything else is not found. Setting the flag it already has changes nothing.
 */
export async function setDuplicateFlag(db: Db, actorId: number, officeWhere: object, id: number, duplicate: boolean) {
  await db.$transaction(async (tx) => {
    const found = await tx.response.findFirst({
      where: { id, office: officeWhere, OR: [inView("flagged"), inView("cleared")] },
      select: { duplicate: true },
    });
    if (!found) throw notFound();
    if (found.duplicate === duplicate) return;
    await tx.response.update({ where: { id }, data: { duplicate, duplicateReviewedAt: new Date() } });
    await recountStoredResponse(tx, id, duplicate ? -1 : 1);
    await audit(tx, {
      actorId,
      action: duplicate ? "response.duplicate.flag" : "response.duplicate.clear",
      entity: "Response",
      entityId: id,
      data: { before: found.duplicate, after: duplicate },
    });
  });
}
