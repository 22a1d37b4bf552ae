import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

let axeSource: string | null = null;

/**
 * Runs axe-core in the page and returns the serious and critical violations. It is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy does
 * not govern: a script tag added to the page would be refused, as it should be.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
