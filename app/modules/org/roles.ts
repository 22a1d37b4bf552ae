export const ROLES = ["admin", "analyst", "manager", "evaluator"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Offices see what a mystery caller found, not who called: a name would let an office
 * recognise the caller's voice next time. Managers never see evaluators' names, on a
 * page or in an export.
 */
export function seesEvaluatorNames(role: string): boolean {
  return role !== "manager";
}

export type ScopedUser = { id: number; role: string; authorityId: number | null; officeId: number | null };
export type ScopedOffice = { id: number; authorityId: number };

/**
 * Who may see an office's survey results: admins everywhere, analysts within their
 * authority, managers their own office. Evaluators see only their assigned calls.
 */
export function canSeeOffice(user: ScopedUser, office: ScopedOffice): boolean {
  switch (user.role) {
    case "admin":
      return true;
    case "analyst":
      return user.authorityId !== null && user.authorityId === office.authorityId;
    case "manager":
      return user.officeId === office.id;
    default:
      return false;
  }
}

/** A Prisma `where` on Office limiting rows to what the user may see. */
export function officeScope(user: ScopedUser): { authorityId?: number; id?: number } | null {
  if (user.role === "admin") return {};
  if (user.role === "analyst" && user.authorityId !== null) return { authorityId: user.authorityId };
  if (user.role === "manager" && user.officeId !== null) return { id: user.officeId };
  return null;
}
