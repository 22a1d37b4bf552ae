import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/org/audit.server";
import { definitionErrors, withSurveyModel } from "./model";
import { parseBoundedJson } from "~/utils/json-bounds";

export async function listDefinitions(db: Db) {
  const defs = await db.surveyDefinition.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      key: true,
      title: true,
      kind: true,
      versions: { select: { id: true, version: true, _count: { select: { responses: true } } }, orderBy: { version: "desc" } },
    },
  });
  return defs.map((d) => ({
    id: d.id,
    key: d.key,
    title: d.title,
    kind: d.kind,
    latestVersion: d.versions[0]?.version ?? 0,
    latestVersionId: d.versions[0]?.id ?? null,
    responses: d.versions.reduce((n, v) => n + v._count.responses, 0),
  }));
}

export async function getDefinition(db: Db, id: number) {
  return db.surveyDefinition.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      title: true,
      kind: true,
      versions: {
        orderBy: { version: "desc" },
        select: { id: true, version: true, json: true, createdAt: true, _count: { select: { responses: true, channels: true } } },
      },
    },
  });
}

export type ParsedDefinition = { ok: true; json: Record<string, unknown>; title: string } | { ok: false; errors: string[] };

/** Parses an admin's SurveyJS JSON and lists what SurveyJS itself rejects (`jsonErrors`). */
export function parseDefinition(text: string): ParsedDefinition {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const json = parsed.value;
  const errors = definitionErrors(json);
  if (errors.length > 0) return { ok: false, errors };
  const obj = json as Record<string, unknown>;
  const title = typeof obj.title === "string" && obj.title.trim() ? obj.title.trim().slice(0, 200) : "";
  return { ok: true, json: obj, title };
}

/**
 * Saves a definition. A version that has responses is never changed: the save becomes
 * the next version and the channels that served the old one move to it, so citizens get
 * the edited questionnaire while old responses keep the questions they answered.
 */
export async function saveDefinitionVersion(db: Db, actorId: number, definitionId: number, json: Record<string, unknown>, title: string) {
  return db.$transaction(async (tx) => {
    const latest = await tx.surveyVersion.findFirst({
      where: { definitionId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, _count: { select: { responses: true } } },
    });
    const text = JSON.stringify(json);
    let versionId: number;
    let version: number;
    let created: boolean;
    if (latest && latest._count.responses === 0) {
      await tx.surveyVersion.update({ where: { id: latest.id }, data: { json: text } });
      ({ id: versionId, version } = latest);
      created = false;
    } else {
      version = (latest?.version ?? 0) + 1;
      versionId = (await tx.surveyVersion.create({ data: { definitionId, version, json: text }, select: { id: true } })).id;
      created = true;
      if (latest) await tx.channel.updateMany({ where: { versionId: latest.id }, data: { versionId } });
    }
    if (title) await tx.surveyDefinition.update({ where: { id: definitionId }, data: { title } });
    await audit(tx, {
      actorId,
      action: created ? "survey.version.create" : "survey.version.update",
      entity: "SurveyDefinition",
      entityId: definitionId,
      data: { version },
    });
    return { version, versionId, created };
  });
}

export async function createDefinition(
  db: Db,
  actorId: number,
  input: { key: string; kind: string; json: Record<string, unknown>; title: string },
) {
  return db.$transaction(async (tx) => {
    const def = await tx.surveyDefinition.create({
      data: {
        key: input.key,
        kind: input.kind,
        title: input.title,
        versions: { create: { version: 1, json: JSON.stringify(input.json) } },
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "survey.create", entity: "SurveyDefinition", entityId: def.id, data: { key: input.key } });
    return def;
  });
}

/** A questionnaire's title and description in zh-TW, as SurveyJS reads them (localized text included). */
export function surveyHeading(json: object): { title: string; description: string } {
  return withSurveyModel(json, (m) => ({ title: m.title, description: m.description }));
}
