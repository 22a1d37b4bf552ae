import { Prisma } from "~/generated/prisma/client";
import { t } from "~/locales";
import { currentScale } from "~/modules/courtesy/scales.server";
import { audit } from "~/modules/org/audit.server";
import { officeScope, type ScopedUser } from "~/modules/org/roles";
import { isIsoDate, lastMonths, taipeiDate } from "~/utils/dates";
import type { Db, DbOrTx } from "~/utils/db.server";
import { checklistItemsJoin } from "~/utils/sql-dialect.server";
import { recordingRefusal } from "./access";
import { readChecklistForm, type ChecklistAnswers } from "./form";
import { scoreChecklist } from "./score";
import { scoreTrend } from "./stats";
import { BUILTIN_TEMPLATES, templateItems, validateTemplate, type ChecklistTemplateDef } from "./templates";

export type StoredTemplate = { id: number; template: ChecklistTemplateDef };

/**
 * Stores each built-in template version that is not in the database yet. Pages call it
 * on first access, so a fresh database (or one seeded before checklists existed) works;
 * an upsert keeps two first requests from racing into a unique-key error.
 */
export async function ensureTemplates(db: DbOrTx): Promise<void> {
  const have = await db.checklistTemplate.findMany({ select: { key: true, version: true } });
  for (const def of BUILTIN_TEMPLATES) {
    if (have.some((h) => h.key === def.key && h.version === def.version)) continue;
    validateTemplate(def);
    await db.checklistTemplate.upsert({
      where: { key_version: { key: def.key, version: def.version } },
      create: { key: def.key, version: def.version, title: def.title, json: JSON.stringify(def) },
      update: {},
    });
  }
}

/** The newest version of every template, for starting a new record. */
export async function latestTemplates(db: Db): Promise<StoredTemplate[]> {
  const rows = await db.checklistTemplate.findMany({
    orderBy: [{ key: "asc" }, { version: "desc" }],
    select: { id: true, key: true, json: true },
  });
  const latest = rows.filter((row, i) => i === 0 || rows[i - 1].key !== row.key);
  return latest.map((row) => ({ id: row.id, template: JSON.parse(row.json) as ChecklistTemplateDef }));
}

export async function templateById(db: Db, id: number): Promise<StoredTemplate | null> {
  const row = await db.checklistTemplate.findUnique({ where: { id }, select: { id: true, json: true } });
  return row ? { id: row.id, template: JSON.parse(row.json) as ChecklistTemplateDef } : null;
}

const officeSelect = { id: true, name: true, authorityId: true } as const;

/** The offices the user may record a visit to, by name. */
export async function recordableOffices(db: Db, user: ScopedUser) {
  const offices = await db.office.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: officeSelect });
  return offices.filter((o) => recordingRefusal(user, o) === null);
}

