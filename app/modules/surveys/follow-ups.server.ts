import { z } from "~/utils/zod";
import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { t } from "~/locales";
import { FOLLOW_UP_STATUSES } from "./follow-up";

export const followUpUpdateSchema = z
  .object({
    status: z.enum(FOLLOW_UP_STATUSES),
    ownerId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional(),
    resolution: z.string().trim().max(2000, t("error.tooLong")).default(""),
  })
  .refine((v) => v.status !== "resolved" || v.resolution.length > 0, { message: t("followUp.resolutionRequired"), path: ["resolution"] });

export type FollowUpUpdate = z.infer<typeof followUpUpdateSchema>;

export async function listFollowUps(db: Db, officeWhere: object, status: string | null, take = 200) {
  return db.followUpCase.findMany({
    where: { office: officeWhere, ...(status ? { status } : {}) },
    orderBy: [{ status: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }],
    take,
    select: { id: true, reason: true, dueDate: true, status: true, office: { select: { name: true } }, owner: { select: { name: true } } },
  });
}

export async function getFollowUp(db: Db, id: number) {
  return db.followUpCase.findUnique({
    where: { id },
    select: {
      id: true,
      officeId: true,
      reason: true,
      contact: true,
      dueDate: true,
      status: true,
      resolution: true,
      resolvedAt: true,
      createdAt: true,
      ownerId: true,
      office: { select: { id: true, name: true, authorityId: true } },
      response: { select: { answers: true, submittedAt: true, version: { select: { json: true } } } },
    },
  });
}

/** Updates a case's owner, status and resolution, and records who did it. */
export async function updateFollowUp(db: Db, id: number, actorId: number, update: FollowUpUpdate) {
  await db.$transaction(async (tx) => {
    const before = await tx.followUpCase.findUniqueOrThrow({ where: { id }, select: { status: true, ownerId: true, resolution: true } });
    await tx.followUpCase.update({
      where: { id },
      data: {
        status: update.status,
        resolution: update.resolution,
        ...(update.ownerId !== undefined ? { ownerId: update.ownerId === "" ? null : update.ownerId } : {}),
        resolvedAt: update.status === "resolved" ? new Date() : null,
      },
    });
    await audit(tx, { actorId, action: "followUp.update", entity: "FollowUpCase", entityId: id, data: { before, after: update } });
  });
}
