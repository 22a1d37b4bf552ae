/**
 * A questionnaire as a plain HTML form of native controls: what the citizen's phone shows
 * before (or without) JavaScript, posted form-encoded to the same action as SurveyJS's
 * JSON. The server builds it from the definition (native-survey.server.ts); the browser
 * reads the form back into answers when SurveyJS takes over, with the same function the
 * server uses for a form post, so both read a tap the same way. No survey-core here:
 * this module is in the page's first, small bundle.
 */

/** Choice values as definitions write them (JSON scalars). */
export type ChoiceValue = string | number | boolean;

export type NativeChoice = { value: ChoiceValue; text: string };

export type NativeQuestion = {
  /** Position among the survey's questions: form fields are named by it, never by a name an admin typed. */
  index: number;
  name: string;
  type: "rating" | "radiogroup" | "dropdown" | "checkbox" | "boolean" | "text" | "comment" | "matrix";
  title: string;
  description: string;
  required: boolean;
  /** Offered values: rating steps, choices (with "other" and "none"), yes and no, or a matrix's columns. */
  choices: NativeChoice[];
  /** The value of the choice that asks for text, when there is one. */
  otherValue?: ChoiceValue;
  /** A matrix's rows; `value` is the key its answer object uses. */
  rows?: Array<{ value: string; text: string }>;
  inputType?: "text" | "tel" | "number";
  maxLength?: number;
  placeholder?: string;
  /** A rating's words for its two ends. */
  minText?: string;
  maxText?: string;
};

export type NativeElement =
  | { kind: "question"; question: NativeQuestion }
  | { kind: "html"; name: string; html: string }
  | { kind: "panel"; title: string; description: string; elements: NativeElement[] };

export type NativePage = { title: string; description: string; elements: NativeElement[] };

export type NativeSurvey = { pages: NativePage[]; completeText: string };

/** The form field of a question's answer, of one matrix row's, or of its "other" text. */
export const fieldName = (q: NativeQuestion, part?: number | "other") =>
  part === undefined ? `q${q.index}` : part === "other" ? `q${q.index}.other` : `q${q.index}.r${part}`;

/** Every question of the survey, in order. */
export function nativeQuestions(survey: NativeSurvey): NativeQuestion[] {
  const walk = (elements: NativeElement[]): NativeQuestion[] =>
    elements.flatMap((e) => (e.kind === "question" ? [e.question] : e.kind === "panel" ? walk(e.elements) : []));
  return survey.pages.flatMap((p) => walk(p.elements));
}

type FormEntries = Iterable<[string, FormDataEntryValue]>;

/**
 * The answers a form holds, shaped as SurveyJS sends them (`{ name: value }`, checkbox
 * arrays, matrix `{ row: column }`, "other" text as `name-Comment`). A choice field holds
 * the choice's position; a position the question does not offer is passed on as the text
 * it is, so the validator refuses it by name instead of this reader guessing. Empty
 * fields are no answer.
 */
export function answersFromForm(survey: NativeSurvey, form: FormEntries): Record<string, unknown> {
  const fields = new Map<string, string[]>();
  for (const [key, value] of form) if (typeof value === "string") fields.set(key, [...(fields.get(key) ?? []), value]);
  const answers: Record<string, unknown> = {};
  for (const q of nativeQuestions(survey)) {
    const value = questionValue(q, fields);
    if (value !== undefined) answers[q.name] = value;
    const other = fields.get(fieldName(q, "other"))?.[0];
    if (other !== undefined && other.trim() !== "") answers[`${q.name}-Comment`] = other;
  }
  return answers;
}

const choiceAt = (choices: NativeChoice[], raw: string): unknown => {
  const at = /^\d+$/.test(raw) ? Number(raw) : -1;
  return at < choices.length && at >= 0 ? choices[at].value : raw;
};

function questionValue(q: NativeQuestion, fields: Map<string, string[]>): unknown {
  const given = (fields.get(fieldName(q)) ?? []).filter((v) => v !== "");
  switch (q.type) {
    case "checkbox":
      return given.length > 0 ? given.map((raw) => choiceAt(q.choices, raw)) : undefined;
    case "matrix": {
      const cells: Record<string, unknown> = {};
      (q.rows ?? []).forEach((row, i) => {
        const raw = fields.get(fieldName(q, i))?.[0];
        if (raw !== undefined && raw !== "") cells[row.value] = choiceAt(q.choices, raw);
      });
      return Object.keys(cells).length > 0 ? cells : undefined;
    }
    case "text":
    case "comment": {
      const text = fields.get(fieldName(q))?.[0];
      if (text === undefined || text.trim() === "") return undefined;
      if (q.inputType === "number") return Number.isFinite(Number(text)) ? Number(text) : text;
      return text;
    }
    default:
      return given.length > 0 ? choiceAt(q.choices, given[0]) : undefined;
  }
}

/** The position of an answer among the offered values, for showing it chosen again. */
export const choiceIndex = (choices: NativeChoice[], value: unknown) => choices.findIndex((c) => c.value === value);
