import type { PanelModel, Question } from "survey-core";
import {
  answersFromForm,
  nativeQuestions,
  type ChoiceValue,
  type NativeElement,
  type NativeQuestion,
  type NativeSurvey,
} from "./native-form";
import { compiledFor } from "./validate-answers";
import { createSurveyModel } from "./model";
import { sanitizeDefinition } from "./sanitize.server";

const CACHE_SIZE = 32;
const cache = new Map<string, NativeSurvey | null>();

/**
 * The native form of a questionnaire (its stored definition text), or null when it uses
 * anything the form cannot render; then the page waits for SurveyJS. The subset is the
 * compiled validator's: a definition it covers is one whose every question maps onto a
 * native control. Built once per definition text, with its html sanitized.
 */
export function nativeSurvey(text: string): NativeSurvey | null {
  let survey = cache.get(text);
  if (survey === undefined) {
    survey = compiledFor(text) ? build(sanitizeDefinition(JSON.parse(text) as object)) : null;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(text, survey);
  }
  return survey;
}

function build(definition: object): NativeSurvey {
  const model = createSurveyModel(definition);
  try {
    let index = 0;
    const element = (e: Question | PanelModel): NativeElement => {
      if (e.isPanel) {
        const panel = e as PanelModel;
        return { kind: "panel", title: panel.title, description: panel.description, elements: elements(panel.elements as Question[]) };
      }
      const q = e as Question;
      if (q.getType() === "html") return { kind: "html", name: q.name, html: String(q.html ?? "") };
      return { kind: "question", question: question(q, index++) };
    };
    const elements = (list: Array<Question | PanelModel>): NativeElement[] => list.map(element);
    return {
      pages: model.pages.map((page) => ({
        title: page.title,
        description: page.description,
        elements: elements(page.elements as Question[]),
      })),
      completeText: model.completeText,
    };
  } finally {
    model.dispose();
  }
}

function question(q: Question, index: number): NativeQuestion {
  const type = q.getType() as NativeQuestion["type"];
  // The compiled subset allows only scalar values (unsupportedFeature checks the items).
  const items = (list: Array<{ value: ChoiceValue; text: string }>) => list.map((i) => ({ value: i.value, text: i.text }));
  const base: NativeQuestion = {
    index,
    name: q.name,
    type,
    title: q.title,
    description: q.description,
    required: q.isRequired,
    choices: [],
  };
  switch (type) {
    case "rating":
      return {
        ...base,
        choices: items(q.visibleRateValues),
        minText: q.minRateDescription || undefined,
        maxText: q.maxRateDescription || undefined,
      };
    case "radiogroup":
    case "dropdown":
    case "checkbox":
      return {
        ...base,
        choices: items(q.visibleChoices),
        otherValue: q.hasOther ? (q.otherItem.value as ChoiceValue) : undefined,
        placeholder: q.placeholder || undefined,
      };
    case "boolean":
      return {
        ...base,
        choices: [
          { value: true, text: q.locLabelTrue.renderedHtml },
          { value: false, text: q.locLabelFalse.renderedHtml },
        ],
      };
    case "matrix":
      return {
        ...base,
        choices: items(q.visibleColumns),
        rows: (q.visibleRows as Array<{ name: unknown; text: string }>).map((r) => ({ value: String(r.name), text: r.text })),
      };
    default: {
      const max = q.getMaxLength();
      return { ...base, inputType: q.inputType, maxLength: max > 0 ? max : undefined, placeholder: q.placeholder || undefined };
    }
  }
}

/**
 * The answers of a native form post as SurveyJS would send them: the answers of
 * questions that the other answers hide are dropped (the citizen answered them while
 * they showed, before changing what revealed them), until none is left.
 */
export function nativeAnswers(text: string, survey: NativeSurvey, form: FormData): Record<string, unknown> {
  const answers = answersFromForm(survey, form);
  const compiled = compiledFor(text);
  if (!compiled) return answers;
  const questions = nativeQuestions(survey);
  for (let dropped = true; dropped;) {
    dropped = false;
    const visible = compiled.visible(answers);
    for (const q of questions) {
      if (!visible.has(q.name) && q.name in answers) {
        delete answers[q.name];
        delete answers[`${q.name}-Comment`];
        dropped = true;
      }
    }
  }
  return answers;
}

/** The names of the questions and html blocks these answers show. */
export function visibleNames(text: string, answers: Record<string, unknown>): string[] {
  return [...(compiledFor(text)?.visible(answers) ?? [])];
}