/** The offices the user may filter the list by: those whose records they can read. */
export async function listableOffices(db: Db, user: ScopedUser) {
  if (user.role === "evaluator") {
    return db.office.findMany({
      where: { checklistRecords: { some: { evaluatorId: user.id } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    });
  }
  const scope = officeScope(user);
  if (!scope) return [];
  return db.office.findMany({ where: scope, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** A `where` on ChecklistRecord limiting rows to what the user may read, or null for nothing. */
export function recordScope(user: ScopedUser): Prisma.ChecklistRecordWhereInput | null {
  if (user.role === "evaluator") return { evaluatorId: user.id };
  const scope = officeScope(user);
  return scope ? { office: scope } : null;
}

export type RecordFilters = { month?: string; officeId?: number; templateKey?: string };

export async function listRecords(db: Db, user: ScopedUser, filters: RecordFilters, take = 200) {
  const scope = recordScope(user);
  if (!scope) return [];
  const rows = await db.checklistRecord.findMany({
    where: {
      AND: [
        scope,
        filters.month ? { month: filters.month } : {},
        filters.officeId ? { officeId: filters.officeId } : {},
        filters.templateKey ? { template: { key: filters.templateKey } } : {},
      ],
    },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      date: true,
      kind: true,
      score: true,
      band: true,
      office: { select: { id: true, name: true } },
      evaluatorId: true,
      template: { select: { title: true, version: true } },
    },
  });
  const names = await evaluatorNames(
    db,
    rows.map((r) => r.evaluatorId),
  );
  return rows.map(({ evaluatorId, ...r }) => ({ ...r, evaluatorName: names.get(evaluatorId) ?? "" }));
}

/** ChecklistRecord.evaluatorId has no relation in the schema, so names are looked up. */
async function evaluatorNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** A record with its template and answers parsed; null when missing. */
export async function getRecord(db: Db, id: number) {
  const row = await db.checklistRecord.findUnique({
    where: { id },
    select: {
      id: true,
      date: true,
      month: true,
      kind: true,
      score: true,
      band: true,
      notes: true,
      answers: true,
      submittedAt: true,
      evaluatorId: true,
      office: { select: officeSelect },
      template: { select: { id: true, json: true } },
    },
  });
  if (!row) return null;
  const { answers, template, ...rest } = row;
  const names = await evaluatorNames(db, [row.evaluatorId]);
  return {
    ...rest,
    evaluatorName: names.get(row.evaluatorId) ?? "",
    template: JSON.parse(template.json) as ChecklistTemplateDef,
    answers: JSON.parse(answers) as ChecklistAnswers,
  };
}

export type ChecklistRecordView = NonNullable<Awaited<ReturnType<typeof getRecord>>>;

export type CreateInput = { templateId: number; officeId: number; date: string; data: unknown };

export type CreateOutcome =
  | { ok: true; id: number; score: number; band: string }
  | { ok: false; status: 400 | 403 | 404; message: string; errors?: Record<string, string[]> };

/**
 * Checks who may record where and when, validates the answers against the template
 * version chosen, scores them on the courtesy scale's bands and stores the record with
 * an audit entry. Nothing is written unless everything holds.
 */
export async function createRecord(db: Db, user: ScopedUser, input: CreateInput, now = new Date()): Promise<CreateOutcome> {
  const stored = await templateById(db, input.templateId);
  if (!stored) return { ok: false, status: 400, message: t("checklist.error.template") };
  const office = await db.office.findUnique({ where: { id: input.officeId }, select: officeSelect });
  if (!office) return { ok: false, status: 400, message: t("checklist.error.office") };
  const refusal = recordingRefusal(user, office);
  if (refusal)
    return {
      ok: false,
      status: 403,
      message: t(refusal === "ownOffice" ? "checklist.error.ownOffice" : "checklist.error.officeNotAllowed"),
    };
  if (!isIsoDate(input.date)) return { ok: false, status: 400, message: t("error.invalidDate") };
  if (input.date > taipeiDate(now)) return { ok: false, status: 400, message: t("checklist.error.futureDate") };

  const form = readChecklistForm(stored.template, input.data);
  if (!form.ok) return { ok: false, status: 400, message: t("checklist.error.rejected"), errors: form.errors };
  const { scale } = await currentScale(db);
  const score = scoreChecklist(stored.template, form.answers.checks, scale);

  const id = await db.$transaction(async (tx) => {
    const row = await tx.checklistRecord.create({
      data: {
        templateId: stored.id,
        officeId: office.id,
        date: input.date,
        month: input.date.slice(0, 7),
        evaluatorId: user.id,
        kind: stored.template.kind,
        answers: JSON.stringify(form.answers),
        score: score.score,
        band: score.band,
        notes: form.notes,
        submittedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "checklist.record.create",
      entity: "ChecklistRecord",
      entityId: row.id,
      data: { officeId: office.id, templateId: stored.id, date: input.date, score: score.score, band: score.band },
    });
    return row.id;
  });
  return { ok: true, id, score: score.score, band: score.band };
}

type SummaryOptions = { endMonth: string; templateKey?: string; evaluatorId?: number };

/**
 * One office's last 12 months: mean score per month with n and interval, and the items
 * failed most often. Both are aggregated in SQL (the per-item counts unnest the stored
 * answers in SQL), so the cost grows with months and items, not with records.
 * Callers check that the user may see the office; evaluators pass their own id.
 */
export async function officeChecklistSummary(db: Db, officeId: number, o: SummaryOptions) {
  const months = lastMonths(o.endMonth, 12);
  const filter = Prisma.sql`r."officeId" = ${officeId}
    AND r."month" IN (${Prisma.join(months)})
    ${o.templateKey ? Prisma.sql`AND t."key" = ${o.templateKey}` : Prisma.empty}
    ${o.evaluatorId ? Prisma.sql`AND r."evaluatorId" = ${o.evaluatorId}` : Prisma.empty}`;
  const monthly = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT r."month" AS "month", COUNT(*) AS "n", SUM(r."score") AS "sum", SUM(r."score" * r."score") AS "sumSq"
    FROM "ChecklistRecord" r JOIN "ChecklistTemplate" t ON t."id" = r."templateId"
    WHERE ${filter}
    GROUP BY r."month"`;
  const items = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT t."key" AS "templateKey", i."key" AS "item",
           SUM(CASE WHEN i."value" = 'no' THEN 1 ELSE 0 END) AS "failed",
           SUM(CASE WHEN i."value" IN ('yes', 'no') THEN 1 ELSE 0 END) AS "checked"
    FROM "ChecklistRecord" r
    JOIN "ChecklistTemplate" t ON t."id" = r."templateId"
    ${checklistItemsJoin(Prisma.sql`r."answers"`)}
    WHERE ${filter}
    GROUP BY t."key", i."key"
    HAVING SUM(CASE WHEN i."value" = 'no' THEN 1 ELSE 0 END) > 0
    ORDER BY "failed" DESC, "checked" ASC, t."key", i."key"
    LIMIT 10`;

  const trend = scoreTrend(
    months,
    monthly.map((r) => ({ month: String(r.month), n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sumSq) })),
  );
  const labels = await itemLabels(db);
  const topFailed = items.map((r) => {
    const templateKey = String(r.templateKey);
    const item = String(r.item);
    const label = labels.get(`${templateKey}/${item}`);
    const failed = Number(r.failed);
    const checked = Number(r.checked);
    return {
      templateKey,
      item,
      templateTitle: label?.title ?? templateKey,
      label: label?.label ?? item,
      failed,
      checked,
      rate: checked ? failed / checked : 0,
    };
  });
  return { months, trend, topFailed };
}

/** Item labels by "templateKey/itemKey", the newest version's wording winning. */
async function itemLabels(db: Db) {
  const rows = await db.checklistTemplate.findMany({ orderBy: { version: "asc" }, select: { json: true } });
  const labels = new Map<string, { title: string; label: string }>();
  for (const row of rows) {
    const template = JSON.parse(row.json) as ChecklistTemplateDef;
    for (const item of templateItems(template))
      labels.set(`${template.key}/${item.key}`, { title: template.title, label: `${item.group.label}：${item.label}` });
  }
  return labels;
}
