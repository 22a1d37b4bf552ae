import type { Db } from "~/utils/db.server";
import { taipeiDayStart, addDays } from "~/utils/dates";
import { withSurveyModel } from "~/modules/surveys/model";
import { csvLine, UTF8_BOM } from "./csv";

export type ResponsesQuery = { officeIds: number[]; from: string; to: string };

const BATCH = 1000;

/** Question names of the versions answered in range, in questionnaire order, without personal data. */
async function questionColumns(db: Db, where: object): Promise<string[]> {
  const versions = await db.surveyVersion.findMany({
    where: { responses: { some: where } },
    select: { json: true },
    orderBy: { id: "asc" },
  });
  const names: string[] = [];
  for (const v of versions) {
    withSurveyModel(JSON.parse(v.json), (model) => {
      for (const q of model.getAllQuestions()) {
        const name = q.getValueName();
        if (!q.isPersonalData && !names.includes(name)) names.push(name);
      }
    });
  }
  return names;
}

/**
 * Streams one CSV row per response (UTF-8 with BOM) in batches, so memory stays flat
 * however many responses fall in the range. No IP, browser or token data is exported.
 */
export async function responsesCsvStream(db: Db, q: ResponsesQuery): Promise<ReadableStream<Uint8Array>> {
  const where = {
    officeId: { in: q.officeIds },
    submittedAt: { gte: taipeiDayStart(q.from), lt: taipeiDayStart(addDays(q.to, 1)) },
  };
  const columns = await questionColumns(db, where);
  const encoder = new TextEncoder();
  let cursor = 0;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        const head = [
          "response_id",
          "office_id",
          "office",
          "channel",
          "survey",
          "version",
          "submitted_at",
          "duration_seconds",
          "duplicate",
          ...columns,
        ];
        controller.enqueue(encoder.encode(UTF8_BOM + csvLine(head)));
        return;
      }
      const rows = await db.response.findMany({
        where: { ...where, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: BATCH,
        select: {
          id: true,
          officeId: true,
          answers: true,
          submittedAt: true,
          durationMs: true,
          duplicate: true,
          office: { select: { name: true } },
          channel: { select: { code: true } },
          version: { select: { version: true, definition: { select: { key: true } } } },
        },
      });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      cursor = rows[rows.length - 1].id;
      let chunk = "";
      for (const r of rows) {
        const answers = JSON.parse(r.answers) as Record<string, unknown>;
        chunk += csvLine([
          r.id,
          r.officeId,
          r.office.name,
          r.channel.code,
          r.version.definition.key,
          r.version.version,
          taipeiIso(r.submittedAt),
          r.durationMs === null ? null : Math.round(r.durationMs / 1000),
          r.duplicate,
          ...columns.map((c) => answers[c]),
        ]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

function taipeiIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000)
    .toISOString()
    .replace("Z", "+08:00")
    .replace(/\.\d{3}/, "");
}
