import { surveyThemeCss } from "~/modules/surveys/theme-css.server";

/** SurveyJS's theme variables; the page asks for them with survey-core's version in the query, so the year-long cache is safe. */
export function loader() {
  return new Response(surveyThemeCss(), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
