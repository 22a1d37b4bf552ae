import { taipeiDate } from "~/utils/dates";
import { addWorkingDays, CalendarNotLoadedError, type WorkedDays } from "~/modules/calendar/working-days";
import type { MessageKey } from "~/locales";
import type { ValidAnswers } from "./validation";

/** A case's statuses, in the order lists show them; pages render them, so they live outside .server modules. */
export const FOLLOW_UP_STATUSES = ["open", "in_progress", "resolved"] as const;

/** Working days an office has to contact a dissatisfied citizen. */
export const FOLLOW_UP_WORKING_DAYS = 3;

/** Ratings at or below this on a five-point scale are 不滿意 / 非常不滿意. */
const DISSATISFIED_AT_MOST = 2;

export type FollowUpTrigger = { reason: MessageKey; contact: string | null };

/**
 * A response opens a case when any rating is dissatisfied, or when the citizen left a
 * comment and left contact details (asked only after consent). Ratings on other scales are mapped onto five points.
 */
export function followUpTrigger(answers: Pick<ValidAnswers, "ratings" | "personal" | "hasComment">): FollowUpTrigger | null {
  // Contact details can only be answered after consenting (visibleIf), so they are the consent.
  const contact = answers.personal.length > 0 ? answers.personal.join(" / ") : null;
  if (answers.ratings.some((r) => toFivePoint(r) <= DISSATISFIED_AT_MOST)) {
    return { reason: "followUp.reason.lowRating", contact };
  }
  if (answers.hasComment && contact) return { reason: "followUp.reason.comment", contact };
  return null;
}

function toFivePoint(r: ValidAnswers["ratings"][number]): number {
  if (r.scaleMax === r.scaleMin) return 5;
  return 1 + ((r.value - r.scaleMin) / (r.scaleMax - r.scaleMin)) * 4;
}

/**
 * The due date (YYYY-MM-DD, Taipei) of a case opened at `openedAt`, counted on the
 * government calendar; null while that period's calendar is not imported, so the
 * citizen's answer is still taken and the date is filled in once it is.
 */
export function followUpDueDate(days: WorkedDays, openedAt: Date): string | null {
  try {
    return addWorkingDays(days, taipeiDate(openedAt), FOLLOW_UP_WORKING_DAYS);
  } catch (e) {
    if (e instanceof CalendarNotLoadedError) return null;
    throw e;
  }
}

/** An unresolved case past its due date; a case still waiting for its due date is not overdue. */
export function isOverdue(c: { status: string; dueDate: string | null }, today: string): boolean {
  return c.status !== "resolved" && c.dueDate !== null && c.dueDate < today;
}
