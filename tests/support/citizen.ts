/**
 * The rating questions of the shipped citizen questionnaire, written out here rather than
 * read from the template, so that a test notices when the template loses or renames one.
 */
export const RATED = [
  "env_clean",
  "env_signs",
  "env_facilities",
  "courtesy_attitude",
  "courtesy_active",
  "prof_knowledge",
  "prof_efficiency",
  "prof_clarity",
  "measures_online",
  "measures_info",
  "overall",
];
