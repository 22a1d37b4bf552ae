import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { appInBrowser } from "../support/app";
import { login } from "../support/login";

/**
 * Signs in as each role and opens every staff page that role can reach by following links
 * (the navigation, then the first link of each kind on every page, detail pages included),
 * as a person clicking around would. A page fails on an error page, a page error, a
 * console error, an error status for the document or a 5xx for anything it loads. New
 * pages are found by the crawl; the last test fails when a staff page is reachable by
 * no role, so a page nobody links to cannot hide from this test.
 */
const app = appInBrowser();

const ACCOUNTS = [
  { role: "admin", email: "admin@demo.gov.tw", password: "Admin#2026" },
  { role: "analyst", email: "analyst@demo.gov.tw", password: "Analyst#2026" },
  { role: "manager", email: "manager@demo.gov.tw", password: "Manager#2026" },
  { role: "evaluator", email: "evaluator@demo.gov.tw", password: "Evaluator#2026" },
] as const;

const MAX_PAGES_PER_ROLE = 80;
// Downloads and actions are not pages; the citizen questionnaire has its own tests.
const NOT_A_PAGE = /\.(csv|png|svg|json|ico|pdf|ods|xlsx)$|^\/logout$|^\/api\/|^\/s\//;

/** "/offices/12?month=2026-10" → "/offices/:id": one visit per kind of page. */
function pagePattern(pathname: string): string {
  return pathname.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/$/, "") || "/";
}

/** The URL pattern of each staff page route file, e.g. `_staff.admin.users.$id.tsx` → `/admin/users/:id`. */
function staffPagePatterns(): string[] {
  const dir = path.resolve("app/routes");
  return readdirSync(dir)
    .filter((f) => f.startsWith("_staff.") && f !== "_staff.tsx" && /export default function/.test(readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const segments = f
        .replace(/\.tsx$/, "")
        .split(".")
        .slice(1)
        .filter((s) => s !== "_index");
      return "/" + segments.map((s) => (s.startsWith("$") ? ":id" : s)).join("/");
    });
}

type Problem = { url: string; what: string };

async function visit(page: Page, url: string, problems: Problem[]): Promise<string[]> {
  const local: Problem[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") local.push({ url, what: `console error: ${m.text()}` });
  };
  const onPageError = (e: Error) => local.push({ url, what: `page error: ${e.message}` });
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 500) local.push({ url, what: `${r.status()} for ${r.url()}` });
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("response", onResponse);
  try {
    const response = await page.goto(url);
    if (!response || response.status() >= 400) local.push({ url, what: `document status ${response?.status()}` });
    await page.waitForSelector("html[data-hydrated]", { timeout: 15_000 }).catch(() => local.push({ url, what: "never hydrated" }));
    await page.waitForLoadState("networkidle");
    const errorPage = await page.locator("[data-error-page]").count();
    if (errorPage > 0) local.push({ url, what: `error page: ${await page.locator("[data-error-page]").innerText()}` });
    return await page.$$eval("a[href]:not([download])", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("response", onResponse);
    problems.push(...local);
  }
}

const reached = new Set<string>();

describe("every staff page, signed in as each role, in Chromium after hydration", () => {
  for (const account of ACCOUNTS) {
    it(`opens every page a ${account.role} can reach without an error`, async () => {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await login(page, app.url, account.email, account.password);
      const origin = new URL(app.url).origin;
      const queue = [`${app.url}/`];
      const seen = new Set<string>();
      const problems: Problem[] = [];
      const visited: string[] = [];
      while (queue.length > 0 && visited.length < MAX_PAGES_PER_ROLE) {
        const url = queue.shift()!;
        const links = await visit(page, url, problems);
        visited.push(new URL(url).pathname);
        for (const href of links) {
          const target = new URL(href);
          if (target.origin !== origin || NOT_A_PAGE.test(target.pathname)) continue;
          const pattern = pagePattern(target.pathname);
          if (seen.has(pattern)) continue;
          seen.add(pattern);
          queue.push(`${target.origin}${target.pathname}${target.search}`);
        }
      }
      await context.close();
      for (const p of visited) reached.add(pagePattern(p));
      expect(problems).toEqual([]);
      // Each role lands somewhere real: a handful of pages at least.
      expect(visited.length).toBeGreaterThan(3);
    }, 600_000);
  }

  it("reaches every staff page from some role's links", () => {
    const unreached = staffPagePatterns().filter((p) => !reached.has(p));
    expect(unreached).toEqual([]);
  });
});
