/** Question types whose answers are choices that can be counted. */
export const COUNTED_TYPES = ["rating", "radiogroup", "dropdown", "checkbox", "boolean"] as const;
export type CountedType = (typeof COUNTED_TYPES)[number];

export type ChoiceOption = { value: string; label: string };

/** A countable question as its definition offers it; `key` is where its answer is stored. */
export type CountedQuestion = { key: string; title: string; type: CountedType; options: ChoiceOption[] };

export type QuestionDistribution = {
  key: string;
  title: string;
  type: CountedType;
  /** Respondents who answered the question. */
  n: number;
  /** Share = count / n; a checkbox respondent may pick several, so its shares may sum past 1. */
  options: Array<ChoiceOption & { count: number; share: number }>;
};

/** The values an answer holds: one, several (checkbox) or none. */
function answerValues(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  // A checkbox counts each option once per respondent, however the array repeats it.
  return Array.isArray(value) ? [...new Set(value.map(String))] : [String(value)];
}

/**
 * Counts answers per option, one respondent at a time, so responses can be fed in
 * batches. A value the definition does not offer (an option removed in a later version,
 * say) is counted under its stored value rather than dropped.
 */
export function createTally(questions: CountedQuestion[]) {
  const counts = new Map(questions.map((q) => [q.key, { n: 0, byValue: new Map<string, number>() }]));
  return {
    add(answers: Record<string, unknown>) {
      for (const q of questions) {
        const values = answerValues(answers[q.key]);
        if (values.length === 0) continue;
        const c = counts.get(q.key)!;
        c.n += 1;
        for (const v of values) c.byValue.set(v, (c.byValue.get(v) ?? 0) + 1);
      }
    },
    result(): QuestionDistribution[] {
      return questions.map((q) => {
        const c = counts.get(q.key)!;
        const known = new Set(q.options.map((o) => o.value));
        const extra = [...c.byValue.keys()]
          .filter((v) => !known.has(v))
          .sort()
          .map((v) => ({ value: v, label: v }));
        const options = [...q.options, ...extra].map((o) => {
          const count = c.byValue.get(o.value) ?? 0;
          return { ...o, count, share: c.n > 0 ? count / c.n : 0 };
        });
        return { key: q.key, title: q.title, type: q.type, n: c.n, options };
      });
    },
  };
}

/**
 * The questions of several versions of one questionnaire, newest first: a question keeps
 * the newest version's title and options, and options only older versions offered follow.
 */
export function mergeQuestions(versions: CountedQuestion[][]): CountedQuestion[] {
  const byKey = new Map<string, CountedQuestion>();
  for (const questions of versions) {
    for (const q of questions) {
      const seen = byKey.get(q.key);
      if (!seen) {
        byKey.set(q.key, { ...q, options: [...q.options] });
        continue;
      }
      for (const o of q.options) if (!seen.options.some((x) => x.value === o.value)) seen.options.push(o);
    }
  }
  return [...byKey.values()];
}
