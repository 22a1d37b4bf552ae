import { existsSync } from "node:fs";
import { chromium, errors, type Page } from "playwright-core";
import { t } from "~/locales";
import { CHROMIUM_PATH } from "~/utils/chromium.server";
import { AppError } from "~/utils/errors";

/** How long a page's own scripts (charts) may take before we give up on the report. */
const READY_TIMEOUT_MS = 30_000;

type PrintOptions = { title: string; readyTimeoutMs?: number };

// The header/footer templates see none of the page's styles and default to a zero font
// size; without a CJK family named here the footer's Chinese prints as empty boxes.
const FOOTER_FONT = `font-family: "Noto Sans CJK TC", "Noto Sans TC", sans-serif; font-size: 8pt; color: #555;`;

function footerTemplate(): string {
  const text = t("report.pdf.footer", { page: `<span class="pageNumber"></span>`, pages: `<span class="totalPages"></span>` });
  return `<div style='width: 100%; text-align: center; ${FOOTER_FONT}'>${text}</div>`;
}

/**
 * Waits for a page that announced `window.__reportPending = true` to set
 * `window.__reportReady = true` (its charts are drawn); pages that announce nothing are
 * printed as soon as they have loaded.
 */
async function waitForReport(page: Page, pageErrors: string[], timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __reportPending?: boolean; __reportReady?: boolean };
        return w.__reportPending !== true || w.__reportReady === true;
      },
      undefined,
      { timeout: timeoutMs },
    );
  } catch (e) {
    if (!(e instanceof errors.TimeoutError)) throw e;
    const cause = pageErrors.length > 0 ? ` The page reported: ${pageErrors.join("; ")}` : "";
    throw new Error(`The report page set window.__reportPending but not window.__reportReady within ${timeoutMs / 1000} s.${cause}`);
  }
}

/**
 * Prints a self-contained HTML document to an A4 PDF with Debian's Chromium, numbering the
 * pages in the footer and turning h1/h2 headings into bookmarks. One browser per call: a
 * report is rare and long, and a fresh process cannot leak one report's state into the next.
 */
export async function htmlToPdf(html: string, o: PrintOptions): Promise<Uint8Array> {
  if (!existsSync(CHROMIUM_PATH)) throw new AppError(503, t("report.pdf.noChromium"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // No sandbox because servers and CI run as root; /dev/shm in containers is too small
    // for long reports; the rest keep Chromium off the closed government network.
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    // The document must carry everything it needs: on a closed network a stray link to a
    // web font would hold the load event until the connection times out.
    await page.route(/^https?:/, (route) => route.abort());
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.setContent(html, { waitUntil: "load" });
    await waitForReport(page, pageErrors, o.readyTimeoutMs ?? READY_TIMEOUT_MS);
    // The document title becomes the PDF's title, which readers show instead of a file name.
    await page.evaluate((title) => (document.title = title), o.title);
    const pdf = await page.pdf({
      format: "A4",
      margin: { top: "18mm", right: "16mm", bottom: "20mm", left: "16mm" },
      printBackground: true,
      preferCSSPageSize: false,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: footerTemplate(),
      tagged: true,
      outline: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
