// Benchmark: server-side validation of citizen submissions. Every response loads the
// questionnaire into a survey-core Model, validates it and checks types, so this is the
// CPU cost per submission on the server. Target: under 5 ms per response on these machines.
import { validateAnswers } from "../../app/modules/surveys/validate-answers";
import { citizenSatisfaction } from "../../app/modules/surveys/templates/citizen";
import { seededRandom } from "../../app/utils/random";

const RESPONSES = 2_000;
const RATED = citizenSatisfaction.pages
  .flatMap((p) => p.elements as Array<{ type: string; name: string }>)
  .filter((e) => e.type === "rating")
  .map((e) => e.name);

const random = seededRandom(7);
const submissions = Array.from({ length: RESPONSES }, () => {
  const answers: Record<string, unknown> = Object.fromEntries(RATED.map((name) => [name, 1 + Math.floor(random() * 5)]));
  if (random() < 0.3) answers.comment = "等候時間有點久，希望增加櫃台。";
  if (random() < 0.5) answers.purpose = "registration";
  return answers;
});

validateAnswers(citizenSatisfaction, submissions[0]); // warm-up: module and locale loading
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
let valid = 0;
for (const answers of submissions) if (validateAnswers(citizenSatisfaction, answers).ok) valid += 1;
const elapsed = performance.now() - started;
const perResponse = elapsed / RESPONSES;

console.log(`intake: ${RESPONSES} citizen submissions validated (${valid} valid)`);
console.log(
  `  total ${elapsed.toFixed(0)} ms, ${perResponse.toFixed(2)} ms per response, ${Math.round(1000 / perResponse)} responses/s on one core`,
);
console.log(`  heap growth ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(1)} MiB`);
console.log(`  target < 5 ms per response: ${perResponse < 5 ? "met" : "NOT met"}`);
