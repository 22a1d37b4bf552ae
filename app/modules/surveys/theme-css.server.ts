import { BaseTheme, createBaseThemeStyle, createBoxShadowReset } from "survey-core";

// SurveyJS computes these in the browser from the page's computed style; their inputs
// are the theme's own variables, so they are resolved here once instead.
const RESET_VARIABLES = [
  "--sjs2-border-effect-surface-default",
  "--sjs2-border-effect-surface-focused",
  "--sjs2-border-effect-component-formbox-default",
  "--sjs2-border-effect-component-formbox-focused",
];

let css: string | undefined;

/**
 * SurveyJS's theme variables as one stylesheet (about 170 KB, 15 KB compressed): SurveyJS
 * would otherwise write them into every page as an inline `<style>`, which no cache keeps.
 */
export function surveyThemeCss(): string {
  if (css === undefined) {
    const variables = (BaseTheme as { cssVariables: Record<string, string> }).cssVariables;
    const resolve = (value: string, depth = 0): string =>
      depth > 10
        ? value
        : value.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => (name in variables ? resolve(variables[name], depth + 1) : whole));
    const resets = RESET_VARIABLES.filter((name) => name in variables).map(
      (name) => `  ${name}-reset: ${createBoxShadowReset(resolve(variables[name]))};`,
    );
    css = `${createBaseThemeStyle()}\n:where(.sd-theme-root) {\n${resets.join("\n")}\n}\n`;
  }
  return css;
}
