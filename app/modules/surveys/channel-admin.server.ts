import { z } from "~/utils/zod";
import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { errorResponse, idParam } from "~/utils/http.server";
import { t } from "~/locales";
import { newChannelCode } from "./channels.server";

const TAIPEI_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A `datetime-local` value read as Taipei time; empty means "no limit". */
const taipeiLocal = z
  .string()
  .trim()
  .refine((v) => v === "" || (TAIPEI_LOCAL.test(v) && !Number.isNaN(Date.parse(`${v}:00+08:00`))), t("channel.error.datetime"))
  .transform((v) => (v === "" ? null : new Date(`${v}:00+08:00`)));

export const channelSchema = z
  .object({
    label: z.string().trim().min(1, t("error.required")).max(100, t("error.tooLong")),
    kind: z.enum(["qr", "link", "kiosk"]),
    officeId: z.coerce.number().int().positive(t("error.required")),
    unitId: z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v)),
    versionId: z.coerce.number().int().positive(t("error.required")),
    code: z
      .string()
      .trim()
      .refine((v) => v === "" || /^[A-Za-z0-9_-]{3,64}$/.test(v), t("channel.error.code"))
      .default(""),
    opensAt: taipeiLocal.default(""),
    closesAt: taipeiLocal.default(""),
  })
  .refine((v) => !v.opensAt || !v.closesAt || v.opensAt < v.closesAt, { message: t("channel.error.order"), path: ["closesAt"] });

export type ChannelInput = z.infer<typeof channelSchema>;
type FieldErrors = Record<string, string[]>;

/** Checks that the office, unit and questionnaire version exist and belong together. */
async function checkReferences(db: Db, input: ChannelInput): Promise<FieldErrors | null> {
  const office = await db.office.count({ where: { id: input.officeId } });
  if (!office) return { officeId: [t("error.invalidId")] };
  if (input.unitId !== null && !(await db.unit.count({ where: { id: input.unitId, officeId: input.officeId } }))) {
    return { unitId: [t("channel.error.unit")] };
  }
  if (!(await db.surveyVersion.count({ where: { id: input.versionId } }))) return { versionId: [t("error.invalidId")] };
  return null;
}

export async function createChannel(
  db: Db,
  actorId: number,
  input: ChannelInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const errors = await checkReferences(db, input);
  if (errors) return { ok: false, errors };
  const code = input.code || newChannelCode();
  if (await db.channel.count({ where: { code } })) return { ok: false, errors: { code: [t("channel.error.codeTaken")] } };
  const created = await db.$transaction(async (tx) => {
    const { code: _code, ...rest } = input;
    const channel = await tx.channel.create({ data: { ...rest, code }, select: { id: true } });
    await audit(tx, { actorId, action: "channel.create", entity: "Channel", entityId: channel.id, data: { code } });
    return channel;
  });
  return { ok: true, id: created.id };
}

export async function updateChannel(
  db: Db,
  actorId: number,
  id: number,
  input: ChannelInput,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const errors = await checkReferences(db, input);
  if (errors) return { ok: false, errors };
  await db.$transaction(async (tx) => {
    // The code is printed on posters already: it never changes.
    const { code: _code, ...rest } = input;
    await tx.channel.update({ where: { id }, data: rest });
    await audit(tx, { actorId, action: "channel.update", entity: "Channel", entityId: id, data: rest });
  });
  return { ok: true };
}

export async function listChannels(db: Db) {
  return db.channel.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      code: true,
      label: true,
      kind: true,
      opensAt: true,
      closesAt: true,
      office: { select: { name: true } },
      unit: { select: { name: true } },
      version: { select: { version: true, definition: { select: { title: true } } } },
      _count: { select: { responses: true } },
    },
  });
}

/** The channel named by a route's id parameter, or a thrown 404. */
export async function requireChannel(db: Db, param: string | undefined) {
  const channel = await getChannel(db, idParam(param));
  if (!channel) throw errorResponse(404, t("error.notFound"));
  return channel;
}

function getChannel(db: Db, id: number) {
  return db.channel.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      label: true,
      kind: true,
      officeId: true,
      unitId: true,
      versionId: true,
      opensAt: true,
      closesAt: true,
      office: { select: { name: true } },
      unit: { select: { name: true } },
      version: { select: { version: true, definition: { select: { title: true } } } },
    },
  });
}

/** Offices with their units and every questionnaire version, for the channel form. */
export async function channelFormOptions(db: Db) {
  const offices = await db.office.findMany({
    where: { active: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true, units: { select: { id: true, name: true } } },
  });
  const versions = await db.surveyVersion.findMany({
    orderBy: [{ definitionId: "asc" }, { version: "desc" }],
    select: { id: true, version: true, definition: { select: { title: true } } },
  });
  return { offices, versions: versions.map((v) => ({ id: v.id, label: `${v.definition.title}（第 ${v.version} 版）` })) };
}
