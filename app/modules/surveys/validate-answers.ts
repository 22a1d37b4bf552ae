import { compileValidator, type CompiledValidator } from "./compiled-validation";
import { parseAnswers, shapeError, validateWithSurveyCore, type ValidationResult } from "./validation";

// Compiled validators per definition text: versions are few, and a version's text only
// changes before it has responses, which gives it a new key here.
const CACHE_SIZE = 32;
const cache = new Map<string, CompiledValidator | null>();

function compiledFor(text: string): CompiledValidator | null {
  let validate = cache.get(text);
  if (validate === undefined) {
    const compiled = compileValidator(JSON.parse(text));
    validate = compiled.ok ? compiled.validate : null;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(text, validate);
  }
  return validate;
}

/**
 * Checks a citizen's answers against the questionnaire they answer (its definition, as
 * stored text or as an object): with the validator compiled for it when the definition
 * allows, otherwise with survey-core. Both give the same verdict and messages.
 */
export function validateAnswers(definition: string | object, input: unknown): ValidationResult {
  const text = typeof definition === "string" ? definition : JSON.stringify(definition);
  const validate = compiledFor(text);
  if (!validate) return validateWithSurveyCore(JSON.parse(text), input);
  const answers = parseAnswers(input);
  return answers ? validate(answers) : shapeError();
}
