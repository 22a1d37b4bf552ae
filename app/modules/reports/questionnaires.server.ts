import type { Question, QuestionBooleanModel, QuestionRatingModel, QuestionSelectBase } from "survey-core";
import type { Prisma } from "~/generated/prisma/client";
import { t } from "~/locales";
import { withSurveyModel } from "~/modules/surveys/model";
import type { Db } from "~/utils/db.server";
import { errorResponse, idParam } from "~/utils/http.server";
import {
  COUNTED_TYPES,
  createTally,
  mergeQuestions,
  type ChoiceOption,
  type CountedQuestion,
  type CountedType,
} from "./question-distribution";

export type Questionnaire = { id: number; title: string; kind: string };

const QUESTIONNAIRE_SELECT = { id: true, title: true, kind: true } as const;

/**
 * The citizen questionnaire (民眾滿意度) whose dimensions make an office's figures and
 * its comparison with peers; the oldest one when an administrator has made several.
 */
export function citizenQuestionnaire(db: Db): Promise<Questionnaire | null> {
  return db.surveyDefinition.findFirst({ where: { kind: "citizen" }, orderBy: { id: "asc" }, select: QUESTIONNAIRE_SELECT });
}

/** Questionnaires answered at any office matching `offices` (a Prisma `where`), with the citizen questionnaire always first. */
export async function answeredQuestionnaires(db: Db, offices: Prisma.OfficeWhereInput): Promise<Questionnaire[]> {
  const citizen = await citizenQuestionnaire(db);
  // The offices' ids first: PostgreSQL answers a relation filter on Office inside the
  // semi-join by joining every response (a third of a second at a million), but an id
  // list by one probe of the (versionId, officeId) index per version.
  const officeIds = (await db.office.findMany({ where: offices, select: { id: true } })).map((o) => o.id);
  const answered = await db.surveyDefinition.findMany({
    where: { versions: { some: { responses: { some: { officeId: { in: officeIds } } } } } },
    orderBy: { id: "asc" },
    select: QUESTIONNAIRE_SELECT,
  });
  return [...(citizen ? [citizen] : []), ...answered.filter((q) => q.id !== citizen?.id)];
}

/** Questionnaires answered at the office, with the citizen questionnaire always first. */
export function officeQuestionnaires(db: Db, officeId: number): Promise<Questionnaire[]> {
  return answeredQuestionnaires(db, { id: officeId });
}

/** The questionnaire `?survey=ID` picks among those offered, the first by default; 404 for any other. */
export function pickQuestionnaire(offered: Questionnaire[], param: string | null): Questionnaire | null {
  if (param === null || param === "") return offered[0] ?? null;
  const id = idParam(param);
  const picked = offered.find((q) => q.id === id);
  if (!picked) throw errorResponse(404, t("office.error.questionnaire"));
  return picked;
}

function optionsOf(q: Question): ChoiceOption[] {
  switch (q.getType() as CountedType) {
    case "rating":
      return (q as QuestionRatingModel).visibleRateValues.map((i) => ({ value: String(i.value), label: i.text }));
    case "boolean": {
      const b = q as QuestionBooleanModel;
      return [
        { value: String(b.getValueTrue()), label: b.labelTrue || t("common.yes") },
        { value: String(b.getValueFalse()), label: b.labelFalse || t("common.no") },
      ];
    }
    default: {
      const s = q as QuestionSelectBase;
      const items = [...s.choices, ...(s.showOtherItem ? [s.otherItem] : []), ...(s.showNoneItem ? [s.noneItem] : [])];
      return items.map((i) => ({ value: String(i.value), label: i.text }));
    }
  }
}

/** The countable questions of one definition, in the order a respondent meets them. */
function countedQuestions(surveyJson: unknown): CountedQuestion[] {
  return withSurveyModel(surveyJson, (model) =>
    model
      .getAllQuestions()
      .filter((q) => (COUNTED_TYPES as readonly string[]).includes(q.getType()))
      .map((q) => ({ key: q.getValueName(), title: q.title, type: q.getType() as CountedType, options: optionsOf(q) })),
  );
}

const BATCH = 500;

/**
 * Per-question distribution of one questionnaire's answers at one office over the months,
 * read from the stored responses (only rated questions have numeric rows). Choices are
 * counted in TypeScript, a batch of responses at a time so memory stays flat; the cost is
 * bounded by one office × one questionnaire × one period. Suspected duplicates are left
 * out, as in every other figure.
 */
export async function questionnaireResults(db: Db, definitionId: number, officeId: number, months: string[]) {
  const versions = await db.surveyVersion.findMany({ where: { definitionId }, orderBy: { version: "desc" }, select: { json: true } });
  const tally = createTally(mergeQuestions(versions.map((v) => countedQuestions(JSON.parse(v.json)))));
  const where = { officeId, month: { in: months }, duplicate: false, version: { definitionId } };
  let cursor = 0;
  for (;;) {
    const batch = await db.response.findMany({
      where: { ...where, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, answers: true },
    });
    for (const r of batch) tally.add(JSON.parse(r.answers) as Record<string, unknown>);
    if (batch.length < BATCH) break;
    cursor = batch[batch.length - 1].id;
  }
  return tally.result();
}
