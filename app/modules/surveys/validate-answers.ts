import { compileValidator, type Compilation } from "./compiled-validation";
import { parseAnswers, shapeError, validateWithSurveyCore, type ValidationResult } from "./validation";

// Compiled validators per definition text: versions are few, and a version's text only
// changes before it has responses, which gives it a new key here.
const CACHE_SIZE = 32;
type Compiled = Extract<Compilation, { ok: true }>;
const cache = new Map<string, Compiled | null>();

/** The compiled validator of a definition's text, or null when survey-core must judge it. */
export function compiledFor(text: string): Compiled | null {
  let compiled = cache.get(text);
  if (compiled === undefined) {
    const made = compileValidator(JSON.parse(text));
    compiled = made.ok ? made : null;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(text, compiled);
  }
  return compiled;
}

/**
 * Checks a citizen's answers against the questionnaire they answer (its definition, as
 * stored text or as an object): with the validator compiled for it when the definition
 * allows, otherwise with survey-core. Both give the same verdict and messages.
 */
export function validateAnswers(definition: string | object, input: unknown): ValidationResult {
  const text = typeof definition === "string" ? definition : JSON.stringify(definition);
  const compiled = compiledFor(text);
  if (!compiled) return validateWithSurveyCore(JSON.parse(text), input);
  const answers = parseAnswers(input);
  return answers ? compiled.validate(answers) : shapeError();
}
